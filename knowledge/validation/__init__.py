"""Check content files and turn them into a ContentSet, or explain what is wrong.

One module per kind of content (councils, contacts, articles, translations,
sources, the law register), one for links between them and one for problems
and reporting. Errors stop a load (the previous content stays live); warnings
are reported but do not.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from knowledge.content_files import RawContent, read_content
from knowledge.entities import ContentSet
from knowledge.validation import law, references
from knowledge.validation.articles import read_articles
from knowledge.validation.contacts import read_contacts
from knowledge.validation.councils import read_councils, read_postcode_districts
from knowledge.validation.fields import Reader
from knowledge.validation.problems import Problem, ValidationResult
from knowledge.validation.translations import read_translations

__all__ = ["Problem", "ValidationResult", "validate"]


def validate(
    root: Path | str | None = None,
    *,
    today: date | None = None,
    known_intents: set[str] | None = None,
    raw: RawContent | None = None,  # files already read (the studio's versions, issue 18)
) -> ValidationResult:
    """Validate the content under `root` as of `today`.

    Returns the ContentSet only when there are no errors, so callers cannot
    accidentally load a half-valid edition.
    """
    raw = raw or (read_content(root) if root is not None else read_content())
    reader = Reader(raw, today or date.today(), known_intents)
    provisions = law.read_register(reader)
    councils, ambiguous = read_councils(reader)
    council_ids = {c.id for c in councils}
    districts = read_postcode_districts(reader, council_ids)
    contacts = read_contacts(reader, council_ids)
    articles = read_articles(reader, council_ids, {c.id: c.website for c in councils})
    references.check_duplicates(reader, contacts, articles)
    references.check_links(reader, contacts, articles)
    translations, translation_paths = read_translations(
        reader, articles, references.declared_article_ids(reader))
    paths = references.article_paths(reader) | translation_paths
    references.check_scheme_mentions(reader, articles, translations, paths)
    law.check_articles(reader, articles, provisions, paths)
    law.check_all_wording(reader, articles, translations, provisions, paths)
    content = None
    if not reader.has_errors:
        content = ContentSet(
            councils=tuple(councils), contacts=tuple(contacts), articles=tuple(articles),
            postcode_districts=districts, ambiguous_places=ambiguous,
            translations=tuple(translations), provisions=tuple(provisions),
        )
    return ValidationResult(content=content, problems=reader.problems)
