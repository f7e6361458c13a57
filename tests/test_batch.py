"""The batch runner's own promises, apart from the CLI that drives it."""

import subprocess
import sys

# A fresh interpreter: this test process has long since loaded everything.
_AFTER_WARM_UP = """
import sys
from cleanscrape.batch import warm_up
from cleanscrape.cleaner import Cleaner
from cleanscrape.language import default_detector
warm_up(Cleaner())
print(",".join(name for name in ("trafilatura", "inscriptis", "w3lib", "charset_normalizer") if name in sys.modules))
print(int(default_detector().loaded))
"""


def test_warm_up_loads_the_lazily_imported_libraries_before_workers_fork() -> None:
    # Whatever warm_up misses, each forked worker loads again on its first page. (MinHash is
    # numpy now: datasketch, which pulled in scipy, is no longer loaded for line signatures.)
    result = subprocess.run([sys.executable, "-c", _AFTER_WARM_UP], capture_output=True, text=True, check=True)
    loaded, profiles = result.stdout.split()
    assert loaded.split(",") == ["trafilatura", "inscriptis", "w3lib", "charset_normalizer"]
    assert profiles == "1"
