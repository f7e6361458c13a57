"""A detector that lives outside the package, for tests/test_reasons.py: one module is all a detector is."""

from cleanscrape.lines import Line


def matches(line: Line) -> bool:
    return line.content.casefold().startswith("toy company presents")
