"""VI014's mechanism: readings built from the pairs, scored by their context; the data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.lint.vietnamese import confusions as conf
from vankien.lint.vietnamese.checks import LangConfig
from vankien.lint.vietnamese.confusions import check_confusions, readings


def _hits(text: str, cfg: LangConfig) -> list[str]:
    return [text[h.start : h.end] + " → " + str(h.suggestion) for h in check_confusions(text, cfg)]


def test_readings_follow_the_pairs() -> None:
    got = dict(readings("sử"))
    assert got["xử"] == "s/x"
    assert got["sữ"] == "hỏi/ngã"
    # «gi» before i writes one i: «dia» ↔ «gia», and «gia» ↔ «dia» as well as «da».
    assert "gia" in dict(readings("dia"))
    assert {"da", "dia", "ra"} <= set(dict(readings("gia")))
    assert dict(readings("lăng"))["năng"] == "l/n"
    assert readings("qwe") == ()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tổ chức sét duyệt hồ sơ kết nạp.", "sét duyệt → xét duyệt"),
        ("Tinh thần cởi mỡ, chân thành.", "cởi mỡ → cởi mở"),
        ("Cần làm dõ trách nhiệm.", "làm dõ → làm rõ"),
        ("Đảng viên dữ vững phẩm chất.", "dữ vững → giữ vững"),
        ("Tích cực tham dia xây dựng Đảng.", "tham dia → tham gia"),
        ("Đây là lòng cốt của phong trào.", "lòng cốt → nòng cốt"),
    ],
)
def test_a_reading_with_evidence_beats_one_without(text: str, want: str, cfg: LangConfig) -> None:
    assert _hits(text, cfg) == [want]


@pytest.mark.parametrize(
    "text",
    [
        # The written reading forms a word with a neighbour: nothing to decide.
        "Lịch sử Đảng bộ; sử dụng ngân sách; xử lý vi phạm; dải đất; rải đều.",
        # A function word, and a name, are never read as slips.
        "Chạy lại lần nữa; đồng chí Sử Văn Xa phát biểu.",
        # Alone between punctuation there is no context.
        "Kết quả: sử, xử, dải.",
        # The corrected phrase is a Party term (VI009) or a listed misspelling (VI008).
        "Đề ra dải pháp; tăng cường sử phạt.",
    ],
)
def test_no_finding(text: str, cfg: LangConfig) -> None:
    assert _hits(text, cfg) == []


def test_silent_on_correct_prose(cfg: LangConfig, prose: list[str]) -> None:
    assert [h for t in prose for h in _hits(t, cfg)] == []


def test_bad_data_line_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vietnamese"
    folder.mkdir()
    (folder / "confusions.txt").write_text("âm đầu | s | x\nâm đầu | s\n", encoding="utf-8")
    monkeypatch.setattr("vankien.resources.data_path", lambda name: tmp_path / name)
    conf.load_confusions.cache_clear()
    try:
        with pytest.raises(UserError) as err:
            conf.load_confusions()
        assert err.value.line == 2
        assert "confusions.txt" in str(err.value.path)
    finally:
        conf.load_confusions.cache_clear()
