"""`make eval`: how well the navigator understands and answers residents, per language.

One module per measure (nlu, language_id, crisis, stories, answers), each returning a
plain dict that is written to results/<date>/<measure>.json; `report` turns whatever
JSON is in that folder into report.md with plots, so a single measure can be re-run
without losing the others. `python -m ops.evaluate` is the command line.
"""
