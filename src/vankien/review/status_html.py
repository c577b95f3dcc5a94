"""``vankien status --format html``: one self-contained page for the office and the committee.

Progress per section and per owner as bars, the previous term's targets (met, exceeded,
missed, no result yet) as a chart. Everything is inline (style, SVG): the page fetches nothing
and opens from a USB stick or an e-mail attachment as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from vankien.review.status import Owner, ReportStatus, SectionStatus, State, summary

_STYLE = """
body{font-family:"Liberation Serif","Times New Roman",serif;margin:1.5em;color:#111;max-width:70em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:middle}
th{background:#eee}
td.num{text-align:right;white-space:nowrap}
.bar{position:relative;height:1em;min-width:12em;background:#eee;border:1px solid #999;display:flex}
.bar span{display:block;height:100%}
.done{background:#2e7d32}.writing{background:#f9a825}.empty{background:#e0e0e0}
.over{background:#c62828}
.legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}
td.level4{padding-left:2em}td.level5{padding-left:3em}td.level6{padding-left:4em}
"""

_STATE_CLASS = {State.DONE: "done", State.WRITING: "writing", State.EMPTY: "empty"}


def _e(text: object) -> str:
    return html.escape(str(text))


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _stacked(parts: list[tuple[str, int, str]], total: int) -> str:
    """A bar of ``parts`` (class, count, label) out of ``total``."""
    spans = "".join(
        f'<span class="{cls}" style="width:{_percent(n, total)}%" data-count="{n}" '
        f'title="{_e(label)}: {n}"></span>'
        for cls, n, label in parts
        if n
    )
    return f'<div class="bar" role="img" aria-label="{_e(_bar_label(parts, total))}">{spans}</div>'


def _bar_label(parts: list[tuple[str, int, str]], total: int) -> str:
    return ", ".join(f"{label} {n}/{total}" for _, n, label in parts)


def _word_bar(s: SectionStatus) -> str:
    """A section's words against its budget, coloured by its state (red past the budget)."""
    if not s.budget:
        return ""
    share = min(100.0, _percent(s.words, s.budget))
    cls = "over" if s.words > s.budget else _STATE_CLASS[s.state]
    return (
        f'<div class="bar" role="img" aria-label="{s.words} / {s.budget} từ">'
        f'<span class="{cls}" style="width:{share}%"></span></div>'
    )


def _section_rows(status: ReportStatus) -> Iterator[str]:
    for f in status.files:
        for s in f.sections:
            label = s.heading + ("" if s.present else " (thiếu đề mục)")
            words = f"{s.words} / {s.budget}" if s.budget else str(s.words)
            yield (
                f'<tr data-section="{_e(s.id)}" data-state="{s.state.code}">'
                f'<td class="level{s.level}">{_e(label)}</td><td>{_e(s.owner.text())}</td>'
                f"<td>{_e(s.state.value)}</td><td>{_word_bar(s)}</td>"
                f'<td class="num">{_e(words)}</td></tr>'
            )


def _owners(status: ReportStatus) -> list[tuple[Owner, list[State]]]:
    """Each owner with the states of the leaf sections assigned to them, in outline order."""
    out: dict[str | None, tuple[Owner, list[State]]] = {}
    for f in status.files:
        levels = [s.level for s in f.sections]
        for i, s in enumerate(f.sections):
            is_leaf = i + 1 >= len(levels) or levels[i + 1] <= s.level
            if is_leaf:
                out.setdefault(s.owner.role, (s.owner, []))[1].append(s.state)
    return list(out.values())


def _owner_rows(status: ReportStatus) -> Iterator[str]:
    for owner, states in _owners(status):
        done = states.count(State.DONE)
        parts = [
            ("done", done, State.DONE.value),
            ("writing", states.count(State.WRITING), State.WRITING.value),
            ("empty", states.count(State.EMPTY), State.EMPTY.value),
        ]
        yield (
            f'<tr data-owner="{_e(owner.role or "")}"><td>{_e(owner.text())}</td>'
            f"<td>{_stacked(parts, len(states))}</td>"
            f'<td class="num">{done} / {len(states)}</td></tr>'
        )


_CHART = (
    ("exceeded", "Vượt", "#1565c0"),
    ("met", "Đạt", "#2e7d32"),
    ("missed", "Không đạt", "#c62828"),
    ("pending", "Chưa có kết quả", "#9e9e9e"),
)


def _targets_chart(status: ReportStatus) -> str:
    t = status.targets
    if t is None or not t.total:
        return "<p>Chưa có bảng chỉ tiêu nhiệm kỳ trước.</p>"
    counts = {"exceeded": t.exceeded, "met": t.met, "missed": t.missed, "pending": t.pending}
    top = max(1, *counts.values())
    width, height, bar, gap, base = 440, 220, 70, 30, 180
    bars = []
    for i, (key, label, colour) in enumerate(_CHART):
        n = counts[key]
        h = round(150 * n / top)
        x = gap + i * (bar + gap)
        bars.append(
            f'<g data-kind="{key}" data-count="{n}">'
            f'<rect x="{x}" y="{base - h}" width="{bar}" height="{h}" fill="{colour}">'
            f"<title>{_e(label)}: {n}</title></rect>"
            f'<text x="{x + bar / 2}" y="{base - h - 6}" text-anchor="middle">{n}</text>'
            f'<text x="{x + bar / 2}" y="{base + 18}" text-anchor="middle" '
            f'font-size="13">{_e(label)}</text></g>'
        )
    svg = (
        f'<svg id="targets-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(t.text())}" font-family="Liberation Serif, serif">'
        f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#333"/>'
        f"{''.join(bars)}</svg>"
    )
    return f"{svg}<p>{_e(t.text())}</p>"


def render_html(status: ReportStatus) -> str:
    title = f"Tiến độ báo cáo chính trị — {status.name}"
    legend = "".join(
        f'<span class="{cls}"></span>{_e(state.value)}' for state, cls in _STATE_CLASS.items()
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f"<p>{_e(summary(status).splitlines()[0])}</p>"
        f'<p class="legend">{legend}<span class="over"></span>vượt độ dài dự kiến</p>'
        "<h2>Chỉ tiêu nhiệm kỳ trước</h2>"
        f"{_targets_chart(status)}"
        "<h2>Tiến độ theo người phụ trách</h2>"
        '<table id="owners"><thead><tr><th>Người phụ trách</th><th>Mục đã xong</th>'
        "<th>Số mục</th></tr></thead>"
        f"<tbody>{''.join(_owner_rows(status))}</tbody></table>"
        "<h2>Tiến độ từng mục</h2>"
        '<table id="sections"><thead><tr><th>Mục</th><th>Phụ trách</th><th>Tình trạng</th>'
        "<th>Số từ so với dự kiến</th><th>Số từ</th></tr></thead>"
        f"<tbody>{''.join(_section_rows(status))}</tbody></table>"
        "<p><small>Tạo bởi «vankien status --format html».</small></p>"
        "</body></html>\n"
    )
