"""Fenced code blocks found line by line."""

from __future__ import annotations

from vankien.skeleton.fences import Fence, fenced, fences


def test_fences_with_info_strings_markers_and_lengths() -> None:
    lines = ["a", "```{=openxml}", "~~~", "```", "b", "~~~~ python", "~~~", "```", "~~~~", "c"]
    assert fences(lines) == [Fence(1, 3, "{=openxml}"), Fence(5, 8, "python")]
    assert fenced(lines) == [False, True, True, True, False, True, True, True, True, False]


def test_a_closing_fence_has_no_info_and_an_open_fence_runs_to_the_end() -> None:
    assert fences(["```", "```js", "x"]) == [Fence(0, 2, "")]


def test_backticks_with_a_backtick_in_the_info_are_a_code_span() -> None:
    assert fences(["```a`b```", "x"]) == []


def test_comment_blocks_run_from_the_opening_line_to_the_closing_mark() -> None:
    from vankien.skeleton.fences import commented

    lines = ["a", "<!-- x", "+ y", "-->", "b", "  <!-- z -->", "c <!-- no", "```", "<!--", "```"]
    assert commented(lines) == [False, True, True, True, False, True, False, False, False, False]
    assert commented(["<!-- open", "+ to the end"]) == [True, True]
