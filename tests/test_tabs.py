"""Tab panels: a line is no repeat of a line in another variant of the page."""

import lxml.html

from cleanscrape import clean
from cleanscrape.tabs import in_other_variants, marks_tab_panels, tab_variants

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


def test_variants_are_numbered_in_page_order_and_a_line_counts_for_its_innermost_panel() -> None:
    tree = lxml.html.fromstring(
        "<html><body>"
        '<div role="tabpanel"><p>Install it with pip.</p><p>Then run it.</p>'
        '<div role="tabpanel"><p>On Windows, use py.</p></div></div>'
        '<div role="tabpanel"><p>Install it with conda.</p><p>Then run it.</p></div>'
        '<li role="tabpanel">A panel that is a list item.</li>'
        "<p>Then run it.</p></body></html>"
    )
    variants = tab_variants(tree)
    assert variants["Then run it."] == frozenset({0, 2})
    assert variants["Install it with pip."] == frozenset({0})
    assert variants["On Windows, use py."] == frozenset({1})
    assert variants["A panel that is a list item."] == frozenset({3})
    assert in_other_variants(variants, "Install it with conda.", "Install it with pip.")
    assert not in_other_variants(variants, "Install it with pip.", "Install it with pip.")
    # A line outside every panel belongs to no variant: its repeat in one panel is a repeat.
    assert not in_other_variants(variants, "Install it with pip.", "Somewhere outside the tabs.")


def test_pages_without_panels_are_not_searched() -> None:
    assert marks_tab_panels('<div role="tabpanel">') and marks_tab_panels("<div role='tabpanel'>")
    assert not marks_tab_panels('<div class="tabs"><div class="tab-pane">')
