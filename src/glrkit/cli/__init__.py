"""The `glrkit` command line. Front ends use only the public names of `glrkit`."""

from glrkit.cli.main import main

__all__ = ["main"]
