"""Links between content: contacts, related articles, successors, schemes named in text."""
from __future__ import annotations

import difflib
from pathlib import Path

from knowledge.entities import SCHEME_REFERENCE, Article, ArticleTranslation, Contact
from knowledge.validation.fields import Reader


def declared_article_ids(reader: Reader) -> set[str]:
    """Ids of every article file, valid or not (unreadable ones by file name), so
    that one broken file is reported once, not again by everything linking to it."""
    return {str(raw.data.get("id")) for raw in reader.raw.articles
            if isinstance(raw.data, dict)} | {raw.path.stem for raw in reader.raw.articles
                                              if raw.error}


def article_paths(reader: Reader) -> dict[str, Path]:
    return {str(raw.data.get("id")): raw.path for raw in reader.raw.articles
            if isinstance(raw.data, dict)}


def check_duplicates(reader: Reader, contacts: list[Contact], articles: list[Article]) -> None:
    contact_ids = [c.id for c in contacts]
    for dup in sorted({i for i in contact_ids if contact_ids.count(i) > 1}):
        reader.error(reader.raw.root / "contacts", "id", f"contact id '{dup}' is used twice",
                     "give each contact its own id")
    article_ids = [a.id for a in articles]
    for dup in sorted({i for i in article_ids if article_ids.count(i) > 1}):
        files = sorted(reader.raw.relative(p.path) for p in reader.raw.articles
                       if isinstance(p.data, dict) and p.data.get("id") == dup)
        reader.error(reader.raw.root / files[0], "id",
                     f"article id '{dup}' is used by {', '.join(files)}",
                     "give each article its own id")


def check_links(reader: Reader, contacts: list[Contact], articles: list[Article]) -> None:
    """Contacts, related articles and successors an article names exist. Ids declared in
    files that failed validation still count, so one broken file is reported once."""
    paths = article_paths(reader)
    known_contacts = {c.id for c in contacts} | {
        str(item.get("id")) for raw in reader.raw.contacts if isinstance(raw.data, dict)
        for item in raw.data.get("contacts") or [] if isinstance(item, dict)}
    known_articles = {a.id for a in articles} | declared_article_ids(reader)
    for a in articles:
        path = paths[a.id]
        for c in a.contacts:
            if c not in known_contacts:
                close = difflib.get_close_matches(c, known_contacts, n=1)
                reader.error(path, "contacts", f"no contact has the id '{c}'",
                             f"did you mean '{close[0]}'?" if close else
                             "add it to a file in contacts/ or remove it")
        for r in a.related:
            if r not in known_articles:
                reader.error(path, "related", f"no article has the id '{r}'",
                             "check the spelling or remove it")
        if a.successor and a.successor not in known_articles:
            reader.error(path, "successor", f"no article has the id '{a.successor}'",
                         "name an existing article")


def check_scheme_mentions(reader: Reader, articles: list[Article],
                          translations: list[ArticleTranslation],
                          paths: dict[str, Path]) -> None:
    """Every {scheme:id} names an article, so the scheme is described from its own dates."""
    known = {a.id for a in articles} | declared_article_ids(reader)
    texts = [(paths.get(a.id), a) for a in articles] + \
        [(paths.get(f"{t.language}/{t.article_id}"), t) for t in translations]
    for path, item in texts:
        words = " ".join([item.title, item.summary, item.body, *item.next_steps])
        for scheme_id in SCHEME_REFERENCE.findall(words):
            if scheme_id not in known and path is not None:
                close = difflib.get_close_matches(scheme_id, known, n=1)
                reader.error(path, "body", f"{{scheme:{scheme_id}}} names no article",
                             f"did you mean '{{scheme:{close[0]}}}'?" if close else
                             "use the id of the scheme's own article")
