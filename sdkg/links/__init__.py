"""Identity links to external datasets: the authorities and the coverage report."""
