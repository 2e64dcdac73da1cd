"""Swedish search: words are reduced to their stems (Snowball), so "skolor" finds "skola" on
every database – PostgreSQL's `swedish` configuration and SQLite's full-text index alike."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stems(text: str) -> str:
    return " ".join(stem(word) for word in WORD.findall(text or ""))


def clean_query(raw: str) -> tuple[str, list[str]]:
    """What the visitor asked for, without control characters or search operators, and the
    stems to search for. Hostile input (quotes, unbalanced operators, huge strings) ends up
    as plain words or nothing."""
    visible = "".join(
        char for char in (raw or "")[: MAX_QUERY_LENGTH * 5] if unicodedata.category(char)[0] != "C"
    )
    visible = " ".join(visible.split())[:MAX_QUERY_LENGTH]
    words = WORD.findall(visible)[:MAX_QUERY_WORDS]
    return visible, [stem(word) for word in words]
