"""`python -m cleaner` runs the command line."""

import sys

from cleaner.entry import main

sys.exit(main())
