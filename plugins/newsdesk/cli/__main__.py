"""`python -m newsdesk.cli`, as the tests and CI call it."""

import sys

from newsdesk.cli.main import main

sys.exit(main())
