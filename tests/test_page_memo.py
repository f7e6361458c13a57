"""A page's readings share memos (decide._PageMemo): each answer must be what computing it afresh gives,
whatever was asked before on the same page (a memo keyed by the wrong thing would hand back another's)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import language as lang
from cleanscrape.config import CleanerConfig
from cleanscrape.decide import _PageMemo
from cleanscrape.detectors import FirstReasons
from cleanscrape.lines import segment

_TEXTS = st.sampled_from(
    [
        "The council approved the new budget on Tuesday after a long debate.",
        "Der Stadtrat hat den neuen Haushalt am Dienstag nach langer Debatte beschlossen.",
        "Le conseil a approuvé le nouveau budget mardi après un long débat.",
        "El consejo aprobó el nuevo presupuesto el martes tras un largo debate.",
        "Home | News | Sport",
        "Share on Facebook",
        "市议会周二经过长时间辩论后批准了新预算。",
        "© 2024 Example Media",
        "12 345",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_TEXTS, min_size=1, max_size=8), min_size=1, max_size=5))
def test_each_answer_is_what_computing_it_afresh_gives(readings: list[list[str]]) -> None:
    config = CleanerConfig()
    memo = _PageMemo(FirstReasons(), config)
    for texts in readings:  # one page's readings, one after another on the same memo
        lines = segment("\n".join(texts))
        sample = lang.sample_for_detection(lines, config.language_sample_chars)
        assert memo.language_sample(lines) == sample
        assert memo.guess_language(lines) == lang.detect(sample, config.language_seed)
        assert memo.detect(sample) == lang.detect(sample, config.language_seed)
        for line in lines:
            assert memo.stands_alone(line) == (FirstReasons()(line) is not None or line.looks_like_code)
