"""The batch summary: CSV, Markdown, and the HTML page sorted and filtered in real Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vankien.word.summary import (
    FAMILIES,
    HEADERS,
    Row,
    bad_row,
    render_csv,
    render_html,
    render_markdown,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def row(file: str, org: str, errors: int, warnings: int, words: int, **kw: object) -> Row:
    fam = [(0, 0)] * len(FAMILIES)
    fam[0] = (errors, warnings)
    values: dict[str, object] = {
        "file": file,
        "organisation": org,
        "ok": True,
        "problem": "",
        "stage": "Dự thảo lần 1",
        "missing": (),
        "placeholders": 0,
        "by_family": tuple(fam),
        "errors": errors,
        "warnings": warnings,
        "words": words,
        "budget": 15000,
    }
    values.update(kw)
    return Row(**values)  # type: ignore[arg-type]


ROWS = [
    row("b.docx", "Đảng bộ Sở Tư pháp", 3, 1, 12000, missing=("III. ĐÁNH GIÁ CHUNG",)),
    row("a.docx", "Chi bộ Trường Tiểu học Đông Sơn", 0, 2, 9000, placeholders=2),
    row("c.docx", "Đảng bộ Sở Y tế", 12, 0, 16500),
    row("e.docx", "Chi bộ Ấp Bình Minh", 0, 0, 8000),
    bad_row("d.doc", "tệp Word 97 (.doc), cần lưu lại dạng .docx"),
]


def test_csv_has_a_row_per_unit_and_the_headers() -> None:
    table = list(csv.reader(io.StringIO(render_csv(ROWS))))
    assert table[0] == list(HEADERS)
    assert [r[0] for r in table[1:]] == ["b.docx", "a.docx", "c.docx", "e.docx", "d.doc"]
    by_file = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in table[1:]}
    assert by_file["b.docx"]["Mục còn thiếu"] == "III. ĐÁNH GIÁ CHUNG"
    assert by_file["b.docx"]["Tổng lỗi"] == "3"
    assert by_file["b.docx"]["Số từ / mức đề cương"] == "12000 / 15000"
    assert by_file["d.doc"]["Tình trạng"] == "không kiểm tra được"
    assert "Word 97" in by_file["d.doc"]["Ghi chú"]
    assert by_file["a.docx"]["Chỗ trống còn lại"] == "2"


def test_markdown_table_escapes_pipes() -> None:
    text = render_markdown([*ROWS, bad_row("x|y.docx", "a|b")])
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) == 2 + len(ROWS) + 1
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    assert widths == {len(HEADERS) + 1}
    assert "5 đơn vị" not in text and "6 đơn vị: 2 có lỗi" in text


def test_html_is_self_contained() -> None:
    page = render_html(ROWS)
    assert "<link" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.count("<tr ") == len(ROWS)


HARNESS = """
<script>
(function(){
  var out={errors:window.__errors.slice()};
  function files(){
    return Array.prototype.filter.call(document.querySelectorAll('#summary tbody tr'),
      function(r){return !r.hidden;}).map(function(r){return r.getAttribute('data-file');});
  }
  function th(name){
    return Array.prototype.filter.call(document.querySelectorAll('#summary th'),
      function(h){return h.textContent.replace(/ [▲▼]$/,'')===name;})[0];
  }
  out.initial=files();
  th('Tổng lỗi').click(); out.errorsUp=files();
  th('Tổng lỗi').click(); out.errorsDown=files();
  th('Đơn vị').click(); out.byName=files();
  th('Số từ / mức đề cương').click(); out.byWords=files();
  var s=document.getElementById('search');
  s.value='sở'; s.dispatchEvent(new Event('input')); out.searchSo=files();
  out.count=document.getElementById('count').textContent;
  s.value=''; s.dispatchEvent(new Event('input'));
  var w=document.getElementById('which');
  w.value='bad'; w.dispatchEvent(new Event('change')); out.bad=files();
  w.value='errors'; w.dispatchEvent(new Event('change')); out.withErrors=files();
  w.value='all'; w.dispatchEvent(new Event('change')); out.all=files();
  out.errors=out.errors.concat(window.__errors);
  var pre=document.createElement('pre'); pre.id='result';
  pre.textContent=JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""


def run_page(page: str, folder: Path, harness: str = HARNESS) -> dict[str, object]:
    """Open the page in headless Chromium (no network), run ``harness`` (a script that puts
    its JSON result in ``<pre id="result">``), return its result."""
    assert CHROMIUM is not None
    catcher = "<script>window.__errors=[];window.addEventListener('error'," + (
        "function(e){window.__errors.push(String(e.message));});</script>"
    )
    page = page.replace("<head>", "<head>" + catcher, 1).replace("</body>", harness + "</body>")
    path = folder / "tong-hop.html"
    path.write_text(page, encoding="utf-8")
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={folder / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    m = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert m is not None, done.stdout[-2000:]
    import html

    result = json.loads(html.unescape(m.group(1)))
    assert isinstance(result, dict)
    return result


@pytest.mark.slow
@pytest.mark.needs_programs("chromium")
def test_html_sorts_and_filters_in_chromium(tmp_path: Path) -> None:
    result = run_page(render_html(ROWS), tmp_path)
    assert result["errors"] == []
    assert result["initial"] == ["b.docx", "a.docx", "c.docx", "e.docx", "d.doc"]
    # Numbers sort as numbers (12 after 3); an unchecked row has none and comes first.
    assert result["errorsUp"] == ["d.doc", "a.docx", "e.docx", "b.docx", "c.docx"]
    assert result["errorsDown"] == ["c.docx", "b.docx", "a.docx", "e.docx", "d.doc"]
    # Vietnamese order: «Chi bộ Ấp» before «Chi bộ Trường», the empty name first.
    assert result["byName"] == ["d.doc", "e.docx", "a.docx", "b.docx", "c.docx"]
    assert result["byWords"] == ["d.doc", "e.docx", "a.docx", "b.docx", "c.docx"]
    assert sorted(result["searchSo"]) == ["b.docx", "c.docx"]  # type: ignore[arg-type]
    assert result["count"] == "2 / 5 đơn vị"
    assert result["bad"] == ["d.doc"]
    assert sorted(result["withErrors"]) == ["b.docx", "c.docx"]  # type: ignore[arg-type]
    assert len(result["all"]) == 5  # type: ignore[arg-type]


def test_targets_met_and_missed_per_unit() -> None:
    from vankien.targets.model import Counts

    with_targets = row("t.docx", "Chi bộ Ấp Tân Hòa", 0, 0, 9000, targets=Counts(3, 5, 2, 0))
    table = list(csv.reader(io.StringIO(render_csv([with_targets, ROWS[0]]))))
    met, missed = HEADERS.index("Chỉ tiêu đạt và vượt"), HEADERS.index("Chỉ tiêu không đạt")
    assert (table[1][met], table[1][missed]) == ("8/10", "2")
    assert (table[2][met], table[2][missed]) == ("", "")  # no target table in that draft
    page = render_html([with_targets])
    assert 'data-sort="0.8000">8/10</td>' in page
