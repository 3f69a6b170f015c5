"""Stand-ins for services at the edge of the internet (only those)."""
