"""Entry point for ``python -m unionreader``."""

import sys

from .cli import main

sys.exit(main())
