"""A run's passes in order on any executor (cleanscrape.run): executors are injected, not patched."""

from cleanscrape.corpus import SiteProfileConfig
from cleanscrape.corpus.site_profile import SiteProfileLearner
from cleanscrape.run import clean_run
from cleanscrape.steps import BatchOptions, Summary


class Recording:
    """An executor that records the passes it is asked to run."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.profile = SiteProfileLearner().profile()

    def learn_site_profile(self, inputs, options, config, report_error):
        self.calls.append(("learn", tuple(inputs), config))
        report_error("a.jsonl:3: bad JSON")
        return self.profile

    def clean(self, inputs, output, rejects, options, report_error, progress=None):
        self.calls.append(("clean", tuple(inputs), output, rejects, options.site_profile))
        return Summary(read=1, written=1)


def test_templates_are_learned_first_and_the_cleaning_pass_removes_them() -> None:
    executor, learned, learn_errors, errors = Recording(), [], [], []
    config = SiteProfileConfig(min_pages=2)
    summary = clean_run(executor, ["a.jsonl"], "out.jsonl", "rej.jsonl", BatchOptions(), report_error=errors.append,
                        learn_templates=config, learned=learned.append, report_learn_error=learn_errors.append)
    assert executor.calls == [("learn", ("a.jsonl",), config), ("clean", ("a.jsonl",), "out.jsonl", "rej.jsonl", executor.profile)]
    assert learned == [executor.profile] and learn_errors == ["a.jsonl:3: bad JSON"] and errors == []
    assert summary.line() == "cleanscrape: read 1, written 1, rejected 0, errors 0"


def test_without_templates_only_the_cleaning_pass_runs_with_the_given_profile() -> None:
    executor = Recording()
    clean_run(executor, ["a.jsonl"], "-", None, BatchOptions(), report_error=print)
    assert executor.calls == [("clean", ("a.jsonl",), "-", None, None)]
