"""`python -m cards` runs the command-line interface."""

from cards.cli import main

main()
