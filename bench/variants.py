"""A batch of units: copies of an example report folder under different report.yaml values.

Each variant differs in unit name, organisation type, congress number and stage (draft N or
final, with a document number only when final), the way the reports a superior body collects
differ. The skeleton is copied, not shared, so every unit is a self-contained report folder.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bench.scale import copy_data_files

# Fictional units: kinds of grassroots organisation × district names (facts, not prose).
UNIT_KINDS = (
    "Trường Trung học phổ thông",
    "Trung tâm Y tế",
    "Ban Quản lý dự án",
    "Bệnh viện Đa khoa",
    "Trung tâm Giáo dục nghề nghiệp",
)
PLACES = (
    "Hoằng Hóa",
    "Quảng Xương",
    "Nga Sơn",
    "Tĩnh Gia",
    "Thọ Xuân",
    "Yên Định",
    "Vĩnh Lộc",
    "Thạch Thành",
    "Cẩm Thủy",
    "Ngọc Lặc",
)
ORG_TYPES = ("dang-bo-co-so", "chi-bo-co-so")
STAGES = ("du-thao-1", "du-thao-2", "du-thao-3", "chinh-thuc")


@dataclass(frozen=True)
class Variant:
    index: int
    name: str
    org_type: str
    congress: int
    stage: str
    output: str

    @property
    def doc_number(self) -> int | None:
        return self.index + 1 if self.stage == "chinh-thuc" else None


def plan(count: int) -> list[Variant]:
    """``count`` distinct variants (at most len(UNIT_KINDS) × len(PLACES))."""
    limit = len(UNIT_KINDS) * len(PLACES)
    if not 1 <= count <= limit:
        raise ValueError(f"count must be 1..{limit}")
    out = []
    for i in range(count):
        kind = UNIT_KINDS[i % len(UNIT_KINDS)]
        place = PLACES[(i // len(UNIT_KINDS)) % len(PLACES)]
        out.append(
            Variant(
                index=i,
                name=f"{kind} {place}",
                org_type=ORG_TYPES[i % len(ORG_TYPES)],
                congress=5 + (i * 7) % 20,
                stage=STAGES[(i // 2) % len(STAGES)],
                output=f"bao-cao-{i + 1:02d}",
            )
        )
    return out


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def render_report_yaml(template: str, variant: Variant, extra: dict[str, Any] | None = None) -> str:
    """The template report.yaml (comments kept) with the variant's values put in."""
    yaml = _yaml()
    data = yaml.load(template)
    data["output"] = variant.output
    data["organisation"]["type"] = variant.org_type
    data["organisation"]["name"] = variant.name
    data["congress"]["number"] = variant.congress
    data["document"]["stage"] = variant.stage
    data["document"]["number"] = variant.doc_number
    for key, value in (extra or {}).items():
        data[key] = value
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def make_units(src: Path, dst: Path, count: int) -> list[Path]:
    """Write ``count`` report folders under ``dst`` (unit-01, unit-02, …); return their paths."""
    template = (src / "report.yaml").read_text(encoding="utf-8")
    skeleton = (src / "skeleton").resolve()
    folders = []
    for variant in plan(count):
        folder = dst / f"unit-{variant.index + 1:02d}"
        folder.mkdir(parents=True)
        for name in ("outline", "profiles", "filters"):
            if (src / name).is_dir():
                shutil.copytree(src / name, folder / name)
        shutil.copytree(skeleton, folder / "skeleton")
        copy_data_files(src, folder)
        (folder / "report.yaml").write_text(render_report_yaml(template, variant), encoding="utf-8")
        folders.append(folder)
    return folders
