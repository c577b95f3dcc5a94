"""The image check that the build and the linter share."""

from __future__ import annotations

from pathlib import Path

from vankien.skeleton.images import image_problems


def report(tmp_path: Path) -> Path:
    (tmp_path / "skeleton").mkdir(parents=True)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"x")
    return tmp_path


def problems(root: Path, text: str) -> list[tuple[int, str]]:
    path = root / "skeleton" / "01-a.md"
    return [(p.line, p.message) for p in image_problems(root, path, text)]


def test_every_problem_is_listed_with_its_line(tmp_path: Path) -> None:
    root = report(tmp_path)
    text = (
        "![a](../images/a.png) ![b](images/a.png)\n"
        "![c](http://example.com/c.png)\n"
        "![d](/tmp/d.png) ![e](../images/khong-co.png)\n"
        '<img src="//cdn.example.com/f.png">\n'
        "![g][ref]\n\n[ref]: ftp://example.com/g.png\n"
    )
    found = problems(root, text)
    assert [line for line, _ in found] == [2, 3, 3, 4, 7]
    assert "lấy từ ngoài" in found[0][1]
    assert "đường dẫn tuyệt đối" in found[1][1]
    assert "không tìm thấy tệp hình ảnh «../images/khong-co.png»" in found[2][1]


def test_a_link_out_of_the_report_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    root = report(tmp_path / "r")
    (root / "images" / "link.png").symlink_to(outside)
    assert problems(root, "![a](../images/link.png)\n") == [
        (1, "hình ảnh «../images/link.png» nằm ngoài thư mục báo cáo")
    ]


def test_images_in_fenced_code_are_text(tmp_path: Path) -> None:
    root = report(tmp_path)
    assert problems(root, "```\n![a](https://example.com/a.png)\n```\n") == []
