"""Custom NLU components that Rasa loads from config.yml."""
