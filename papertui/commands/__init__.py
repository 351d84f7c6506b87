"""Subcommands that live outside __main__.py: each module has `register(commands, common,
cli)`, where `cli` is the running __main__ module (its CommandError, _context and
_open_store), passed in so `python -m papertui` and the `papertui` script share one copy."""
