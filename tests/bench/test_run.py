"""Pieces of the benchmark driver that do not time anything."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.run import _huge_linearity, edit_then_run, huge_sizes, linear_verdict

from vankien.skeleton.files import MAX_SKELETON_BYTES


def test_huge_sizes_reach_the_limit_and_pass_it() -> None:
    sizes = huge_sizes()
    assert sizes == tuple(sorted(sizes))
    assert MAX_SKELETON_BYTES in sizes
    assert sizes[-1] > MAX_SKELETON_BYTES
    assert sizes[-1] >= 10 * 2**20  # the single 10 MB file


def test_huge_linearity_reads_the_cost_per_extra_megabyte() -> None:
    mb = 2**20
    linear = _huge_linearity([(mb // 4, 2.0), (mb // 2, 4.0), (mb, 8.0)])
    assert "8.0 s → 8.0 s" in linear and "— tuyến tính" in linear
    quadratic = _huge_linearity([(mb // 4, 1.0), (mb // 2, 4.0), (mb, 16.0)])
    assert "KHÔNG tuyến tính" in quadratic
    assert "không kết luận được" in _huge_linearity([(mb, 8.0)])


def test_a_marginal_cost_that_falls_is_not_called_superlinear() -> None:
    falling = linear_verdict([26e-6, 18e-6])  # the lint rows of the run at 6403df7
    assert "KHÔNG" not in falling and "tuyến tính hay tốt hơn" in falling
    assert "KHÔNG tuyến tính" in linear_verdict([16e-6, 25e-6])
    assert linear_verdict([22e-6, 23e-6]).endswith("— tuyến tính (ngưỡng 30%)")


def test_each_edit_before_a_run_is_a_sentence_the_file_never_had(tmp_path: Path) -> None:
    page = tmp_path / "10-ket-luan.md"
    page.write_text("# KẾT LUẬN\n\nĐoạn cuối.\n", encoding="utf-8")
    texts = []
    for _ in range(3):
        sample = edit_then_run([sys.executable, "-c", "pass"], page)
        assert sample.returncode == 0
        texts.append(page.read_text(encoding="utf-8"))
    assert len(set(texts)) == 3  # every run reads a new text
    for text in texts:  # one added sentence, not one more per run
        assert text.startswith("# KẾT LUẬN\n\nĐoạn cuối.\n\nCâu viết thêm lần thứ ")
        assert text.count("Câu viết thêm") == 1
