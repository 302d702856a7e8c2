"""``python -m cgdev <command>`` (run by tools/dev.py with the venv's Python)."""

import sys

from .cli import main

sys.exit(main())
