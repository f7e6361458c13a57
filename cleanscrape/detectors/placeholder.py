"""Unfilled template code left in the page: ``{{ user.name }}``, ``{% if %}``, ``${price}``."""

from ..lines import Line
from ..vocabulary import PLACEHOLDER

#: Every PLACEHOLDER form holds one of these: a line without any is no placeholder.
GATE = ("{", "}", "%", "[[", "__")


def matches(line: Line) -> bool:
    if not any(mark in line.content for mark in GATE):
        return False
    found = PLACEHOLDER.findall(line.content)
    if not found:
        return False
    covered = sum(len(item) for item in found)
    # A code sample in a template-engine tutorial mentions {{ }} inside prose;
    # only a line that is mostly template code is a leftover.
    return covered * 2 >= len(line.content.replace(" ", "")) or line.words <= 4
