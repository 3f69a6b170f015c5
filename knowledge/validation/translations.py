"""Translations: an article's words in another language, tied to the English they translate."""
from __future__ import annotations

from pathlib import Path

from knowledge.content_files import RawFile
from knowledge.entities import Article, ArticleTranslation
from knowledge.languages import TRANSLATED, TRANSLATION_STATUSES
from knowledge.validation.fields import Reader, fields_of

TRANSLATION_FIELDS = fields_of(ArticleTranslation, renamed={"article_id": "article"})


def read_translations(reader: Reader, articles: list[Article], declared: set[str]
                      ) -> tuple[list[ArticleTranslation], dict[str, Path]]:
    """The translations, and the file each came from ("<language>/<article id>" -> path)."""
    by_id = {a.id: a for a in articles}
    found: list[ArticleTranslation] = []
    paths: dict[str, Path] = {}
    seen: set[tuple[str, str]] = set()
    for raw in reader.raw.translations:
        translation = _translation(reader, raw, by_id, declared, seen)
        if translation is not None:
            found.append(translation)
            paths[f"{translation.language}/{translation.article_id}"] = raw.path
    return found, paths


def _translation(reader: Reader, raw: RawFile, by_id: dict[str, Article], declared: set[str],
                 seen: set[tuple[str, str]]) -> ArticleTranslation | None:
    path = raw.path
    if not reader.yaml_ok(raw) or not reader.fields(path, raw.data, TRANSLATION_FIELDS):
        return None
    data = raw.data
    article_id, language = str(data["article"]), str(data["language"])
    if language not in TRANSLATED:
        reader.error(path, "language", f"unknown language '{language}'",
                     f"use one of: {', '.join(TRANSLATED)}")
        return None
    if path.parent.name != language:
        reader.error(path, "language", f"a '{language}' translation in the "
                     f"'{path.parent.name}' folder", f"move it to translations/{language}/")
        return None
    if data["status"] not in TRANSLATION_STATUSES:
        reader.error(path, "status", f"unknown status '{data['status']}'",
                     "use draft (not yet checked by a speaker) or reviewed")
        return None
    if (article_id, language) in seen:
        reader.error(path, "article", f"'{article_id}' is translated into "
                     f"'{language}' twice", "keep one file")
        return None
    seen.add((article_id, language))
    article = by_id.get(article_id)
    if article is None:
        if article_id not in declared:
            reader.error(path, "article", f"no article has the id '{article_id}'",
                         "check the id, or delete the translation of a removed article")
        return None
    translation = ArticleTranslation(
        article_id=article_id, language=language, translates=str(data["translates"]),
        status=data["status"], title=str(data["title"]).strip(),
        summary=str(data["summary"]).strip(), body=str(data["body"]).strip(),
        next_steps=reader.text_list(path, "next_steps", data.get("next_steps")),
        questions=reader.text_list(path, "questions", data.get("questions")),
    )
    _compare(reader, path, translation, article)
    return translation


def _compare(reader: Reader, path, translation: ArticleTranslation, article: Article) -> None:
    if not translation.is_current_for(article):
        reader.warn(path, "translates", "the English has changed since this was "
                    "translated (residents see the English until it is updated)",
                    f"update the translation, then set translates: {article.version}")
    if translation.next_steps and len(translation.next_steps) != len(article.next_steps):
        reader.warn(path, "next_steps", f"{len(translation.next_steps)} steps, the "
                    f"English has {len(article.next_steps)}", "translate every step")
