"""Pages that once cost quadratic time clean in time linear in their size (issue 23's reproductions).

Each page is cleaned at two sizes four times apart and the CPU time compared: a linear step
takes about four times as long on the larger, a quadratic one sixteen. CPU time, not the wall
clock, so a loaded machine does not fail the test; the best of two runs of the smaller size.
"""

import time

from cleanscrape import Cleaner, CleanerConfig

#: How much longer four times the page may take (4 for linear work, 16 for quadratic).
MAX_GROWTH = 8.0


def _cpu(cleaner: Cleaner, page: str, runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        cleaner.clean(page)
        best = min(best, time.process_time() - started)
    return best


def tab_panels(count: int) -> str:
    panels = "".join(
        f'<div role="tabpanel" id="panel-{number}"><p>Install the package with pip from the index and run the tool '
        f"on your pages: step {number} of the quickstart, the same in every language.</p></div>"
        for number in range(count)
    )
    return (
        "<html><head><title>Quickstart</title></head><body><main><h1>Quickstart</h1>"
        f"<p>{'The quickstart shows how to send a message in every language we support. ' * 5}</p>"
        f'<div class="tabs" role="tablist">{panels}</div></main></body></html>'
    )


def near_identical_lines(count: int) -> str:
    return "\n".join(
        f"Buy the cheap widget model {number % 7} today at our store near you and save on every order you place {number}"
        for number in range(count)
    )


def test_ten_thousand_tab_panels_clean_in_linear_time() -> None:
    # 10,000 tab panels took 25 s: each line was looked for in every panel.
    cleaner = Cleaner(CleanerConfig(html_timeout=None))  # CPU time is measured; a loaded machine's wall clock may pass 30 s
    cleaner.clean(tab_panels(10))  # imports and profiles load on first use: not what is timed
    small, large = _cpu(cleaner, tab_panels(2_500), runs=2), _cpu(cleaner, tab_panels(10_000))
    assert large < MAX_GROWTH * max(small, 0.05), (small, large)
    assert large < 60.0  # about 4 s on a quiet machine


def test_near_duplicate_check_on_ten_thousand_near_identical_lines_is_linear() -> None:
    # The near-duplicate check on 10,000 near-identical lines took 22 s (25,000: minutes).
    cleaner = Cleaner(CleanerConfig(input_format="text"))
    cleaner.clean(near_identical_lines(10))
    small, large = _cpu(cleaner, near_identical_lines(2_500), runs=2), _cpu(cleaner, near_identical_lines(10_000))
    assert large < MAX_GROWTH * max(small, 0.05), (small, large)
    assert large < 30.0  # about 1 s on a quiet machine
