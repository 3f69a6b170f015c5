"""`python -m knowledge ...`: the content tool (see knowledge/cli.py)."""
import sys

from knowledge.cli import main

sys.exit(main())
