"""`python -m cleanscrape`: the same command line as `cleanscrape`."""

from .cli import main

main(prog_name="cleanscrape")
