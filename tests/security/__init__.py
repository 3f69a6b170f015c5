"""Security tests for issue 11 (one module per finding area)."""
