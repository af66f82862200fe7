"""The `newsdesk` command."""

from newsdesk.cli.main import main

__all__ = ["main"]
