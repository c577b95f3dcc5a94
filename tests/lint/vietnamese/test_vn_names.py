"""Which capitalised words look like names."""

from __future__ import annotations

from vankien.lint.vietnamese.checks import LangConfig
from vankien.lint.vietnamese.names import name_indices, surnames, triggers
from vankien.lint.vietnamese.tokens import tokenize


def _names(text: str, cfg: LangConfig) -> list[str]:
    tokens = tokenize(text)
    return [tokens[i].text for i in sorted(name_indices(text, cfg.lexicon))]


def test_data_lists_load() -> None:
    assert {"đồng chí", "ông", "bà", "tỉnh", "xã"} <= triggers()
    assert {"nguyễn", "trần", "lê"} <= surnames()
    assert "hùng" not in surnames()  # a given name, not a surname


def test_after_a_trigger(cfg: LangConfig) -> None:
    assert _names("Báo cáo của đồng chí Kiễm Thị Púa tại hội nghị", cfg) == [
        "Kiễm", "Thị", "Púa",
    ]  # fmt: skip
    assert _names("làm việc với xã Pắc Bó và ông Lò Văn Kén", cfg) == [
        "Pắc", "Bó", "Lò", "Văn", "Kén",
    ]  # fmt: skip


def test_a_surname_starts_a_name(cfg: LangConfig) -> None:
    assert _names("do Nguyễn Văn Ạn trình bày", cfg) == ["Nguyễn", "Văn", "Ạn"]


def test_capitalised_terms_are_not_names(cfg: LangConfig) -> None:
    assert _names("theo kế hoạch của Ủy ban Kiễm tra Đảng ủy", cfg) == []
    assert _names("tại Hội Nghi lần thứ 5", cfg) == []


def test_one_listed_name_alone(cfg: LangConfig) -> None:
    assert _names("cảm ơn Hùng đã giúp", cfg) == ["Hùng"]
