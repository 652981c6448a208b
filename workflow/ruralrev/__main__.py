"""`python -m ruralrev` runs the CLI."""

import sys

from ruralrev.cli import main

sys.exit(main())
