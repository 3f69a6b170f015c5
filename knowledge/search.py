"""Ranked full-text search over articles: SQLite FTS5 or PostgreSQL full-text search.

The database ranks candidates; we then judge confidence ourselves from how
much of the resident's question an article's own questions cover, because
raw BM25 / ts_rank scores are not comparable between questions.
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
    rank: float  # higher is better, comparable only within one search


def _is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def rebuild_search_index(conn: Connection) -> None:
    """Rebuild the index from kb_articles inside the caller's transaction."""
    if _is_sqlite(conn):
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "article_id UNINDEXED, title, questions, summary, body, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        ))
        conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
        conn.execute(text(
            f"INSERT INTO {FTS_TABLE} (article_id, title, questions, summary, body) "
            "SELECT id, title, questions, summary, body FROM kb_articles"
        ))
    # PostgreSQL computes weighted tsvectors at query time: the corpus is small
    # (hundreds of articles), so an index would cost more to keep than it saves.


def _sqlite_query(terms: list[str]) -> str:
    # Quote every term so punctuation or words like NOT/OR in a resident's message
    # can never be read as FTS5 syntax; prefix-match so 'insulat' finds 'insulation'.
    return " OR ".join(f'"{t}"*' for t in terms)


def search(conn: Connection, question: str, limit: int = 5) -> list[SearchHit]:
    """Articles ranked by relevance to `question`, best first."""
    terms = [t.replace('"', "") for t in content_terms(question)][:20]
    terms = [t for t in terms if t]
    if not terms:
        return []
    if _is_sqlite(conn):
        rows = conn.execute(text(
            f"SELECT article_id, bm25({FTS_TABLE}, 0.0, 6.0, 5.0, 2.0, 1.0) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY score LIMIT :limit"
        ), {"q": _sqlite_query(terms), "limit": limit}).all()
        # bm25() is lower-is-better and negative; flip it so higher is better everywhere.
        return [SearchHit(r[0], -float(r[1])) for r in rows]
    rows = conn.execute(text(
        "WITH q AS (SELECT to_tsquery('english', :q) AS query) "
        "SELECT a.id, ts_rank("
        "  setweight(to_tsvector('english', a.title), 'A') || "
        "  setweight(to_tsvector('english', a.questions), 'A') || "
        "  setweight(to_tsvector('english', a.summary), 'B') || "
        "  setweight(to_tsvector('english', a.body), 'C'), q.query) AS score "
        "FROM kb_articles a, q "
        "WHERE (setweight(to_tsvector('english', a.title), 'A') || "
        "       to_tsvector('english', a.questions) || to_tsvector('english', a.summary) || "
        "       to_tsvector('english', a.body)) @@ q.query "
        "ORDER BY score DESC, a.id LIMIT :limit"
    ), {"q": " | ".join(f"{t}:*" for t in terms), "limit": limit}).all()
    return [SearchHit(r[0], float(r[1])) for r in rows]


def coverage(question: str, candidate_questions: list[str], title: str) -> float:
    """Share of the resident's meaningful words found in one of the article's phrasings.

    1.0 means every meaningful word of the question appears in a single
    phrasing (or the title); that is what 'confident' means for direct answers.
    """
    asked = set(content_terms(question))
    if not asked:
        return 0.0
    best = 0.0
    for phrasing in [title, *candidate_questions]:
        terms = set(content_terms(phrasing))
        overlap = sum(1 for t in asked if t in terms or any(
            len(t) >= 5 and (u.startswith(t) or t.startswith(u)) for u in terms))
        best = max(best, overlap / len(asked))
    return best
