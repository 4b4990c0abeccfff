"""``python -m analysis`` runs the command line (same as the ``framing`` script)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
