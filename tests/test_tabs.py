"""Tab panels: a line is no repeat of a line in another variant of the page."""

import lxml.html

from cleanscrape import clean
from cleanscrape.tabs import marks_tab_panels, tab_variants

PARAGRAPHS = [
    "The harbour authority said on Tuesday that dozens of cargo ships had been held outside the port for a week.",
    "Captains waited for the storm to pass while pilots checked the channel for debris left by the high winds.",
    "Traders said the delay would push up the price of grain shipments that were due to arrive before the holiday.",
]
SHARED = "Save your changes and run this command from your terminal in the directory that contains the file you wrote."
CREATE_JS = "Create a file called send.js and paste in the code that sends the message."
CREATE_PHP = "Create a file called send.php and paste in the code that sends the message."


def _quickstart(first: str, second: str) -> str:
    return (
        "<html><body><article><h1>Send a message</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + '<div role="tablist"><button role="tab">Node.js</button><button role="tab">PHP</button></div>'
        + f'<div role="tabpanel"><p>{first}</p><p>{SHARED}</p></div>'
        + f'<div role="tabpanel" hidden><p>{second}</p><p>{SHARED}</p></div></article></body></html>'
    )


def test_each_variant_keeps_its_own_copy_of_the_lines_it_shares() -> None:
    record = clean(_quickstart(CREATE_JS, CREATE_PHP))
    assert record.text.split("\n")[3:] == [CREATE_JS, SHARED, CREATE_PHP, SHARED]
    assert "near_duplicate" not in [removed.reason for removed in record.removed]


def test_panels_that_are_copies_are_one_variant() -> None:
    record = clean(_quickstart(CREATE_JS, CREATE_JS))
    assert record.text.split("\n")[3:] == [CREATE_JS, SHARED]
    assert [(removed.text, removed.reason) for removed in record.removed if removed.reason == "near_duplicate"] == [
        (CREATE_JS, "near_duplicate"), (SHARED, "near_duplicate"),
    ]


def test_a_line_is_placed_in_the_variants_that_hold_all_its_words_and_in_its_innermost_panel() -> None:
    tree = lxml.html.fromstring(
        "<html><body>"
        '<div role="tabpanel"><p>Install the package with pip from the index.</p><p>Then run the tool once.</p>'
        '<div role="tabpanel"><p>On Windows, use the py launcher instead.</p></div></div>'
        '<div role="tabpanel"><p>Install the package with conda from the channel.</p><p>Then run the tool once.</p></div>'
        '<li role="tabpanel region">A panel that is a list item.</li>'
        "<p>Somewhere outside the tabs, a line of its own.</p></body></html>"
    )
    variants = tab_variants(tree)
    assert variants.holding("Then run the tool once.") == frozenset({0, 2})
    assert variants.holding("Install the package with pip from the index.") == frozenset({0})
    assert variants.holding("On Windows, use the py launcher instead.") == frozenset({1})
    assert variants.holding("A panel that is a list item.") == frozenset({3})
    assert variants.holding("Somewhere outside the tabs, a line of its own.") == frozenset()
    assert variants.in_other_variants("Install the package with conda from the channel.", "Install the package with pip from the index.")
    assert not variants.in_other_variants("Install the package with pip from the index.", "Install the package with pip from the index.")
    # A line outside every panel belongs to no variant: its repeat in one panel is a repeat.
    assert not variants.in_other_variants("Install the package with pip from the index.", "Somewhere outside the tabs, a line of its own.")


def test_lines_no_single_element_holds_are_found_in_their_panel() -> None:
    # trafilatura writes a table row as one line, and a paragraph split by <br> as two.
    row = "<table><tr><td>Timeout in seconds for each call</td><td>30 unless the caller sets another</td></tr></table>"
    tree = lxml.html.fromstring(
        f'<html><body><div role="tabpanel">{row}<p>First line of the note here<br>second line of the note here</p></div>'
        f'<div role="tabpanel"><p>Other text.</p>{row}</div></body></html>'
    )
    variants = tab_variants(tree)
    assert variants.holding("| Timeout in seconds for each call | 30 unless the caller sets another |") == frozenset({0, 1})
    assert variants.holding("second line of the note here") == frozenset({0})


def test_pages_without_panels_are_not_searched() -> None:
    assert marks_tab_panels('<div role="tabpanel">') and marks_tab_panels('<div role = "TabPanel">')
    assert not marks_tab_panels('<div class="tabs"><div class="tab-pane">')


def test_a_table_row_shared_by_two_tabs_stays_in_both() -> None:
    shared = "<tr><td>timeout</td><td>Seconds to wait for an answer from the server before the call gives up and fails with an error</td></tr>"
    page = (
        "<html><body><article><h1>Client options</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + f'<div role="tabpanel"><table><tr><td>python</td><td>The Python client reads these options</td></tr>{shared}</table></div>'
        + f'<div role="tabpanel"><table><tr><td>node</td><td>The Node.js client reads these options</td></tr>{shared}</table></div>'
        + "</article></body></html>"
    )
    record = clean(page)
    assert sum("Seconds to wait for an answer" in line for line in record.text.split("\n")) == 2
