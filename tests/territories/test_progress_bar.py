"""The command-line progress line of hromada.lib.progress."""

from __future__ import annotations

from hromada.lib.progress import ProgressBar


def test_the_bar_rewrites_one_line_per_stage_and_only_on_change() -> None:
    written: list[str] = []
    bar = ProgressBar(written.append)
    for done in range(0, 1001):
        bar("writing", done, 1000)
    bar("checking", 1, 2)
    bar.close()
    text = "".join(written)
    assert text.count("\rwriting:") == 101
    assert text.endswith("\rwriting: 100%\n\rchecking:  50%\n")


def test_an_empty_stage_counts_as_done() -> None:
    written: list[str] = []
    ProgressBar(written.append)("reading", 0, 0)
    assert written == ["\rreading: 100%"]
