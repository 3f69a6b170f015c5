"""Ranked full-text search over articles: SQLite FTS5 or PostgreSQL full-text search.

English articles and their translations are indexed together; a search looks
at English and at the resident's language. The database ranks candidates; we
then judge confidence ourselves from how much of the resident's question an
article's own questions cover, because raw BM25 / ts_rank scores are not
comparable between questions.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from knowledge.text import content_terms

FTS_TABLE = "kb_article_search"


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    language: str  # which text matched: "en" or the translation's language
    rank: float  # higher is better, comparable only within one search


def _is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def rebuild_search_index(conn: Connection) -> None:
    """Rebuild the index from articles and translations inside the caller's transaction."""
    if _is_sqlite(conn):
        conn.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
        conn.execute(text(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "article_id UNINDEXED, language UNINDEXED, title, questions, summary, body, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        ))
        conn.execute(text(
            f"INSERT INTO {FTS_TABLE} (article_id, language, title, questions, summary, body) "
            "SELECT id, 'en', title, questions, summary, body FROM kb_articles "
            "UNION ALL SELECT article_id, language, title, questions, summary, body "
            "FROM kb_article_translations"
        ))
    # PostgreSQL computes weighted tsvectors at query time: the corpus is small
    # (hundreds of texts), so an index would cost more to keep than it saves.


def _terms(question: str, language: str) -> list[str]:
    terms = content_terms(question, english=language == "en")
    if language != "en":
        terms += [t for t in content_terms(question) if t not in terms]
    return [t.replace('"', "") for t in terms if t.replace('"', "")][:20]


def search(conn: Connection, question: str, limit: int = 5,
           language: str = "en") -> list[SearchHit]:
    """Articles ranked by relevance to `question` (in English or `language`), best first."""
    terms = _terms(question, language)
    if not terms:
        return []
    if _is_sqlite(conn):
        # Quote every term so punctuation or words like NOT/OR in a resident's message
        # can never be read as FTS5 syntax; prefix-match so 'insulat' finds 'insulation'.
        match = " OR ".join(f'"{t}"*' for t in terms)
        rows = conn.execute(text(
            f"SELECT article_id, language, bm25({FTS_TABLE}, 0, 0, 6.0, 5.0, 2.0, 1.0) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND language IN ('en', :lang) "
            "ORDER BY score LIMIT :limit"
        ), {"q": match, "lang": language, "limit": limit}).all()
        # bm25() is lower-is-better and negative; flip it so higher is better everywhere.
        hits = [SearchHit(r[0], r[1], -float(r[2])) for r in rows]
    else:
        rows = conn.execute(text(
            "WITH docs AS ("
            "  SELECT id AS article_id, 'en' AS language, 'english'::regconfig AS cfg, "
            "         title, questions, summary, body FROM kb_articles "
            "  UNION ALL SELECT article_id, language, 'simple'::regconfig, "
            "         title, questions, summary, body FROM kb_article_translations "
            "  WHERE language = :lang), "
            "scored AS ("
            "  SELECT article_id, language, ts_rank("
            "    setweight(to_tsvector(cfg, title), 'A') || "
            "    setweight(to_tsvector(cfg, questions), 'A') || "
            "    setweight(to_tsvector(cfg, summary), 'B') || "
            "    setweight(to_tsvector(cfg, body), 'C'), to_tsquery(cfg, :q)) AS score, "
            "    (to_tsvector(cfg, title) || to_tsvector(cfg, questions) || "
            "     to_tsvector(cfg, summary) || to_tsvector(cfg, body)) @@ to_tsquery(cfg, :q) AS hit "
            "  FROM docs) "
            "SELECT article_id, language, score FROM scored WHERE hit "
            "ORDER BY score DESC, article_id LIMIT :limit"
        ), {"q": " | ".join(f"{_pg_escape(t)}:*" for t in terms), "lang": language,
            "limit": limit}).all()
        hits = [SearchHit(r[0], r[1], float(r[2])) for r in rows]
    # One hit per article: its best-ranked text.
    best: dict[str, SearchHit] = {}
    for hit in hits:
        best.setdefault(hit.article_id, hit)
    return list(best.values())


def _pg_escape(term: str) -> str:
    """A term safe inside to_tsquery: letters and digits only, quoted."""
    cleaned = "".join(ch for ch in term if ch.isalnum())
    return f"'{cleaned}'" if cleaned else "''"


def coverage(question: str, candidate_questions: list[str], title: str,
             english: bool = True) -> float:
    """Share of the resident's meaningful words found in one of the article's phrasings.

    1.0 means every meaningful word of the question appears in a single
    phrasing (or the title); that is what 'confident' means for direct answers.
    """
    asked = set(content_terms(question, english))
    if not asked:
        return 0.0
    best = 0.0
    for phrasing in [title, *candidate_questions]:
        terms = set(content_terms(phrasing, english))
        overlap = sum(1 for t in asked if t in terms or any(
            len(t) >= 5 and (u.startswith(t) or t.startswith(u)) for u in terms))
        best = max(best, overlap / len(asked))
    return best
