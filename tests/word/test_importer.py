"""`vankien import`: where the imported files go, refusal and --force-new, all-or-nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from tests.word.fixtures.make_import_fixtures import FOOTNOTE, LEAD

from vankien.errors import UserError
from vankien.outline.load import load_outline
from vankien.publish.pdf import soffice_path
from vankien.resources import find
from vankien.skeleton.files import skeleton_files
from vankien.skeleton.render import PLACEHOLDER, render_all, section_blocks
from vankien.word.importer import (
    SIDE_SUFFIX,
    Plan,
    Summary,
    Unplaced,
    apply_plan,
    format_report,
    plan_import,
    refusal,
)

REPO = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"picture-one"
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"picture-two"


def scaffold_texts(root: Path) -> dict[str, str]:
    """What «vankien scaffold» writes for the unit of ``root``."""
    from vankien.unit.load import load_unit

    outline = load_outline(find(root, "outline", "bao-cao-chinh-tri.yaml"))
    return render_all(outline, load_unit(root).variables())


def imported(root: Path) -> list[tuple[str, str]]:
    """One imported text per outline file, the first with a picture."""
    names = sorted(scaffold_texts(root))
    texts = [(name, f"# Nhập từ Word: {name}\n\nĐoạn văn của {name}.\n") for name in names]
    first, text = texts[0]
    texts[0] = (first, text + "\n![](../images/image1.png)\n")
    return texts


def plan_for(root: Path, texts: list[tuple[str, str]], *, force_new: bool = False) -> Plan:
    """The plan of importing ``texts`` and the picture images/image1.png into ``root``."""
    images = [("images/image1.png", PNG)]
    return plan_import(root, texts, images, scaffold_texts(root), force_new=force_new)


def test_untouched_scaffold_files_are_replaced_and_pictures_written(report_copy: Path) -> None:
    texts = imported(report_copy)
    plan = plan_for(report_copy, texts)
    assert not plan.conflicts
    assert all(w.previous is not None for w in plan.writes if w.path.suffix == ".md")
    apply_plan(plan)
    for name, text in texts:
        assert (report_copy / "skeleton" / name).read_text(encoding="utf-8") == text
    assert (report_copy / "images" / "image1.png").read_bytes() == PNG
    # A second import of the same draft changes nothing.
    again = plan_for(report_copy, texts)
    assert again.writes == ()
    assert again.kept_images == (report_copy / "images" / "image1.png",)


def test_a_writers_file_is_never_overwritten(report_copy: Path) -> None:
    target = report_copy / "skeleton" / "03-chinh-tri-tu-tuong.md"
    writer = target.read_text(encoding="utf-8") + "\nMột đoạn người viết đã soạn.\n"
    target.write_text(writer, encoding="utf-8")
    plan = plan_import(
        report_copy, imported(report_copy), [], scaffold_texts(report_copy), force_new=False
    )
    assert plan.conflicts == (target,)
    error = refusal(plan)
    assert isinstance(error, UserError)
    assert "skeleton/03-chinh-tri-tu-tuong.md" in error.message
    assert "--force-new" in (error.hint or "")
    assert target.read_text(encoding="utf-8") == writer


def test_force_new_writes_beside_and_lint_and_build_do_not_read_it(report_copy: Path) -> None:
    target = report_copy / "skeleton" / "03-chinh-tri-tu-tuong.md"
    writer = "# Phần viết tay\n\nNội dung của người viết.\n"
    target.write_text(writer, encoding="utf-8")
    texts = imported(report_copy)
    plan = plan_import(report_copy, texts, [], scaffold_texts(report_copy), force_new=True)
    apply_plan(plan)
    side = target.with_name(target.name + SIDE_SUFFIX)
    assert side.name == "03-chinh-tri-tu-tuong.md.tu-word"
    assert side.read_text(encoding="utf-8") == dict(texts)[target.name]
    assert target.read_text(encoding="utf-8") == writer
    assert side not in skeleton_files(report_copy)
    # The same import again writes nothing; after the side file is edited, a new import does
    # not overwrite it either.
    again = plan_import(report_copy, texts, [], scaffold_texts(report_copy), force_new=True)
    assert again.writes == ()
    side.write_text("đã sửa bản bên cạnh\n", encoding="utf-8")
    plan = plan_import(report_copy, texts, [], scaffold_texts(report_copy), force_new=True)
    assert [w.path.name for w in plan.writes] == ["03-chinh-tri-tu-tuong.md.tu-word-2"]
    apply_plan(plan)
    assert side.read_text(encoding="utf-8") == "đã sửa bản bên cạnh\n"


def test_a_different_picture_under_the_same_name_gets_a_new_name(report_copy: Path) -> None:
    (report_copy / "images").mkdir()
    (report_copy / "images" / "image1.png").write_bytes(OTHER_PNG)
    texts = imported(report_copy)
    plan = plan_for(report_copy, texts)
    assert plan.conflicts == (report_copy / "images" / "image1.png",)
    plan = plan_for(report_copy, texts, force_new=True)
    apply_plan(plan)
    assert (report_copy / "images" / "image1.png").read_bytes() == OTHER_PNG
    assert (report_copy / "images" / "image1-2.png").read_bytes() == PNG
    first = (report_copy / "skeleton" / texts[0][0]).read_text(encoding="utf-8")
    assert "![](../images/image1-2.png)" in first
    assert "image1.png" not in first


def test_one_failing_write_leaves_the_folder_as_it_was(report_copy: Path) -> None:
    before = {p: p.read_bytes() for p in (report_copy / "skeleton").iterdir()}
    plan = plan_for(report_copy, imported(report_copy))
    assert len(plan.writes) > 3
    calls: list[Path] = []

    def failing(path: Path, data: bytes) -> None:
        from vankien.textio import write_atomic

        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        calls.append(path)
        write_atomic(path, data)

    with pytest.raises(OSError, match="No space"):
        apply_plan(plan, failing)
    assert {p: p.read_bytes() for p in (report_copy / "skeleton").iterdir()} == before
    assert not (report_copy / "images").exists()


def test_a_skeleton_folder_outside_the_report_is_refused(tmp_path: Path, report_copy: Path) -> None:
    outside = tmp_path / "elsewhere"
    (report_copy / "skeleton").rename(outside)
    (report_copy / "skeleton").symlink_to(outside)
    with pytest.raises(UserError, match="ngoài thư mục báo cáo"):
        plan_import(report_copy, imported(report_copy), [], {}, force_new=True)


LONG = "Phần thứ hai: PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NHIỆM KỲ"


def test_the_report_lists_files_unplaced_text_and_sections(report_copy: Path) -> None:
    texts = imported(report_copy)
    name = texts[0][0]
    marker = "<!-- VANKIEN: NỘI DUNG CHƯA XẾP ĐƯỢC"
    texts[0] = (name, f"{marker} -->\n\nLời mở đầu.\n\n<!-- VANKIEN: HẾT -->\n\n" + texts[0][1])
    plan = plan_import(report_copy, texts, [], scaffold_texts(report_copy), force_new=False)
    report = format_report(
        plan,
        Summary(
            source=Path("du-thao.docx"),
            sections=30,
            total_sections=32,
            missing=("3. Công tác kiểm tra",),
            extra=("V. MỘT MỤC THÊM",),
            renumbered=(
                ("II. CÔNG TÁC XÂY DỰNG ĐẢNG", "III. CÔNG TÁC XÂY DỰNG ĐẢNG"),
                (LONG + " 2025-2030", LONG + " 2025 - 2030"),
            ),
            unplaced=(Unplaced(name, ("Lời mở đầu.",)),),
            unplaced_marker=marker,
            texts=dict(texts),
        ),
    )
    assert "«du-thao.docx»" in report
    assert "30/32" in report
    assert f"skeleton/{name}, dòng 1:" in report
    assert "«Lời mở đầu.»" in report
    assert "3. Công tác kiểm tra" in report
    assert "V. MỘT MỤC THÊM" in report
    assert "«II. CÔNG TÁC XÂY DỰNG ĐẢNG» → «III. CÔNG TÁC XÂY DỰNG ĐẢNG»" in report
    assert "TRỌNG TÂM NHIỆM KỲ 2025-2030» → «…" in report  # where the long titles differ
    assert "thay tệp khung chưa viết" in report


# ------------------------------------------------------------------ end to end, real build

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DRAFTS = ("import-libreoffice.docx", "import-python-docx.docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET_RE = re.compile(r"^[•◦▪‣∙·\-+–]\s+")  # a Word bullet glyph or a typed "-"/"+"


def vankien(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vankien", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def shown_lines(docx_files: list[Path], work: Path) -> dict[Path, list[str]]:
    """What LibreOffice shows of each document, one paragraph (or table cell) a line.

    LibreOffice's text export prints automatic numbers as text and bullets as glyphs; bullets
    and typed "-"/"+" markers are dropped on both sides (a Word bullet becomes a typed marker
    on purpose), and the build's part headings, written on two lines by filters/part-heading.lua,
    are joined back into the one line a draft types.
    """
    out_dir = work / "text"
    subprocess.run(
        [
            soffice_path(),
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(out_dir),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert len({p.stem for p in docx_files}) == len(docx_files)  # one text file each
    result: dict[Path, list[str]] = {}
    for docx_file in docx_files:
        raw = (out_dir / f"{docx_file.stem}.txt").read_text(encoding="utf-8-sig")
        lines: list[str] = []
        for line in raw.splitlines():
            text = BULLET_RE.sub("", " ".join(line.split()))
            if not text:
                continue
            if lines and re.fullmatch(r"Phần thứ \w+", lines[-1]):
                lines[-1] += ": " + text
                continue
            lines.append(text)
        result[docx_file] = lines
    return result


def body_lines(lines: list[str]) -> list[str]:
    """From the draft's first line after its header block (the opening sentence, else the
    first part heading) to the signature block: the build writes its own header block and
    signature from report.yaml."""
    start = next(i for i, line in enumerate(lines) if line == LEAD or line.startswith("Phần thứ"))
    end = next(i for i, line in enumerate(lines) if "Nơi nhận" in line)
    return lines[start:end]


def footnote_texts(docx_file: Path) -> list[str]:
    with zipfile.ZipFile(docx_file) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return [
        " ".join("".join(t.text or "" for t in note.iter(f"{W}t")).split())
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]


def media(docx_file: Path) -> set[bytes]:
    with zipfile.ZipFile(docx_file) as archive:
        return {archive.read(n) for n in archive.namelist() if n.startswith("word/media/")}


def formatted_runs(docx_file: Path) -> set[tuple[str, bool, bool]]:
    import docx

    document = docx.Document(str(docx_file))
    return {
        (run.text.replace("\u00a0", " ").strip(), bool(run.bold), bool(run.italic))
        for para in document.paragraphs
        for run in para.runs
        if run.text.strip()
    }


# (draft, the report.yaml of the folder it is imported into): both organisation types; the
# chi bộ draft is word-core's, typed with Word's automatic numbers in headings and lists.
ROUND_TRIPS = (
    ("import-libreoffice.docx", REPO / "report.yaml"),
    ("import-python-docx.docx", REPO / "report.yaml"),
    ("word-auto-numbers.docx", REPO / "examples" / "chi-bo" / "report.yaml"),
)


@pytest.mark.slow
@pytest.mark.needs_soffice
def test_an_imported_draft_lints_builds_and_reads_like_the_original(tmp_path: Path) -> None:
    rebuilt: dict[str, Path] = {}
    for name, metadata in ROUND_TRIPS:
        root = tmp_path / name.removesuffix(".docx")
        root.mkdir()
        # A draft stage: a final build refuses a report with lint errors.
        text = re.sub(r"(?m)^(\s*stage:).*$", r"\1 du-thao-1", metadata.read_text("utf-8"))
        (root / "report.yaml").write_text(text, encoding="utf-8")
        done = vankien("scaffold", "--root", root)
        assert done.returncode == 0, done.stdout + done.stderr
        done = vankien("import", FIXTURES / name, "--root", root)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Đã nhập" in done.stdout and "thay tệp khung chưa viết" in done.stdout
        lint = vankien("lint", "--root", root)
        # No error (warnings allowed: word-core's draft has "…" placeholders left in its text).
        assert lint.returncode == 0, lint.stdout + lint.stderr
        assert "STR001" not in lint.stdout  # every outline section is there
        build = vankien("build", "--root", root)
        assert build.returncode == 0, build.stdout + build.stderr
        # A name of its own: LibreOffice names its text output after the input file.
        rebuilt[name] = tmp_path / f"rebuilt-{name}"
        (built,) = (root / "build").glob("*.docx")
        shutil.copy(built, rebuilt[name])
        if name.startswith("import-"):
            assert LEAD[:40] in done.stdout  # the unplaced opening sentence is listed
    originals = [FIXTURES / name for name, _ in ROUND_TRIPS]
    shown = shown_lines([*originals, *rebuilt.values()], tmp_path)
    for name, _ in ROUND_TRIPS:
        original, built = FIXTURES / name, rebuilt[name]
        assert len(body_lines(shown[original])) > 60, name

        # The same text in the same order, as a reader sees it: the build may break a centred
        # title into lines (a line break, which the text output shows as a new line) and glue
        # terms and numbers with no-break spaces and hyphens (vankien.publish.breaks).
        def seen(lines: list[str]) -> str:
            return " ".join(lines).replace("\u2011", "-").replace("\u00a0", " ")

        assert seen(body_lines(shown[built])) == seen(body_lines(shown[original])), name
    for name in DRAFTS:
        original, built = FIXTURES / name, rebuilt[name]
        assert footnote_texts(built) == footnote_texts(original) == [FOOTNOTE]
        assert media(original) <= media(built)
        runs = formatted_runs(built)
        assert ("Đảng bộ", True, False) in runs
        assert ("Nghị quyết số 57-NQ/TW", False, True) in runs


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".vankien-cache" not in p.parts
    }


def test_import_refuses_a_folder_where_writers_have_written(tmp_path: Path) -> None:
    """The chi bộ example's files are all a writer's: nothing is written, exit code 2."""
    root = tmp_path / "chi-bo"
    shutil.copytree(REPO / "examples" / "chi-bo", root)
    before = tree(root)
    done = vankien("import", FIXTURES / "import-python-docx.docx", "--root", root)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "không ghi đè" in done.stderr and "--force-new" in done.stderr
    assert "skeleton/01-dac-diem-tinh-hinh.md" in done.stderr
    assert tree(root) == before
    # --force-new writes beside every file; what lint reads is unchanged.
    lint_before = vankien("lint", "--root", root)
    done = vankien("import", FIXTURES / "import-python-docx.docx", "--root", root, "--force-new")
    assert done.returncode == 0, done.stdout + done.stderr
    after = tree(root)
    added = sorted(set(after) - set(before))
    sides = sorted(f"{name}{SIDE_SUFFIX}" for name in before if name.startswith("skeleton/"))
    assert added == ["images/image1.png", *sides]
    assert all(after[name] == data for name, data in before.items())
    assert "ghi bên cạnh" in done.stdout
    lint_after = vankien("lint", "--root", root)
    assert lint_after.returncode == lint_before.returncode
    assert lint_after.stdout == lint_before.stdout


def test_import_into_a_folder_with_only_report_yaml(tmp_path: Path) -> None:
    root = tmp_path / "moi"
    root.mkdir()
    shutil.copy(REPO / "report.yaml", root / "report.yaml")
    done = vankien("import", FIXTURES / "import-libreoffice.docx", "--root", root)
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(p.name for p in (root / "skeleton").iterdir())
    assert names == sorted(scaffold_texts(REPO))
    assert "tệp mới" in done.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97"),
        (b"PK\x03\x04 not really a zip", "hỏng"),
        ("Chỉ là văn bản thường.".encode(), "không phải"),
    ],
)
def test_bad_input_is_a_user_error_and_writes_nothing(
    report_copy: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "du-thao.docx"
    bad.write_bytes(content)
    before = tree(report_copy)
    done = vankien("import", bad, "--root", report_copy)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "du-thao.docx" in done.stderr and message in done.stderr, done.stderr
    assert tree(report_copy) == before


def test_import_needs_a_report_folder(tmp_path: Path) -> None:
    done = vankien("import", FIXTURES / "import-libreoffice.docx", "--root", tmp_path)
    assert done.returncode == 2
    assert "report.yaml" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_document_with_no_outline_heading_is_refused(report_copy: Path, tmp_path: Path) -> None:
    import docx

    letter = docx.Document()
    letter.add_paragraph("Kính gửi: Văn phòng Đảng ủy Khối.")
    letter.add_paragraph("Đơn vị xin gửi kế hoạch tổ chức hội nghị tổng kết công tác năm 2024.")
    path = tmp_path / "cong-van.docx"
    letter.save(str(path))
    before = tree(report_copy)
    done = vankien("import", path, "--root", report_copy)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "cong-van.docx" in done.stderr and "không tìm thấy đề mục nào" in done.stderr
    assert tree(report_copy) == before


def test_sections_missing_from_the_draft_are_written_as_scaffold_writes_them(
    report_copy: Path,
) -> None:
    """The guidance stays under an unwritten section, so a draft build shows what is missing."""
    done = vankien("import", FIXTURES / "lo-html.docx", "--root", report_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    outline = load_outline(find(report_copy, "outline", "bao-cao-chinh-tri.yaml"))
    checked = 0
    for section in outline.walk():
        text = (report_copy / "skeleton" / section.file).read_text(encoding="utf-8")
        own = text.split(section.markdown_heading() + "\n", 1)[1].split("\n#", 1)[0]
        if PLACEHOLDER in own:  # not in the draft: heading, guidance, placeholder
            assert "\n\n".join(section_blocks(section)) in text, section.heading_text()
            checked += 1
    assert checked > 20  # the draft has 5 of the outline's 57 sections
