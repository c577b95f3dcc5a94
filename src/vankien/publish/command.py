"""``vankien build`` and ``vankien reference``: plain functions that return an exit code."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_FINDINGS, EXIT_OK, UserError
from vankien.textio import write_atomic

if TYPE_CHECKING:
    from vankien.publish.pandoc import PandocRun
    from vankien.publish.profile import Profile
    from vankien.publish.setup import BuildSetup
    from vankien.report.model import Report
    from vankien.unit.model import Stage

BUILD_DIR = "build"
REFERENCE_NAME = "reference.docx"
PROFILE_KEYWORD = "vankien-profile:"
MAX_LISTED = 40  # errors listed when the final stage is refused


def reference_command(root: Path, profile_name: str | None, output: Path | None) -> int:
    """Write reference.docx generated from a profile (default: the report's own profile)."""
    from vankien.publish.profile import find_profile
    from vankien.publish.reference import make_reference

    name = profile_name or _default_profile(root)
    profile = find_profile(root, name)
    target = output if output is not None else root / REFERENCE_NAME
    write_atomic(target, make_reference(profile))
    print(f"Đã tạo {target} theo hồ sơ định dạng «{profile.id}» ({profile.name}).")
    return EXIT_OK


def _default_profile(root: Path) -> str:
    if (root / "report.yaml").is_file():
        from vankien.unit.load import load_unit

        return load_unit(root).profile
    return "hd36"


def reference_for(root: Path, profile_id: str, tmp: Path, profile: Profile | None = None) -> Path:
    """The report's own reference.docx if it has one (made for its profile), else a fresh one.

    ``profile``, when the caller has already loaded it, saves parsing its YAML a second time.
    """
    from vankien.publish.ooxml.ns import qn
    from vankien.publish.ooxml.package import parse, read_parts
    from vankien.publish.profile import find_profile

    own = root / REFERENCE_NAME
    if own.is_file():
        parts = read_parts(own.read_bytes(), str(own))
        core = parts.get("docProps/core.xml")
        keywords = parse(core).findtext(qn("cp:keywords")) if core else None
        made_for = (keywords or "").removeprefix(PROFILE_KEYWORD)
        if keywords and keywords.startswith(PROFILE_KEYWORD) and made_for != profile_id:
            raise UserError(
                f"reference.docx được tạo cho hồ sơ «{made_for}», nhưng report.yaml chọn "
                f"hồ sơ «{profile_id}»",
                path=own,
                hint=f"chạy «vankien reference --profile {profile_id}» để tạo lại, "
                "hoặc xóa reference.docx.",
            )
        return own
    target = tmp / REFERENCE_NAME
    if profile is None or profile.id != profile_id:
        profile = find_profile(root, profile_id)
    target.write_bytes(_generated_reference(root, profile))
    return target


def _generated_reference(root: Path, profile: Profile) -> bytes:
    """``make_reference(profile)``, from the cache while the profile file, the code that
    generates it and pandoc (whose default reference.docx it starts from) are unchanged:
    generating it runs pandoc once, ~0.08 s of every build."""
    from types import SimpleNamespace

    from vankien.publish import profile as profile_mod
    from vankien.publish import reference as reference_mod
    from vankien.publish import styles
    from vankien.publish.ooxml import ns, package, transforms
    from vankien.publish.pandoc import pandoc_path
    from vankien.report.cache import cache_folder, cached_load
    from vankien.resources import find

    path = find(root, "profiles", f"{profile.id}.yaml")
    pandoc = SimpleNamespace(__file__=pandoc_path())  # a new pandoc: a new default reference
    modules = (reference_mod, profile_mod, styles, ns, package, transforms, pandoc)
    data = cached_load(
        cache_folder(root),
        "reference",
        path,
        lambda: reference_mod.make_reference(profile),
        modules,
    )
    return data if isinstance(data, bytes) else reference_mod.make_reference(profile)


def build_docx(report: Report) -> tuple[bytes, str]:
    """The finished document's bytes and its default file name (no linting, no writing)."""
    with building(report) as pending:
        return pending.result()


class PendingBuild:
    """A build whose pandoc is at work: :meth:`result` finishes it."""

    def __init__(self, report: Report, setup: BuildSetup, run: PandocRun) -> None:
        self.report = report
        self.setup = setup
        self.run = run

    def result(self) -> tuple[bytes, str]:
        """The finished document's bytes and its default file name."""
        from vankien.publish.anchors import build_identity
        from vankien.publish.postprocess import postprocess, prepare

        report, unit = self.report, self.report.unit
        # Asked of git while pandoc still works (two git processes: ~10 ms on the wait).
        identity = build_identity(report.root, unit.output, unit.issuer).properties()
        prepare()
        raw = self.run.result()
        info = self.setup.doc_info(properties=identity)
        data = postprocess(raw, info, report.run_cache)
        if report.run_cache is not None:
            report.run_cache.save()  # what the post-processing computed (after the lint saved)
        return data, f"{unit.output}.docx"


@contextmanager
def building(report: Report) -> Iterator[PendingBuild]:
    """The build of ``report`` started: pandoc runs in its own process while the caller
    lints (on a second core, the lint costs the build no time); stopped if the block ends
    without :meth:`PendingBuild.result`."""
    from vankien.publish.pandoc import started_pandoc
    from vankien.publish.setup import build_setup, report_sources
    from vankien.publish.source import joined_with_anchors

    root, unit = report.root, report.unit
    setup = build_setup(report)
    sources = report_sources(report)
    for source in sources:
        for name in source.unknown_variables:
            print(
                f"Lưu ý: biến {{{{{name}}}}} trong {source.path.relative_to(root)} không có "
                "trong report.yaml, được giữ nguyên (chạy «vankien lint» để xem vị trí).",
                file=sys.stderr,
            )
    markdown, anchors = joined_with_anchors(root, sources)
    with tempfile.TemporaryDirectory(prefix="vankien-build-") as tmp:
        reference = reference_for(root, setup.profile.id, Path(tmp), setup.profile)
        with started_pandoc(
            root,
            markdown,
            reference,
            setup.values,
            unit.date,
            anchors=anchors,
            keep_in=report.cache_folder,
        ) as run:
            yield PendingBuild(report, setup, run)


def stage_allows(
    report: Report, stage: Stage, unchanged: str, command: str, then: str = "rồi"
) -> bool:
    """Lint with the severities of ``stage``: may its document be made?

    The one gate of ``vankien build`` and ``vankien release``. A draft with errors is still
    made (a draft is work in progress); the final stage is refused, and the errors are listed
    here, because under a draft's report.yaml «vankien lint» shows them as warnings.
    """
    from vankien.lint.runner import lint_report

    errors = lint_report(report, stage=stage, errors_only=True).errors
    if not errors:
        return True
    if not stage.is_final:
        print(
            "Lưu ý: bản dự thảo còn lỗi kiểm tra (chạy «vankien lint» để xem); "
            "vẫn tạo bản dự thảo.",
            file=sys.stderr,
        )
        return True
    lines = [
        f"Bản chính thức không được còn lỗi kiểm tra, nhưng còn {len(errors)} lỗi "
        f"(tính theo mức độ của bản chính thức). {unchanged}",
        *(f"  {f.render()}" for f in errors[:MAX_LISTED]),
    ]
    if len(errors) > MAX_LISTED:
        lines.append(
            f"  … và {len(errors) - MAX_LISTED} lỗi nữa: chạy «vankien lint --fail-level warning» "
            "để xem hết (ở bản dự thảo, các lỗi này hiện dưới dạng cảnh báo)."
        )
    lines.append(
        f"  → viết nốt và sửa các chỗ trên (giải thích từng mã: «vankien rules»), {then} "
        f"chạy lại «{command}»."
    )
    print("\n".join(lines), file=sys.stderr)
    return False


@contextmanager
def beside_pandoc() -> Iterator[None]:
    """Lint on the cores pandoc leaves free: pandoc keeps one busy while the build's gate
    lints, so on two cores a forked lint child only takes turns with pandoc and the cold build
    ends later (~45 ms for the examples, ~0.45 s at ×16); ``vankien lint`` and the gate of
    ``vankien release``, with no pandoc beside them, still use every core."""
    from vankien.lint.parallel import at_most, available_cpus

    with at_most(max(1, available_cpus() - 1)):
        yield


def build_command(root: Path, pdf: bool, output: Path | None) -> int:
    """Lint, build the .docx (and the PDF preview), write them atomically."""
    from vankien.report.load import load_report

    report = load_report(root)  # the one loaded report: lint and build both read it
    unit = report.unit
    if pdf:
        from vankien.publish.pdf import soffice_path

        soffice_path()  # fail before the long part when LibreOffice is missing
    with building(report) as pending:  # pandoc works while the lint runs
        with beside_pandoc():
            allowed = stage_allows(
                report,
                unit.stage,
                "Chưa tạo văn bản nào (kiểm tra: «vankien lint»).",
                "vankien build",
            )
        if not allowed:
            return EXIT_FINDINGS
        data, name = pending.result()
    target = output if output is not None else root / BUILD_DIR / name
    write_atomic(target, data)
    print(f"Đã tạo {target} ({unit.stage.label.lower()}).")
    if pdf:
        from vankien.publish.pdf import docx_to_pdf

        pdf_target = target.with_suffix(".pdf")
        write_atomic(pdf_target, docx_to_pdf(target))
        print(f"Đã tạo bản xem trước {pdf_target}.")
    return EXIT_OK
