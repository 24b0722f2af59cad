"""The hostile-dossier generator (bench/hostile.py) through the whole pipeline, a bounded number of cases.

The crafted cases of issue 11 and DVK_HOSTILE_CASES random ones (default 40; the larger campaign is
`python3 bench/hostile.py 1000`, figures in bench/README.md): no traceback, nothing the check
accepted fails the build, no invalid file published, no personal data published, no forged or raw
control line in `dvk check`'s output.
"""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import hostile  # noqa: E402  (bench/hostile.py)

CASES = int(os.environ.get("DVK_HOSTILE_CASES", "40"))


@pytest.fixture(scope="module")
def result() -> "hostile.Result":
    return hostile.run(CASES, seed=3, browser=3)


def test_every_case_went_through(result: "hostile.Result") -> None:
    assert result.tried >= CASES  # (the crafted ones on top)
    assert result.refused > 0 and result.published > 0  # the generator makes both kinds


def test_no_traceback_and_no_build_failure(result: "hostile.Result") -> None:
    assert result.tracebacks == []
    assert result.build_failures == []


def test_no_invalid_file_is_published(result: "hostile.Result") -> None:
    assert result.invalid == []
    assert result.published_safely == result.published - len(result.pii_leaked)
    assert result.browser_pages == 3


def test_personal_data_is_never_published(result: "hostile.Result") -> None:
    assert result.pii_cases > 0
    assert result.pii_leaked == []


def test_check_output_is_never_forged(result: "hostile.Result") -> None:
    assert result.unsafe_output == []


def test_crafted_cases_are_refused_by_the_rule_meant_for_them() -> None:
    """Each defect of issue 11 that the check must refuse is refused, by its rule."""
    import tempfile
    from pathlib import Path

    from dvk_build.validate.engine import check_paths

    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models"
        models.mkdir()
        cases = hostile.crafted()
        hostile.write_cases(cases, models)
        report = check_paths([models], root=Path(tmp))
    codes: dict[str, set[str]] = {}
    for p in report.errors:
        codes.setdefault(p.path.split("/", 1)[1], set()).add(p.code)
    assert "DVK105" in codes["crafted-summary-143k.md"]
    assert "DVK006" in codes["crafted-inf.md"] and "DVK006" in codes["crafted-400-digits.md"]
    assert "DVK503" in codes["crafted-pii-phone.md"]
    assert "DVK512" in codes["crafted-remote-image.md"]
    assert "DVK008" in codes["..md"] and "DVK008" in codes["thu-muc.md"]
    assert codes.get("crafted-non-bmp-title.md") is None and codes.get("crafted-markdown.md") is None
