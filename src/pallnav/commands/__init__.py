"""One module per command; each owns its Typer signature and imports heavy things late."""
