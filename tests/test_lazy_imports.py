"""Start-up: heavy libraries load where they are used, not when cleanscrape is imported."""

from __future__ import annotations

import subprocess
import sys

_CLEAN_A_TEXT_PAGE = """
import sys
import cleanscrape
after_import = sorted(name for name in ("numpy", "scipy", "trafilatura", "datasketch", "langdetect") if name in sys.modules)
page = "Home | News | Sport\\n" + "\\n".join(
    f"Paragraph {n} of the article says something about the harbour and the storm that came in." for n in range(30)
) + "\\nHome | News | Sport\\nHome | News | Sports\\nShare this article\\n"
record = cleanscrape.clean(page, input_format="text")
assert record.text and record.language == "en", record
print(",".join(after_import) or "-")
print(",".join(name for name in ("scipy", "trafilatura", "datasketch") if name in sys.modules) or "-")
"""


def test_importing_and_cleaning_a_text_page_imports_neither_scipy_nor_trafilatura() -> None:
    result = subprocess.run([sys.executable, "-c", _CLEAN_A_TEXT_PAGE], capture_output=True, text=True, check=True)
    after_import, after_cleaning = result.stdout.split()
    assert after_import == "-"  # not even numpy or langdetect: they load at the first page
    assert after_cleaning == "-"
