"""``python -m fragola_solver``."""

import sys

from fragola_solver.cli import main

sys.exit(main())
