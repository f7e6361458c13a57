"""cleanscrape on a Dask cluster: the single-machine cleaning, dedup and site-template jobs, run as tasks.

Needs the ``dask`` extra (``pip install 'cleanscrape[dask]'``); nothing
else in cleanscrape imports Dask. Inputs and output folders must be on
storage every worker sees (a shared file system on Slurm, a volume on
Kubernetes).

    from cleanscrape.dask import clean, connect
    with connect("tcp://scheduler:8786") as client:   # or connect(workers=2): a local cluster
        summary = clean(["crawl/"], "clean.jsonl.gz", scheduler=client)
"""

from .cleaning import clean
from .cluster import connect
from .dedup import find_duplicates
from .executor import DaskExecutor
from .site_profile import learn_site_profile

__all__ = ["DaskExecutor", "clean", "connect", "find_duplicates", "learn_site_profile"]
