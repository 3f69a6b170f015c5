"""`python -m web.interface stale|template <lang>`: see web/interface/__init__.py."""
import sys

from web.interface import main

sys.exit(main(sys.argv[1:]))
