"""The curated knowledge base: content files, their validator, the database and queries.

Housing teams edit `knowledge/content/`; `python -m knowledge` validates and loads it;
the action server reads it through `knowledge.library.KnowledgeBase`.
"""
