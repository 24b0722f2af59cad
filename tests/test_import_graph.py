"""The layers load → validate → model → render/export/search import without cycles (scripts/import_graph.py)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import import_graph  # noqa: E402


def test_the_layers_have_no_cycle_and_the_outputs_do_not_import_each_other() -> None:
    edges = import_graph.graph()
    assert import_graph.problems(edges) == []
    assert edges["load"] == set()  # reading files knows nothing of the rules
    assert not edges["render"] & {"export", "search"} and not edges["export"] & {"render", "search"}


def test_the_check_finds_a_cycle_and_an_output_importing_another() -> None:
    """The check is not vacuous: it names a cycle and render importing export."""
    edges = {layer: set() for layer in import_graph.LAYERS}
    edges["load"] = {"validate"}
    edges["validate"] = {"load"}
    edges["render"] = {"export"}
    assert import_graph.problems(edges) == ["render imports export", "cycle: load → validate → load"]


def test_the_script_prints_the_graph() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_graph.py")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "model → validate" in proc.stdout
