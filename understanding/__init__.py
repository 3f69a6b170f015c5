"""Understanding a resident's household from what they wrote, in eight languages.

Rule-based and Rasa-free: spaCy blank pipelines with Matcher patterns built from
word lists (numbers/ and vocabulary/, one file per language), so a housing team or a
translator can add a spelling without touching code or retraining. Rasa reads the
result through bot/components/household_extractor.py; the overcrowding answer calls
understanding.household.describe (docs/adr/0017-household-entities.md).
"""
