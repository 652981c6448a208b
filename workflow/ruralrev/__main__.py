"""`python -m ruralrev` runs the CLI (in a copy of the workflow's warm process where one is running: ruralrev.warm)."""

import sys

from ruralrev import warm

status = warm.run(sys.argv[1:])
if status is None:
    from ruralrev.cli import main

    status = main()
sys.exit(status)
