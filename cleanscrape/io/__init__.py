"""Reading pages from corpus files and writing records to them."""
