"""Subcommands of the `papertui` command that live outside `__main__` (each module adds its
own to the parser)."""
