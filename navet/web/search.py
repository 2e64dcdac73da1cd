"""Swedish search: words are reduced to their stems (Snowball), so "skolor" finds "skola" on
every database – PostgreSQL's `swedish` configuration and SQLite's full-text index alike.

On PostgreSQL the hits are found with the search index's own GIN indexes, word by word in
the title or the body: Wagtail's database backend matches `title || body`, an expression no
index serves, so every search read the whole index (300 ms at 50,000 pages)."""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import BigIntegerField, Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Page
from wagtail.search.models import IndexEntry

# Other apps add what they publish besides pages (directory entries) to the site search: a
# function `(site=SiteContext, stems=[...]) -> list[Hit]` registered with this Wagtail hook.
HITS_HOOK = "navet_search_hits"
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


class RankedHits:
    """The live pages of `pages` that contain every stem, best first: counted and sliced in
    the database, so a page of results costs about the same for six hits or six thousand.
    Up to FULL_RANK_LIMIT hits are ordered by PostgreSQL's rank over title and body; above
    that, ranking every body costs more than a reader gains, so hits in the title come
    first and the rest newest first.

    The `window` about to be shown is fetched with the number of hits in one query (a
    window function): counting apart read every hit a second time (30 ms of 90 at 50,000
    pages)."""

    FULL_RANK_LIMIT = 500

    def __init__(self, pages, stems: list[str], *, window: slice = slice(0, 10)):
        self.query = SearchQuery(" & ".join(stems), config="swedish", search_type="raw")
        matches = Q()
        for stem in stems:
            word = SearchQuery(stem, config="swedish", search_type="raw")
            matches &= Q(title=word) | Q(body=word)
        self.entries = (
            IndexEntry.objects.filter(matches)
            .annotate(page_id=Cast("object_id", BigIntegerField()))
            .filter(page_id__in=pages.values("pk"))
        )
        self.window = window
        self._count = None
        self._window_ids = None

    def count(self) -> int:
        if self._count is None:
            self._fetch_window()
        if self._count is None:  # the window lies past the last hit: no row carries the count
            self._count = self.entries.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _fetch_window(self) -> None:
        full_rank = SearchRank(F("title"), self.query) * F("title_norm") + SearchRank(
            F("body"), self.query
        )
        rows = list(
            self.entries.annotate(hits=Window(Count("*")))
            .annotate(
                rank=Case(
                    When(hits__lte=self.FULL_RANK_LIMIT, then=full_rank),
                    When(title=self.query, then=Value(1.0)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
            .order_by("-rank", "-page_id")[self.window]
            .values_list("page_id", "hits")
        )
        self._window_ids = [page_id for page_id, _hits in rows]
        if rows:
            self._count = rows[0][1]

    def __getitem__(self, window: slice) -> list:
        # The paginator asks for the window the view announced, or its start up to the
        # last hit; anything else (a page number past the end) is fetched anew.
        if window.start != self.window.start or (window.stop or 0) > self.window.stop:
            self.window = window
            self._fetch_window()
        elif self._window_ids is None:
            self._fetch_window()
        ids = self._window_ids[: window.stop - window.start]
        pages = Page.objects.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]


class Hit(NamedTuple):
    """A search hit that is not a page."""

    title: str
    url: str
    summary: str
    kind: str


def other_hits(*, site, stems: list[str]) -> list[Hit]:
    return [hit for source in hooks.get_hooks(HITS_HOOK) for hit in source(site=site, stems=stems)]
