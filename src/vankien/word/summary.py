"""The summary table of a batch of drafts, one row per unit: CSV, Markdown and one HTML page.

The HTML page is self-contained (its style and script are inline, nothing is fetched), and it
can be sorted by any column (click the heading) and filtered (a search box over every cell, and
a choice of rows: all, with errors, not checked).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vankien.lint.model import Family, Severity

if TYPE_CHECKING:
    from vankien.targets.model import Counts
    from vankien.word.check import DraftResult


def _families() -> tuple[Family, ...]:
    """The rule families that have a rule run on Word drafts (in the registry's order)."""
    from vankien.lint.runner import all_rules

    used = {rule.family for rule in all_rules() if rule.on_word}
    return tuple(f for f in Family if f in used)


FAMILIES = _families()


@dataclass(frozen=True)
class Row:
    """One unit's line of the summary."""

    file: str
    organisation: str
    ok: bool  # False: the file could not be checked (bad input); ``problem`` says why
    problem: str
    stage: str
    missing: tuple[str, ...]
    placeholders: int
    by_family: tuple[tuple[int, int], ...]  # (errors, warnings) per FAMILIES entry
    errors: int
    warnings: int
    words: int | None
    budget: int | None
    # The previous term's targets in the draft's table (None: the draft has no such table).
    targets: Counts | None = None

    @property
    def status(self) -> str:
        if not self.ok:
            return "không kiểm tra được"
        if self.errors:
            return "có lỗi"
        if self.warnings:
            return "có cảnh báo"
        return "đạt"

    @property
    def status_key(self) -> str:
        """A stable value for filtering: bad, errors, warnings, clean."""
        if not self.ok:
            return "bad"
        return "errors" if self.errors else "warnings" if self.warnings else "clean"

    def met_text(self) -> str:
        """«8/10»: targets met or exceeded, of all."""
        t = self.targets
        return f"{t.met_or_exceeded}/{t.total}" if t is not None else ""

    def missed_text(self) -> str:
        t = self.targets
        return str(t.missed) if t is not None else ""

    def words_text(self) -> str:
        if self.words is None:
            return ""
        if self.budget is None:
            return f"{self.words}"
        return f"{self.words} / {self.budget}"


def bad_row(file: str, problem: str) -> Row:
    return Row(
        file=file,
        organisation="",
        ok=False,
        problem=problem,
        stage="",
        missing=(),
        placeholders=0,
        by_family=tuple((0, 0) for _ in FAMILIES),
        errors=0,
        warnings=0,
        words=None,
        budget=None,
    )


HEADERS = (
    "Tệp",
    "Đơn vị",
    "Tình trạng",
    "Giai đoạn",
    "Mục còn thiếu",
    "Chỗ trống còn lại",
    *(f"{f.vietnamese}: lỗi/cảnh báo" for f in FAMILIES),
    "Tổng lỗi",
    "Tổng cảnh báo",
    "Số từ / mức đề cương",
    "Chỉ tiêu đạt và vượt",
    "Chỉ tiêu không đạt",
    "Ghi chú",
)


def cells(row: Row) -> list[str]:
    return [
        row.file,
        row.organisation,
        row.status,
        row.stage,
        "; ".join(row.missing),
        str(row.placeholders) if row.ok else "",
        *(f"{e}/{w}" if row.ok else "" for e, w in row.by_family),
        str(row.errors) if row.ok else "",
        str(row.warnings) if row.ok else "",
        row.words_text(),
        row.met_text(),
        row.missed_text(),
        row.problem,
    ]


def render_csv(rows: Sequence[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(cells(row))
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def render_markdown(rows: Sequence[Row]) -> str:
    lines = [
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---" for _ in HEADERS) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(c) for c in cells(row)) + " |")
    lines.append("")
    lines.append(totals_line(rows))
    return "\n".join(lines) + "\n"


def totals_line(rows: Sequence[Row]) -> str:
    bad = sum(1 for r in rows if not r.ok)
    with_errors = sum(1 for r in rows if r.ok and r.errors)
    text = f"{len(rows)} đơn vị: {with_errors} có lỗi"
    text += f", {sum(1 for r in rows if r.status_key == 'warnings')} chỉ có cảnh báo"
    text += f", {sum(1 for r in rows if r.status_key == 'clean')} đạt"
    if bad:
        text += f", {bad} không kiểm tra được"
    return text + "."


# Numeric columns sort as numbers (data-sort holds the number); the others as text, the
# Vietnamese way (localeCompare "vi").
_NUMERIC = {
    5,
    *range(6, 6 + len(FAMILIES)),
    6 + len(FAMILIES),
    7 + len(FAMILIES),
    8 + len(FAMILIES),
    9 + len(FAMILIES),
    10 + len(FAMILIES),
}

_STYLE = """
body{font-family:"Liberation Serif","Times New Roman",serif;margin:1.5em;color:#111}
h1{font-size:1.4em}
.controls{margin:1em 0;display:flex;gap:1em;flex-wrap:wrap;align-items:center}
input[type=search]{font-size:1em;padding:.3em;min-width:20em}
table{border-collapse:collapse;font-size:.95em}
th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top}
th{background:#eee;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
tr.bad td{background:#fde2e2}
tr.errors td:nth-child(3){color:#a00;font-weight:bold}
tr.clean td:nth-child(3){color:#070}
td.num{text-align:right}
"""

_SCRIPT = """
(function(){
  var table=document.getElementById('summary');
  var body=table.tBodies[0];
  var search=document.getElementById('search');
  var which=document.getElementById('which');
  var count=document.getElementById('count');
  function value(row,i){
    var cell=row.cells[i];
    return cell.hasAttribute('data-sort')?cell.getAttribute('data-sort'):cell.textContent;
  }
  function num(v){var n=parseFloat(v);return isNaN(n)?-Infinity:n;}
  function sortBy(th){
    var i=th.cellIndex, numeric=th.getAttribute('data-type')==='number';
    var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
    var heads=table.tHead.rows[0].cells;
    for(var k=0;k<heads.length;k++){heads[k].removeAttribute('aria-sort');}
    th.setAttribute('aria-sort',dir);
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
      var x=value(a,i), y=value(b,i), r;
      if(numeric){r=num(x)-num(y);}
      else{r=x.localeCompare(y,'vi');}
      return dir==='ascending'?r:-r;
    });
    rows.forEach(function(r){body.appendChild(r);});
  }
  function filter(){
    var q=search.value.trim().toLocaleLowerCase('vi'), w=which.value, shown=0;
    Array.prototype.forEach.call(body.rows,function(r){
      var okText=!q||r.textContent.toLocaleLowerCase('vi').indexOf(q)!==-1;
      var okKind=w==='all'||(' '+r.className+' ').indexOf(' '+w+' ')!==-1;
      r.hidden=!(okText&&okKind);
      if(!r.hidden){shown++;}
    });
    count.textContent=shown+' / '+body.rows.length+' đơn vị';
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th){
    th.addEventListener('click',function(){sortBy(th);});
    th.addEventListener('keydown',function(e){if(e.key==='Enter'){sortBy(th);}});
  });
  search.addEventListener('input',filter);
  which.addEventListener('change',filter);
  filter();
})();
"""


def _sort_value(row: Row, i: int, text: str) -> str | None:
    """The number a numeric column sorts by (errors, then warnings for the family columns)."""
    if i not in _NUMERIC or not row.ok:
        return "" if i in _NUMERIC else None
    if 6 <= i < 6 + len(FAMILIES):
        e, w = row.by_family[i - 6]
        return str(e * 100000 + w)
    if i == 8 + len(FAMILIES):
        return str(row.words) if row.words is not None else ""
    if i == 9 + len(FAMILIES):  # the share met, then how many
        t = row.targets
        return f"{t.met_or_exceeded / t.total:.4f}" if t is not None and t.total else ""
    return text


def render_html(
    rows: Sequence[Row], title: str = "Tổng hợp kiểm tra dự thảo báo cáo chính trị"
) -> str:
    head = "".join(
        f'<th scope="col" tabindex="0" data-type="{"number" if i in _NUMERIC else "text"}">'
        f"{html.escape(h)}</th>"
        for i, h in enumerate(HEADERS)
    )
    body_rows = []
    for row in rows:
        tds = []
        for i, text in enumerate(cells(row)):
            sort = _sort_value(row, i, text)
            attrs = f' data-sort="{html.escape(sort)}"' if sort is not None else ""
            cls = ' class="num"' if i in _NUMERIC else ""
            tds.append(f"<td{cls}{attrs}>{html.escape(text)}</td>")
        body_rows.append(
            f'<tr class="{row.status_key}" data-file="{html.escape(row.file)}">{"".join(tds)}</tr>'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(totals_line(rows))}</p>"
        '<div class="controls">'
        '<label>Tìm: <input type="search" id="search" placeholder="tên đơn vị, mục, ghi chú…">'
        "</label>"
        '<label>Hiện: <select id="which">'
        '<option value="all">tất cả</option>'
        '<option value="errors">có lỗi</option>'
        '<option value="warnings">chỉ có cảnh báo</option>'
        '<option value="clean">đạt</option>'
        '<option value="bad">không kiểm tra được</option>'
        "</select></label>"
        '<span id="count"></span></div>'
        f'<table id="summary"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table>"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def row_of(result: DraftResult, file: str) -> Row:
    """A checked draft's line of the summary."""
    from vankien.word.check import check_rules

    family = {r.code: r.family for r in check_rules()}
    found = [(family.get(i.finding.code), i.finding.severity) for i in result.findings]
    by_family = tuple(
        (
            sum(1 for f, s in found if f is fam and s is Severity.ERROR),
            sum(1 for f, s in found if f is fam and s is Severity.WARNING),
        )
        for fam in FAMILIES
    )
    return Row(
        file=file,
        organisation=result.organisation,
        ok=True,
        problem="",
        stage=result.stage,
        missing=result.missing,
        placeholders=sum(1 for f, _ in found if f is Family.PLACEHOLDER),
        by_family=by_family,
        errors=sum(1 for _, s in found if s is Severity.ERROR),
        warnings=sum(1 for _, s in found if s is Severity.WARNING),
        words=result.words,
        budget=result.budget,
        targets=result.targets,
    )
