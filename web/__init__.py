"""The web front: residents' chat page and JSON API on port 8000 (see web/server.py)."""
