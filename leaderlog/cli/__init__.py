"""The command line: one module per group of commands, each declaring its own sub-commands."""
