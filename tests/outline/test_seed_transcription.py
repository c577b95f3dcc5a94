"""Every heading and guidance line of the seed outline is in the outline data, word for word,
except for the corrections the outline lists (and nothing else)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vankien.outline.load import load_outline
from vankien.outline.model import Outline, parse_number

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed" / "de-cuong.txt"
OUTLINE = ROOT / "outline" / "bao-cao-chinh-tri.yaml"

Item = tuple[str, str]  # (kind, text)


def seed_items(text: str) -> list[Item]:
    """Read the seed as a person does: part lines, numbered headings, guidance, closing."""
    items: list[Item] = []
    lines = [line.rstrip() for line in text.split("\n")]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        if re.match(r"^Phần thứ \S+$", line):
            items.append(("heading", line))
            title: list[str] = []
            while i < len(lines) and lines[i].strip():
                title.append(lines[i].strip())
                i += 1
            items.append(("heading", " ".join(title)))
            continue
        if line.startswith("Nơi nhận:"):
            block = [lines[i - 1], *lines[i:]]
            for row in block:
                if row.strip().startswith("Lưu ý:"):
                    break
                for cell in re.split(r"\t+\s*|\s{3,}", row.strip()):
                    if cell.strip():
                        items.append(("closing", cell.strip()))
                i += 1
            i -= 1
            continue
        if line.startswith("Lưu ý:"):
            items.append(("note", line))
            continue
        parsed = parse_number(line)
        if parsed is not None and parsed[1] and not line.startswith(("-", "+", "(")):
            items.append(("heading", line))
        else:
            items.append(("guidance", line))
    return items


def outline_items(outline: Outline) -> list[Item]:
    items: list[Item] = []
    for section in outline.walk():
        if section.number_text.startswith("Phần"):
            items += [("heading", section.number_text), ("heading", section.title)]
        else:
            items.append(("heading", f"{section.number_text} {section.title}"))
        items += [("guidance", g) for g in section.guidance]
    closing = outline.closing
    items.append(("closing", closing.recipients_label))
    items.append(("closing", closing.on_behalf))
    items += [("closing", f"- {r}") for r in closing.recipients[:1]]
    items.append(("closing", closing.signer_title))
    items += [("closing", f"- {r}") for r in closing.recipients[1:]]
    items += [("note", n) for n in outline.notes]
    return items


def corrected_seed(outline: Outline) -> list[Item]:
    text = SEED.read_text(encoding="utf-8")
    for fix in outline.corrections:
        if fix.kind == "edit":
            assert fix.seed in text, f"đính chính không khớp bản gốc: {fix.seed!r}"
            text = text.replace(fix.seed, fix.outline)
    items = seed_items(text)
    subs = [(re.compile(f.seed), f.outline) for f in outline.corrections if f.kind == "substitute"]
    out: list[Item] = []
    for kind, item in items:
        for pattern, replacement in subs:
            item = pattern.sub(lambda _m, r=replacement: r, item)
        out.append((kind, item))
    return out


@pytest.fixture(scope="module")
def outline() -> Outline:
    return load_outline(OUTLINE)


def test_seed_equals_outline_after_listed_corrections(outline: Outline) -> None:
    expected = corrected_seed(outline)
    actual = outline_items(outline)
    for position, (want, got) in enumerate(zip(expected, actual, strict=False)):
        assert got == want, f"mục thứ {position + 1} khác bản gốc"
    assert len(actual) == len(expected)


def test_every_substitution_is_used(outline: Outline) -> None:
    text = SEED.read_text(encoding="utf-8")
    for fix in outline.corrections:
        if fix.kind == "substitute":
            assert re.search(fix.seed, text), f"đính chính không dùng đến: {fix.seed!r}"


@pytest.mark.parametrize(
    "defect",
    [
        "II. ĐÁNH GIÁ CHUNG",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "TRONG TÂM",
        "2015 - 2020",
        "Đảng bộ (Chi bộ)",
        "đảng ủy, chi bộ",
        "T/M ĐẢNG ỦY (CHI BỘ)",
    ],
)
def test_the_known_seed_defects_are_corrected(outline: Outline, defect: str) -> None:
    seeds = " ".join(c.seed for c in outline.corrections)
    assert defect in seeds or re.search(
        "|".join(c.seed for c in outline.corrections if c.kind == "substitute"), defect
    )
    flat = " ".join(text for _, text in outline_items(outline))
    assert not re.search(r"(?<![IVX])" + re.escape(defect), flat)
