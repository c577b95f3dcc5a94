"""vankien comments --apply: tracked changes into the skeleton files, only where found as built."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vankien.errors import UserError
from vankien.report.load import load_report
from vankien.word.apply import Outcome, Status, block_span, pieces, plan, plan_item, refuse_dirty
from vankien.word.review import (
    UNKNOWN,
    Area,
    ItemKind,
    Matched,
    Person,
    ReviewItem,
    ReviewSummary,
    SourceLocation,
)

REPO = Path(__file__).resolve().parents[2]
FILE = "skeleton/10-nhiem-vu-giai-phap.md"
VOCABULARY = (
    "cán bộ đảng viên nhiệm vụ chi bộ lãnh đạo cơ quan công tác kiểm tra giám sát tư tưởng "
    "chính trị đoàn kết thống nhất phát huy dân chủ kỷ luật kỷ cương nâng cao chất lượng "
    "sinh hoạt thường xuyên nghiêm túc hiệu quả đổi mới phương thức tổ chức thực hiện"
)
WORDS = VOCABULARY.split()


def change(file: str, line: int, old: str, new: str, who: str = "Lê Văn Hùng") -> ReviewItem:
    return ReviewItem(
        kind=ItemKind.CHANGE,
        source=SourceLocation(file, line, None, "", "", Matched.ANCHOR),
        area=Area.BODY,
        author=Person(who),
        date="2025-05-06T09:30:00Z",
        text="",
        anchored=old,
        old_text=old,
        new_text=new,
    )


def summary_of(*items: ReviewItem) -> ReviewSummary:
    return ReviewSummary("test", (), tuple(items))


def test_pieces_are_word_level() -> None:
    old = "Chi bộ lãnh đạo tốt công tác."
    assert pieces(old, "Chi bộ lãnh đạo rất tốt công tác.") == [(16, 16, "rất ")]
    assert pieces(old, "Chi bộ lãnh đạo công tác.") == [(16, 20, "")]


def test_block_span_is_the_paragraph_with_its_soft_wrapped_lines() -> None:
    text = "# Tiêu đề\n\nDòng một\ndòng hai\n\n- mục\n- mục hai\n"
    start, end = block_span(text, 3) or (0, 0)
    assert text[start:end] == "Dòng một\ndòng hai"
    start, end = block_span(text, 6) or (0, 0)
    assert text[start:end] == "- mục"
    assert block_span(text, 2) is None


def test_a_change_is_applied_where_the_old_wording_is_found_once() -> None:
    text = "## 1. Mục\n\nChi bộ lãnh đạo tốt công tác kiểm tra.\n"
    item = change(
        FILE, 3, "Chi bộ lãnh đạo tốt công tác kiểm tra.", "Chi bộ lãnh đạo công tác giám sát."
    )
    outcome = plan_item(item, text, 3)
    assert outcome.status is Status.APPLIED
    assert applied(text, outcome) == "## 1. Mục\n\nChi bộ lãnh đạo công tác giám sát.\n"


def applied(text: str, outcome: Outcome) -> str:
    for edit in sorted(outcome.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        # the writer changed the sentence after the build
        ("Chi bộ đã lãnh đạo tốt công tác kiểm tra.", "không còn đúng"),
        # the built words come from markup or a variable: not the source's text
        ("Chi bộ **lãnh đạo tốt** công tác kiểm tra.", "không còn đúng"),
        ("{{leader}} lãnh đạo tốt công tác kiểm tra.", "không còn đúng"),
    ],
)
def test_a_change_is_left_alone_where_the_source_differs(source: str, reason: str) -> None:
    text = f"## 1. Mục\n\n{source}\n"
    item = change(FILE, 3, "Chi bộ lãnh đạo tốt công tác kiểm tra.", "Chi bộ lãnh đạo công tác.")
    outcome = plan_item(item, text, 3)
    assert outcome.status is Status.SKIPPED and reason in outcome.reason
    assert not outcome.edits


def test_variables_are_filled_in_and_never_cut_into() -> None:
    text = "## 1. Mục\n\n{{org}} lãnh đạo tốt công tác.\n"
    values = {"org": "Chi bộ"}
    kept = plan_item(
        change(FILE, 3, "Chi bộ lãnh đạo tốt công tác.", "Chi bộ lãnh đạo công tác."),
        text,
        3,
        values,
    )
    assert applied(text, kept) == "## 1. Mục\n\n{{org}} lãnh đạo công tác.\n"
    refused = plan_item(
        change(FILE, 3, "Chi bộ lãnh đạo tốt công tác.", "Đảng bộ lãnh đạo tốt công tác."),
        text,
        3,
        values,
    )
    assert refused.status is Status.SKIPPED and "biến" in refused.reason


def test_headings_and_table_cells_are_matched_on_their_text() -> None:
    text = "## 1. Lãnh đạo công tác\n\n| TT | Chỉ tiêu |\n|---|---|\n| 1 | Kết nạp đảng viên |\n"
    heading = plan_item(
        change(FILE, 1, "1. Lãnh đạo công tác", "1. Lãnh đạo mọi công tác"), text, 1
    )
    cell = plan_item(change(FILE, 5, "Kết nạp đảng viên", "Kết nạp đảng viên mới"), text, 5)
    assert heading.status is Status.APPLIED and cell.status is Status.APPLIED
    assert applied(text, heading).startswith("## 1. Lãnh đạo mọi công tác\n")
    assert applied(text, cell).endswith("| 1 | Kết nạp đảng viên mới |\n")


def test_a_second_run_finds_the_change_done() -> None:
    text = "## 1. Mục\n\nChi bộ lãnh đạo công tác.\n"
    item = change(FILE, 3, "Chi bộ lãnh đạo tốt công tác.", "Chi bộ lãnh đạo công tác.")
    outcome = plan_item(item, text, 3)
    assert outcome.status is Status.DONE and not outcome.edits


def test_guidance_comments_are_never_edited(tmp_path: Path) -> None:
    root = report(tmp_path)
    path = root / FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    guidance = next(i for i, line in enumerate(lines) if "HƯỚNG DẪN" in line or "<!--" in line)
    inside = lines[guidance]
    words = inside.replace("<!--", "").strip()
    item = change(FILE, guidance + 1, words, words + " thêm")
    outcomes, texts = plan(summary_of(item), root)
    assert outcomes[0].status is Status.SKIPPED and not texts


def test_untracked_edits_and_comments_are_not_applied(tmp_path: Path) -> None:
    root = report(tmp_path)
    untracked = ReviewItem(
        kind=ItemKind.UNTRACKED,
        source=SourceLocation(FILE, 1, None, "", "", Matched.TEXT),
        area=Area.BODY,
        author=UNKNOWN,
        date=None,
        text="",
        anchored="a",
        old_text="a",
        new_text="b",
    )
    outside = change("report.yaml", 1, "a", "b")
    outcomes, texts = plan(summary_of(untracked, outside), root)
    assert [o.status for o in outcomes] == [Status.SKIPPED, Status.SKIPPED]
    assert "không bật theo dõi" in outcomes[0].reason
    assert "skeleton" in outcomes[1].reason
    assert texts == {}


def report(tmp_path: Path) -> Path:
    root = tmp_path / "chi-bo"
    shutil.copytree(REPO / "examples" / "chi-bo", root)
    return root


def git_repo(root: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
        cwd=root,
        check=True,
    )


def test_a_dirty_skeleton_is_refused(tmp_path: Path) -> None:
    root = report(tmp_path)
    git_repo(root)
    refuse_dirty(root)  # clean: no error
    (root / "gop-y").mkdir()
    (root / "gop-y" / "ban.docx").write_bytes(b"x")  # reviewed copies do not count
    refuse_dirty(root)
    with (root / FILE).open("a", encoding="utf-8") as handle:
        handle.write("\nThêm.\n")
    with pytest.raises(UserError, match="chưa commit"):
        refuse_dirty(root)


def test_not_a_repository_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="kho git"):
        refuse_dirty(report(tmp_path))


def paragraphs(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    out += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return out


def edited(words: list[str], ops: list[tuple[int, int, int]]) -> list[str]:
    """A reviewer's edit set: (kind, position, word): 0 delete, 1 insert, 2 replace."""
    out = list(words)
    for kind, at, word in ops:
        if not out:
            break
        i = at % len(out)
        if kind == 0 and len(out) > 1:
            del out[i]
        elif kind == 1:
            out.insert(i, WORDS[word % len(WORDS)])
        else:
            out[i] = WORDS[word % len(WORDS)]
    return out


sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(
    lambda ws: [ws[0].capitalize(), *ws[1:-1], ws[-1] + "."]
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(lambda ss: [w for s in ss for w in s])
edit_set = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 40), st.integers(0, 60)), min_size=0, max_size=4
)


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.tuples(paragraph, edit_set, st.booleans()), min_size=1, max_size=4),
)
def test_accepting_then_applying_builds_the_accepted_text(tmp_path_factory, cases) -> None:
    """Random sentences in a report, random word edits of the built paragraphs: after
    --apply, the build of the sources has exactly the edited paragraphs' text."""
    from vankien.publish.command import build_docx

    root = report(tmp_path_factory.mktemp("apply"))
    path = root / FILE
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines: list[int] = []
    for words, _, wrap in cases:
        text += "\n"
        lines.append(text.count("\n") + 1)
        if wrap and len(words) > 4:  # a paragraph typed over two lines
            text += " ".join(words[:4]) + "\n" + " ".join(words[4:]) + "\n"
        else:
            text += " ".join(words) + "\n"
    path.write_text(text, encoding="utf-8")
    built = paragraphs(build_docx(load_report(root))[0])
    items, expected = [], list(built)
    for (words, ops, _), line in zip(cases, lines, strict=True):
        old = " ".join(words)
        new = " ".join(edited(words, ops))
        index = built.index(old)
        expected[index] = new
        items.append(change(FILE, line, old, new))
    outcomes, texts = plan(summary_of(*items), root)
    assert all(o.status is not Status.SKIPPED for o in outcomes), [o.reason for o in outcomes]
    for target, new_text in texts.items():
        target.write_text(new_text, encoding="utf-8")
    assert paragraphs(build_docx(load_report(root))[0]) == expected
    # Idempotent: a second run writes nothing. (A deletion across a soft line break joins two
    # lines, so the later paragraphs of that file start a line earlier than the copy says:
    # they are then listed as skipped rather than done, and still left alone.)
    _, more = plan(summary_of(*items), root)
    assert more == {}


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t"), w("delText")) if not is_deleted(t, p))


def is_deleted(node, stop) -> bool:
    node = node.getparent()
    while node is not None and node is not stop:
        if node.tag == w("del"):
            return True
        node = node.getparent()
    return False


def track(p, old: str, new: str, author: str, ids: list[int]) -> None:
    """Rewrite paragraph ``p`` (text ``old``) as Word writes a reviewer's tracked edits to
    ``new``: unchanged runs, w:del with w:delText, w:ins; bookmarks and pPr kept."""
    from lxml import etree

    from vankien.word.apply import pieces

    runs = [child for child in p if child.tag == w("r")]
    rpr = runs[0].find(w("rPr")) if runs else None
    anchor = runs[0] if runs else None
    index = list(p).index(anchor) if anchor is not None else len(p)
    for run in runs:
        p.remove(run)

    def run(text: str, deleted: bool = False):
        r = etree.Element(w("r"))
        if rpr is not None:
            r.append(etree.fromstring(etree.tostring(rpr)))
        t = etree.SubElement(r, w("delText" if deleted else "t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def mark(kind: str, child):
        ids[0] += 1
        m = etree.Element(
            w(kind), {w("id"): str(ids[0]), w("author"): author, w("date"): "2025-05-06T09:30:00Z"}
        )
        m.append(child)
        return m

    out, at = [], 0
    for start, end, text in pieces(old, new):
        if start > at:
            out.append(run(old[at:start]))
        if end > start:
            out.append(mark("del", run(old[start:end], deleted=True)))
        if text:
            out.append(mark("ins", run(text)))
        at = end
    if at < len(old):
        out.append(run(old[at:]))
    for offset, element in enumerate(out):
        p.insert(index + offset, element)


def settle(data: bytes, accept: bool) -> bytes:
    """Accept (or reject) every tracked change, as Word's «Accept All» / «Reject All»."""
    from vankien.publish.ooxml.package import parse, read_parts, serialize, write_parts

    parts = read_parts(data)
    root = parse(parts["word/document.xml"])
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for node in list(root.iter(w(drop))):
        node.getparent().remove(node)
    for node in list(root.iter(w(keep))):
        parent = node.getparent()
        at = list(parent).index(node)
        for offset, child in enumerate(list(node)):
            parent.insert(at + offset, child)
        parent.remove(node)
    for t in root.iter(w("delText")):
        t.tag = w("t")
    parts["word/document.xml"] = serialize(root)
    return write_parts(parts)


@pytest.mark.slow
@settings(
    max_examples=3,  # each example builds and reads the report three times (~1-2 min here)
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(paragraph, edit_set, st.booleans()), min_size=1, max_size=3))
def test_tracked_changes_in_a_built_docx_round_trip(tmp_path_factory, cases) -> None:
    """The property of the issue, end to end: random sentences in a report, built; random
    edit sets written as w:ins/w:del into the built docx by two reviewers; read back with
    read_review and applied: the build of the sources equals the accepted document's text.
    The same copy with every change rejected changes nothing."""
    from vankien.publish.command import build_docx
    from vankien.publish.ooxml.package import parse, read_parts, serialize, write_parts
    from vankien.word.review import read_review

    root = report(tmp_path_factory.mktemp("tracked"))
    path = root / FILE
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    for words, _, wrap in cases:
        text += "\n"
        if wrap and len(words) > 4:
            text += " ".join(words[:4]) + "\n" + " ".join(words[4:]) + "\n"
        else:
            text += " ".join(words) + "\n"
    path.write_text(text, encoding="utf-8")
    git_repo(root)
    built = build_docx(load_report(root))[0]
    parts = read_parts(built)
    document = parse(parts["word/document.xml"])
    body = list(document.iter(w("p")))
    ids = [1000]
    for n, (words, ops, _) in enumerate(cases):
        old, new = " ".join(words), " ".join(edited(words, ops))
        target = next(p for p in body if paragraph_text(p) == old)
        body.remove(target)
        track(target, old, new, ("Lê Văn Hùng", "Trần Thị Mai")[n % 2], ids)
    parts["word/document.xml"] = serialize(document)
    tracked = write_parts(parts)
    copy = tmp_path_factory.mktemp("gop-y") / "gop-y.docx"

    copy.write_bytes(settle(tracked, accept=False))
    before = path.read_bytes()
    rejected = read_review([copy], load_report(root))
    outcomes, texts = plan(rejected, root)
    assert texts == {} and path.read_bytes() == before

    copy.write_bytes(tracked)
    outcomes, texts = plan(read_review([copy], load_report(root)), root)
    assert all(o.status is not Status.SKIPPED for o in outcomes), [o.reason for o in outcomes]
    for target_path, new_text in texts.items():
        target_path.write_text(new_text, encoding="utf-8")
    assert paragraphs(build_docx(load_report(root))[0]) == paragraphs(settle(tracked, accept=True))
