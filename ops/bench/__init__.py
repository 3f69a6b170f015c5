"""`make bench`: speed and memory of the whole navigator under load, side by side with a
stock `rasa init` assistant (issue 7; docs/adr/0011-benchmarks.md)."""
