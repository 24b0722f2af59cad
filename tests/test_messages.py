"""Messages read as a commune official reads them (issue 13, item 7): positions from 1, labels not codes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import ROOT
from dvk_build.config import default_config
from dvk_build.validate import engine

POSITIVE = ROOT / "tests" / "example-files" / "positive"
FULL = POSITIVE / "hien-dat-mo-duong-xa-long-thanh.md"


def _check(tmp_path: Path, text: str) -> list:
    path = tmp_path / "ho-so.md"
    path.write_text(text, encoding="utf-8")
    return engine.check_paths([path], default_config(), dt.date(2026, 12, 1)).problems


def test_positions_are_counted_from_one_and_named(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace("members: 15, present: 9, in_favor: 8}", "members: \"mười lăm\", present: 9, in_favor: 8}")
    [p] = _check(tmp_path, text)
    assert p.code == "DVK102"
    assert "lần công nhận thứ 2" in p.message and "recognitions.1" not in p.message and ".0" not in p.message
    assert "ví dụ 15)" in p.hint  # a count, not an amount of money


def test_duplicate_tier_names_the_tier_not_its_code(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace("  - tier: huyen\n", "  - tier: co-so\n")
    dup = [p for p in _check(tmp_path, text) if p.code == "DVK307"]
    assert dup and "cấp cơ sở" in dup[0].message and "`co-so`" not in dup[0].message
    assert "cách đọc của dvk" in dup[0].hint  # a reading says it is ours


def test_monitoring_date_is_named_as_such(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace("  - date: 2022-08-20\n", "  - date: 2021-08-20\n")
    [p] = [p for p in _check(tmp_path, text) if p.code == "DVK402"]
    assert p.message.startswith("Ngày theo dõi, kiểm tra lần thứ 1 (20/8/2021) sớm hơn ngày đăng ký")


def test_monitoring_after_recognition_is_fine(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace(
        "monitoring:\n", "monitoring:\n  - {date: 2025-06-10, activity: Ban Dân vận huyện kiểm tra việc duy tu các tuyến đường}\n", 1)
    assert [p.code for p in _check(tmp_path, text)] == []


def test_no_message_nests_parentheses_or_counts_from_zero(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8")
    broken = (text.replace("  kind: tap-the\n", "", 1).replace("commitment: {date: 2022-05-02, signatories: 214}",
                                                              "commitment: {date: 2022-05-02, signatories: \"214 hộ\"}"))
    found = _check(tmp_path, broken)
    assert found
    for p in found:
        assert not re.search(r"\([^()]*\(", p.message), p.message
        assert not re.search(r"\b[a-z_]+\.\d+\b", p.message), p.message
