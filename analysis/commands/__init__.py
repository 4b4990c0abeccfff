"""The commands of the command line, one module each (see :mod:`analysis.cli`)."""
