"""Language identification as cleanscrape does it (seeded langdetect), on the lingua test sets.

Accuracy = share of lines whose detected language is the file's language,
for single sentences, word pairs and single words in 20 languages. It shows
why only lines of several words are ever language-checked on their own.

    python benchmarks/language.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import replace_section  # noqa: E402

from cleanscrape.language import detect  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lingua"
SETS = ("sentences", "word-pairs", "single-words")


def accuracy(folder: Path) -> dict[str, float]:
    result = {}
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        hits = 0
        for line in lines:
            guess = detect(line, seed=0)
            hits += guess is not None and guess.code == path.stem
        result[path.stem] = hits / len(lines)
    return result


def main() -> int:
    started = time.perf_counter()
    table = {name: accuracy(DATA / name) for name in SETS}
    languages = sorted(table["sentences"])
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/language.py` ({time.perf_counter() - started:.0f} s): "
        "langdetect, seeded as cleanscrape seeds it, on 1,000 lines per language and set.",
        "",
        "| set | mean | " + " | ".join(languages) + " |",
        "|---|---|" + "---|" * len(languages),
    ]
    for name in SETS:
        mean = sum(table[name].values()) / len(languages)
        lines.append(f"| {name} | {mean:.3f} | " + " | ".join(f"{table[name][code]:.2f}" for code in languages) + " |")
    print("\n".join(lines))
    replace_section("language", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
