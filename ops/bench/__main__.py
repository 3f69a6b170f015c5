"""python -m ops.bench: see ops/bench/run.py."""
import sys

from ops.bench.run import main

sys.exit(main())
