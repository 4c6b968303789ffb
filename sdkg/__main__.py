"""`python -m sdkg` runs the command line."""

from sdkg.cli import main

main()
