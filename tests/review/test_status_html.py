"""``vankien status`` and the targets; the HTML page drawn in real headless Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.word.test_summary import run_page

from vankien.cli import main
from vankien.report.load import load_report
from vankien.review.status import compute, render
from vankien.review.status_html import render_html

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = "[Viết nội dung tại đây]{.placeholder}"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The đảng bộ example with target 8 not yet filled in (chi-tieu.yaml) and one section
    still being written."""
    root = tmp_path / "dang-bo"
    shutil.copytree(REPO / "examples" / "dang-bo", root)
    data = root / "chi-tieu.yaml"
    text = data.read_text(encoding="utf-8")
    achieved = "    planned: 10 sáng kiến\n    achieved: 9 sáng kiến\n"
    assert text.count(achieved) == 1
    data.write_text(text.replace(achieved, "    planned: 10 sáng kiến\n"), encoding="utf-8")
    f06 = root / "skeleton" / "06-dan-van.md"
    text = f06.read_text(encoding="utf-8")
    heading = "### 5. Công tác dân vận chính quyền"
    f06.write_text(text.replace(heading, heading + "\n\n" + PLACEHOLDER, 1), encoding="utf-8")
    return root


def test_status_counts_the_targets_and_names_whose_turn(report: Path) -> None:
    status = compute(load_report(report))
    t = status.targets
    assert t is not None
    assert (t.total, t.exceeded, t.met, t.missed, t.pending) == (10, 6, 2, 1, 1)
    assert t.pending_ids == ("8",) and t.planned == 12
    assert t.owner.role == "van-phong" and t.owner.people == ("Trần Thị Bình",)
    table = render(status, "table")
    assert (
        "Chỉ tiêu nhiệm kỳ trước: 10 chỉ tiêu, 2 đạt, 6 vượt, 1 không đạt, 1 chưa có kết quả "
        "(chỉ tiêu 8); phụ trách: Văn phòng Đảng ủy: Trần Thị Bình (mục «1.2. Kết quả thực "
        "hiện các chỉ tiêu Nghị quyết Đại hội lần thứ XIV»)"
    ) in table


def test_a_report_without_targets_table(report_copy: Path) -> None:
    t = compute(load_report(report_copy)).targets
    assert t is not None and t.total == 0
    assert t.text() == "Chỉ tiêu: chưa có bảng chỉ tiêu nhiệm kỳ trước."


def test_html_is_written_atomically_and_self_contained(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tien-do.html"
    assert main(["status", "--root", str(report), "--format", "html", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".*tien-do*"))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    assert "<link" not in page and "<script" not in page and "url(" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "Tiến độ theo người phụ trách" in page and "Chỉ tiêu nhiệm kỳ trước" in page


HARNESS = """
<script>
(function(){
  var out={errors:window.__errors.slice()};
  out.resources=performance.getEntriesByType('resource').map(function(r){return r.name;});
  out.chart={};
  Array.prototype.forEach.call(document.querySelectorAll('#targets-chart g'),function(g){
    var rect=g.querySelector('rect');
    out.chart[g.getAttribute('data-kind')]={count:+g.getAttribute('data-count'),
      height:rect.getBBox().height};
  });
  out.owners={};
  Array.prototype.forEach.call(document.querySelectorAll('#owners tbody tr'),function(r){
    var bar=r.querySelector('.bar'), whole=bar.getBoundingClientRect().width-2, parts={};
    Array.prototype.forEach.call(bar.querySelectorAll('span'),function(s){
      parts[s.className]=Math.round(1000*s.getBoundingClientRect().width/whole)/1000;
    });
    out.owners[r.getAttribute('data-owner')]=parts;
  });
  out.sections=document.querySelectorAll('#sections tbody tr').length;
  out.writing=Array.prototype.map.call(
    document.querySelectorAll('#sections tbody tr[data-state=writing]'),
    function(r){return r.getAttribute('data-section');});
  var pre=document.createElement('pre'); pre.id='result';
  pre.textContent=JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""


@pytest.mark.slow
@pytest.mark.needs_programs("chromium")
def test_html_bars_and_chart_in_chromium(report: Path, tmp_path: Path) -> None:
    status = compute(load_report(report))
    result = run_page(render_html(status), tmp_path, HARNESS)
    assert result["errors"] == [] and result["resources"] == []
    chart = result["chart"]
    assert isinstance(chart, dict)
    assert {k: v["count"] for k, v in chart.items()} == {
        "exceeded": 6,
        "met": 2,
        "missed": 1,
        "pending": 1,
    }
    # Bar heights are proportional to the counts (the tallest is 150 px).
    assert chart["exceeded"]["height"] == 150
    assert chart["met"]["height"] == 50 and chart["missed"]["height"] == 25
    owners = result["owners"]
    assert isinstance(owners, dict)
    # Phụ trách dân vận: one of three sections still being written.
    assert owners["dan-van"] == {
        "done": pytest.approx(2 / 3, abs=0.01),
        "writing": pytest.approx(1 / 3, abs=0.01),
    }
    assert owners["van-phong"] == {"done": 1.0}
    assert result["sections"] == sum(len(f.sections) for f in status.files)
    assert len(result["writing"]) >= 1  # type: ignore[arg-type]


def test_html_goes_to_tien_do_html_without_output(
    report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "van-phong"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["status", "--root", str(report), "--format", "html"]) == 0
    assert (work / "tien-do.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in work.iterdir()) == ["tien-do.html"]
