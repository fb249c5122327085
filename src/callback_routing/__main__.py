"""``python -m callback_routing``: the command line."""

import sys

from .cli import main

sys.exit(main())
