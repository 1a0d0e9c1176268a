"""``python -m habeas`` runs the command line."""

from habeas.cli import main

main()
