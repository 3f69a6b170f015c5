"""Bot-side Python that Rasa itself loads (stores named in endpoints.yml, NLU components)."""
