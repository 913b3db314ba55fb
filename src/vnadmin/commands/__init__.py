"""Subcommands of the ``vnadmin`` command line: each module has ``add_arguments`` and ``run``."""
