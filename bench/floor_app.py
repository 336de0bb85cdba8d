"""The floor of any Typer CLI: a one-command Typer app, as Typer's tutorial writes
one, that prints one line. bench/startup.py installs it beside pallnav and runs it
as ``python -m floor_app``; pallnav's start-up goals are ratios to it."""

import typer

app = typer.Typer()


@app.command()
def main() -> None:
    """Print one line."""
    typer.echo("pallnav")


app()
