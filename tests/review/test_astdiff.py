"""The tracked-changes diff, on pandoc documents: accepting gives the new text, rejecting the old.

The property tests build documents directly as pandoc JSON (fast, hundreds of cases); the
round trip through a real .docx is in test_redline.py.
"""

from __future__ import annotations

import copy
import json
import subprocess
from typing import Any

import pypandoc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vankien.review.astdiff import (
    Mark,
    diff_document,
    diff_inlines,
    plain_words,
    resolve_changes,
)

MARK = Mark("Lê Văn Cường", "2025-03-05T01:00:00Z")
TEXT = (
    "Đảng ủy công tác xây dựng chỉnh đốn nhiệm kỳ đảng viên chi bộ lãnh đạo chỉ đạo thực hiện "
    "nghị quyết kết quả hạn chế nguyên nhân bài học kinh nghiệm phương hướng mục tiêu giải pháp "
    "quần chúng đoàn thể kiểm tra giám sát kỷ luật tuyên giáo dân vận 2020 2025 100% 93,5%"
)
SYLLABLES = tuple(TEXT.split())
PUNCT = (",", ".", ";", ":")


def md(text: str) -> list[Any]:
    """Blocks of a Markdown snippet, read by the real pandoc."""
    out = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "commonmark_x-fancy_lists-smart", "-t", "json"],
        input=text.encode(),
        capture_output=True,
        check=True,
    ).stdout
    blocks: list[Any] = json.loads(out)["blocks"]
    return blocks


def check(old: list[Any], new: list[Any]) -> list[Any]:
    result = diff_document(old, new, MARK)
    assert plain_words(resolve_changes(result, accept=True)) == plain_words(new)
    assert plain_words(resolve_changes(result, accept=False)) == plain_words(old)
    return result


def spans(blocks: Any, kind: str) -> list[str]:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Span" and kind in node["c"][0][1]:
                out.append(plain_words([{"t": "Plain", "c": node["c"][1]}]))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return out


# ---------------------------------------------------------------------------- examples


def test_word_change_marks_only_the_changed_syllables():
    old = md("Chi bộ lãnh đạo thực hiện tốt nhiệm vụ chính trị.")
    new = md("Chi bộ lãnh đạo hoàn thành xuất sắc nhiệm vụ chính trị.")
    result = check(old, new)
    assert spans(result, "deletion") == ["thực hiện tốt"]
    assert spans(result, "insertion") == ["hoàn thành xuất sắc"]


def test_punctuation_is_its_own_token():
    result = check(md("Kết quả đạt được"), md("Kết quả đạt được, vượt kế hoạch."))
    assert spans(result, "deletion") == []
    assert spans(result, "insertion") == [", vượt kế hoạch."]


def test_author_and_date_on_every_change():
    result = check(md("Một hai ba."), md("Một bốn ba."))
    marks = [n["c"][0] for n in result[0]["c"] if n["t"] == "Span"]
    assert [m[1] for m in marks] == [["deletion"], ["insertion"]]
    assert all(dict(m[2]) == {"author": MARK.author, "date": MARK.date} for m in marks)


def test_changed_heading_stays_one_heading():
    old = md("## 1. Công tác tuyên giáo\n\nNội dung.\n")
    new = md("## 1. Công tác tuyên giáo, dân vận\n\nNội dung.\n")
    result = check(old, new)
    assert [b["t"] for b in result] == ["Header", "Para"]
    assert spans(result, "insertion") == [", dân vận"]


def test_moved_section_is_deleted_there_and_inserted_here():
    a = "## 1. Một\n\nNội dung mục một khá dài.\n\n"
    b = "## 2. Hai\n\nNội dung mục hai.\n\n"
    c = "## 3. Ba\n\nNội dung mục ba.\n\n"
    result = check(md(a + b + c), md(b + c + a))
    assert "Nội dung mục một khá dài." in spans(result, "deletion")
    assert "Nội dung mục một khá dài." in spans(result, "insertion")
    assert "Nội dung mục hai." not in spans(result, "deletion") + spans(result, "insertion")


def test_added_and_removed_sections():
    base = "## 1. Một\n\nNội dung một.\n\n## 3. Ba\n\nNội dung ba.\n"
    more = "## 1. Một\n\nNội dung một.\n\n## 2. Hai\n\nNội dung hai.\n\n## 3. Ba\n\nNội dung ba.\n"
    added = check(md(base), md(more))
    assert spans(added, "insertion") == ["2. Hai", "Nội dung hai."]
    removed = check(md(more), md(base))
    assert spans(removed, "deletion") == ["2. Hai", "Nội dung hai."]


def test_table_cell_edit_is_marked_inside_the_cell():
    head = "| STT | Chỉ tiêu | Kết quả |\n|---|---|---|\n"
    old = md(head + "| 1 | Kết nạp | 10 |\n| 2 | Xếp loại | Tốt |\n")
    new = md(head + "| 1 | Kết nạp | 12 |\n| 2 | Xếp loại | Tốt |\n")
    result = check(old, new)
    assert [b["t"] for b in result] == ["Table"]
    assert spans(result, "deletion") == ["10"]
    assert spans(result, "insertion") == ["12"]


def test_table_rows_added_and_removed():
    head = "| STT | Chỉ tiêu |\n|---|---|\n"
    old = md(head + "| 1 | Một |\n| 2 | Hai |\n")
    new = md(head + "| 1 | Một |\n| 3 | Ba mới |\n| 2 | Hai |\n")
    result = check(old, new)
    assert spans(result, "insertion") == ["3", "Ba mới"]
    assert check(new, old)


def test_table_with_other_columns_is_replaced_whole():
    old = md("| A | B |\n|---|---|\n| 1 | 2 |\n")
    new = md("| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n")
    result = check(old, new)
    assert [b["t"] for b in result] == ["Table", "Table"]


def test_formatting_inside_a_change_survives():
    result = diff_inlines(md("Một **hai** ba.")[0]["c"], md("Một **hai bốn** ba.")[0]["c"], MARK)
    strong = [n for n in result if n["t"] == "Strong"]
    assert strong, result
    assert plain_words([{"t": "Plain", "c": result}]) == "Một hai bốn ba."


def test_identical_documents_have_no_changes():
    blocks = md("## 1. Một\n\nNội dung.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    result = diff_document(blocks, copy.deepcopy(blocks), MARK)
    assert result == blocks


# ---------------------------------------------------------------------------- properties

ATTR: list[Any] = ["", [], []]


def inlines(words: list[str]) -> list[Any]:
    out: list[Any] = []
    for i, word in enumerate(words):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def para(words: list[str]) -> Any:
    return {"t": "Para", "c": inlines(words)}


def header(level: int, words: list[str]) -> Any:
    return {"t": "Header", "c": [level, copy.deepcopy(ATTR), inlines(words)]}


def cell(words: list[str]) -> Any:
    return [copy.deepcopy(ATTR), {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines(words)}]]


def table(rows: list[list[list[str]]]) -> Any:
    width = len(rows[0])
    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)]
    body_rows = [[copy.deepcopy(ATTR), [cell(c) for c in row]] for row in rows[1:]]
    return {
        "t": "Table",
        "c": [
            copy.deepcopy(ATTR),
            [None, []],
            colspecs,
            [copy.deepcopy(ATTR), [[copy.deepcopy(ATTR), [cell(c) for c in rows[0]]]]],
            [[copy.deepcopy(ATTR), 0, [], body_rows]],
            [copy.deepcopy(ATTR), []],
        ],
    }


word = st.builds(
    lambda s, p: s + p,
    st.sampled_from(SYLLABLES),
    st.sampled_from(("",) * 6 + PUNCT),
)
words = st.lists(word, min_size=1, max_size=12)


@st.composite
def documents(draw: st.DrawFn) -> list[Any]:
    blocks: list[Any] = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        blocks.append(header(draw(st.integers(2, 4)), [f"{n}.", *draw(words)]))
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.integers(0, 5)) == 0:
                width = draw(st.integers(2, 3))
                rows = draw(
                    st.lists(
                        st.lists(words, min_size=width, max_size=width), min_size=2, max_size=4
                    )
                )
                blocks.append(table(rows))
            else:
                blocks.append(para(draw(words)))
    return blocks


def _texts(block: Any) -> list[list[Any]]:
    """The inline lists of a block that an edit may change (paragraph, heading, cells)."""
    if block["t"] == "Para":
        return [block["c"]]
    if block["t"] == "Header":
        return [block["c"][2]]
    if block["t"] == "Table":
        _, _, _, head, bodies, _ = block["c"]
        rows = head[1] + [r for body in bodies for r in body[3]]
        return [c[4][0]["c"] for row in rows for c in row[1]]
    return []


@st.composite
def edited(draw: st.DrawFn, blocks: list[Any]) -> list[Any]:
    """``blocks`` after a few random edits of the kinds writers make."""
    new = copy.deepcopy(blocks)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                (
                    "insert",
                    "delete",
                    "replace",
                    "move",
                    "add-para",
                    "drop-block",
                    "move-section",
                    "row",
                )
            )
        )
        if not new:
            new.append(para(draw(words)))
            continue
        i = draw(st.integers(0, len(new) - 1))
        targets = _texts(new[i])
        if kind in ("insert", "delete", "replace") and targets:
            target = draw(st.sampled_from(targets))
            tokens = [n["c"] for n in target if n["t"] == "Str"]
            a = draw(st.integers(0, len(tokens)))
            b = draw(st.integers(a, len(tokens)))
            if kind == "insert":
                tokens[a:a] = draw(words)
            elif kind == "delete":
                del tokens[a:b]
            else:
                tokens[a:b] = draw(words)
            target[:] = inlines(tokens)
        elif kind == "move":
            block = new.pop(i)
            new.insert(draw(st.integers(0, len(new))), block)
        elif kind == "add-para":
            new.insert(i, para(draw(words)))
        elif kind == "drop-block":
            del new[i]
        elif kind == "move-section":
            starts = [k for k, b in enumerate(new) if b["t"] == "Header"]
            if len(starts) > 1:
                s = draw(st.sampled_from(starts))
                e = next((k for k in starts if k > s), len(new))
                section = new[s:e]
                del new[s:e]
                rest = [k for k, b in enumerate(new) if b["t"] == "Header"] + [len(new)]
                at = draw(st.sampled_from(rest))
                new[at:at] = section
        elif kind == "row" and new[i]["t"] == "Table":
            body = new[i]["c"][4][0][3]
            width = len(new[i]["c"][2])
            if body and draw(st.booleans()):
                del body[draw(st.integers(0, len(body) - 1))]
            else:
                row = [copy.deepcopy(ATTR), [cell(draw(words)) for _ in range(width)]]
                body.insert(draw(st.integers(0, len(body))), row)
    return new


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list[Any], list[Any]]:
    old = draw(documents())
    return old, draw(edited(old))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_accept_gives_new_and_reject_gives_old(pair):
    old, new = pair
    check(old, new)


@settings(max_examples=100, deadline=None)
@given(documents())
def test_no_change_means_no_marks(blocks):
    result = diff_document(blocks, copy.deepcopy(blocks), MARK)
    assert not spans(result, "insertion") and not spans(result, "deletion")


@pytest.mark.parametrize("kind", ["insertion", "deletion"])
def test_whole_new_or_old_document(kind):
    blocks = md("## 1. Một\n\nHai ba.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    old, new = ([], blocks) if kind == "insertion" else (blocks, [])
    result = check(old, new)
    assert spans(result, kind)
