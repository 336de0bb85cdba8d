"""One module per command, each declared as data (see ``flags.py``); heavy imports load late."""
