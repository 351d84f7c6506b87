"""Subcommands of the `papertui` command that live in their own modules."""
