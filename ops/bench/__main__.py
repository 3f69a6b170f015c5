"""python -m ops.bench: see ops/bench/run.py. python -m ops.bench faults (or BENCH_FAULTS=1):
the fault run on a scaled-out stack, see ops/bench/faults.py."""
import os
import sys

if sys.argv[1:2] == ["faults"] or os.environ.get("BENCH_FAULTS") == "1":
    from ops.bench.faults import main
else:
    from ops.bench.run import main

sys.exit(main())
