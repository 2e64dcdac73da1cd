"""Steps of the scale benchmark that run inside Django (a subprocess per step, with the
settings of the profile measured). Each prints one JSON object on its last line.

`generate` grows the demo municipality to 50,000+ live pages in bulk: the rows of
wagtailcore_page with their materialised paths (path, depth, numchild, url_path) computed
here, the specific tables (web_sectionpage, web_contentpage, web_newspage) written with COPY,
and a published revision per page, as publishing would leave it. `index` then fills
Wagtail's search index with the search backend's own bulk indexing."""

import datetime
import json
import os
import random
import re
import sys
import time
import uuid

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from modelcluster.models import (  # noqa: E402
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Locale, Page, Revision  # noqa: E402

from navet.web.models import (  # noqa: E402
    ContentPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    StartPage,
)

# The shape of the generated tree, per site. Under each of the demo's six sections:
# SUBSECTIONS sections, each with SUBSUBSECTIONS sections of PAGES_PER_SUBSUBSECTION content
# pages and PAGES_PER_SUBSECTION content pages of its own; NEWS_PER_SECTION news items in the
# section's news index and NEWS_PER_SITE in the site's. On the public site one more section
# (ARCHIVE_TITLE, under "Kommun och politik") holds LARGE_SECTION_CHILDREN pages.
SUBSECTIONS = 10
SUBSUBSECTIONS = 4
PAGES_PER_SUBSUBSECTION = 50
PAGES_PER_SUBSECTION = 12
NEWS_PER_SECTION = 1500
NEWS_PER_SITE = 600
LARGE_SECTION_CHILDREN = 5000
ARCHIVE_TITLE = "Protokoll och handlingar"
ARCHIVE_SLUG = "protokoll-och-handlingar"

# The search words: COMMON_WORD in every COMMON_EVERY-th generated page (thousands of hits on
# the public site), RARE_WORD in RARE_PUBLIC public pages and a few intranet pages.
COMMON_WORD = "snöröjning"
COMMON_EVERY = 7
RARE_WORD = "fornlämning"
RARE_PUBLIC = 6
SEED = 2026

# The fixed word list the text is made from (neither search word is in it).
_WORDS_TEXT = """
kommun invånare förvaltning nämnd beslut ansökan bygglov detaljplan skola förskola elev
lärare rektor föräldrar barn ungdom äldre omsorg hemtjänst boende hyra lägenhet bostad miljö
avfall återvinning vatten avlopp gata väg cykel buss parkering trafik park lekplats
bibliotek kultur idrott simhall fritidsgård förening bidrag stöd hjälp råd handläggare
kontakt telefon e-post blankett tjänst e-tjänst avgift taxa faktura betalning budget skatt
val fullmäktige styrelse protokoll handling diarium arkiv insyn öppenhet dialog samråd
synpunkt klagomål medborgare företag näringsliv arbete jobb praktik utbildning
vuxenutbildning gymnasium språk integration tolk tillgänglighet funktionsnedsättning
ledsagning färdtjänst trygghet säkerhet brand räddning kris beredskap information nyhet
kalender evenemang konsert utställning museum natur skog sjö badplats friluftsliv promenad
stadsdel centrum torg bro tunnel belysning underhåll renovering ombyggnad planering projekt
utveckling framtid hållbarhet klimat energi sol solceller laddning elbil mat måltid kök
lunch specialkost hälsa vård sjuksköterska läkare apotek tandvård socialtjänst familj
relation samtal stödsamtal ekonomi skuld rådgivning försörjning arbetsmarknad ansvar rutin
riktlinje policy plan program mål uppföljning resultat rapport undersökning statistik enkät
kvalitet service öppettider vardagar helger sommar vinter höst vår januari februari mars
april maj juni juli augusti september oktober november december ny gammal stor liten viktig
enkel snabb tydlig god bra säker öppen gratis lokal gemensam digital personlig särskild
"""
WORDS = _WORDS_TEXT.split()
_VERBS_TEXT = """
ansöker får kan ska behöver hittar läser skickar bokar betalar väljer lämnar hjälper ordnar
planerar bygger renoverar öppnar stänger informerar svarar beslutar erbjuder
"""
VERBS = _VERBS_TEXT.split()


class Text:
    """Swedish-looking text from the fixed word list, reproducible from the seed."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)  # noqa: S311 - reproducible text, no secrets

    def words(self, count: int) -> list[str]:
        return self.random.choices(WORDS, k=count)

    def title(self) -> str:
        words = self.words(self.random.randint(2, 4))
        return " ".join(words).capitalize()

    def sentence(self, extra: str | None = None) -> str:
        words = self.words(self.random.randint(3, 7))
        words.insert(1, self.random.choice(VERBS))
        words += self.words(self.random.randint(2, 6))
        if extra:
            words.insert(self.random.randint(1, len(words)), extra)
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int, extra: str | None = None) -> str:
        chosen = self.random.randrange(sentences) if extra else -1
        return " ".join(
            self.sentence(extra if number == chosen else None) for number in range(sentences)
        )

    def body(self, extra: str | None = None) -> str:
        blocks = [
            {
                "type": "paragraph",
                "value": f"<p>{self.paragraph(self.random.randint(3, 5), extra)}</p>",
                "id": str(uuid.UUID(int=self.random.getrandbits(128), version=4)),
            },
            {
                "type": "heading",
                "value": {"text": self.title(), "level": "h2"},
                "id": str(uuid.UUID(int=self.random.getrandbits(128), version=4)),
            },
            {
                "type": "paragraph",
                "value": f"<p>{self.paragraph(self.random.randint(2, 4))}</p>",
                "id": str(uuid.UUID(int=self.random.getrandbits(128), version=4)),
            },
        ]
        return json.dumps(blocks, ensure_ascii=False)


class TreeBuilder:
    """Collects new pages under existing or new parents, computing their materialised paths
    the way treebeard would (the next free step after the parent's last child)."""

    def __init__(self):
        self.text = Text(SEED)
        self.locale_id = Locale.get_default().pk
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.nodes = []  # (model, base fields, specific fields)
        self.next_step = {}  # parent path -> next free step number
        self.new_children = {}  # parent path -> children added
        self.serial = 0
        self.public_rare = 0
        self.intranet_rare = 0

    def _step_after_last_child(self, parent) -> int:
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return 1 if last is None else Page._str2int(last[-Page.steplen :]) + 1

    def add(self, parent, model, *, title, specific, show_in_menus=False, when=None, slug=None):
        """`parent` is a dict (path, depth, url_path) or a Page."""
        if isinstance(parent, Page):
            parent = {"path": parent.path, "depth": parent.depth, "url_path": parent.url_path}
        if parent["path"] not in self.next_step:
            existing = Page.objects.filter(path=parent["path"]).first()
            self.next_step[parent["path"]] = (
                self._step_after_last_child(existing) if existing else 1
            )
        step = self.next_step[parent["path"]]
        self.next_step[parent["path"]] = step + 1
        self.new_children[parent["path"]] = self.new_children.get(parent["path"], 0) + 1
        self.serial += 1
        depth = parent["depth"] + 1
        path = Page._get_path(parent["path"], depth, step)
        slug = slug or f"{slugify(title)[:60]}-{self.serial}"
        when = when or self.now - datetime.timedelta(minutes=self.serial)
        base = {
            "path": path,
            "depth": depth,
            "numchild": 0,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "url_path": f"{parent['url_path']}{slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "show_in_menus": show_in_menus,
            "seo_title": "",
            "search_description": "",
            "expired": False,
            "locked": False,
            "first_published_at": when,
            "last_published_at": when,
            "latest_revision_created_at": when,
            "locale_id": self.locale_id,
            "translation_key": uuid.UUID(int=self.text.random.getrandbits(128), version=4),
        }
        self.nodes.append((model, base, specific))
        self.next_step[path] = 1  # a new page has no children yet
        return {"path": path, "depth": depth, "url_path": base["url_path"]}

    def extra_word(self, public: bool) -> str | None:
        """Which search word, if any, the next page carries."""
        if public and self.public_rare < RARE_PUBLIC and self.serial % 4001 == 17:
            self.public_rare += 1
            return RARE_WORD
        if not public and self.intranet_rare < 3 and self.serial % 7001 == 29:
            self.intranet_rare += 1
            return RARE_WORD
        if self.serial % COMMON_EVERY == 0:
            return COMMON_WORD
        return None

    def page_text(self, public: bool) -> dict:
        extra = self.extra_word(public)
        text = self.text
        return {"intro": text.sentence(), "body": text.body(extra)}

    def review_by(self):
        return self.today + datetime.timedelta(days=self.text.random.randint(30, 365))

    def section(self, parent, *, unit_id, public, title=None, slug=None, menu=False):
        title = title or self.text.title()
        specific = {
            **self.page_text(public),
            "owning_unit_id": unit_id,
            "review_by": self.review_by(),
        }
        return self.add(
            parent, SectionPage, title=title, specific=specific, slug=slug, show_in_menus=menu
        )

    def content(self, parent, *, unit_id, contact_id, public):
        specific = {
            **self.page_text(public),
            "owning_unit_id": unit_id,
            "contact_id": contact_id,
            "review_by": self.review_by(),
            "is_easy_to_read": False,
        }
        return self.add(parent, ContentPage, title=self.text.title(), specific=specific)

    def news(self, parent, *, unit_id, public, count):
        """News items spread over five years, a few of them within the last weeks."""
        for number in range(count):
            days_ago = int(number * 5 * 365 / count) + self.text.random.randint(0, 3)
            date = self.today - datetime.timedelta(days=days_ago)
            when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
            page = self.page_text(public)
            specific = {
                "date": date,
                "ingress": page["intro"],
                "body": page["body"],
                "owning_unit_id": unit_id,
                "priority": 1 if number % 50 == 0 else 3 if number % 7 == 3 else 2,
                "also_public": False,
                "review_by": self.review_by(),
            }
            self.add(parent, NewsPage, title=self.text.title(), specific=specific, when=when)


def _plan(builder: TreeBuilder) -> dict:
    """Adds the whole generated tree to `builder`; returns what the measurements need."""
    archive = None
    for audience in ("public", "intranet"):
        public = audience == "public"
        start = StartPage.main(audience)
        sections = list(SectionPage.objects.child_of(start).select_related("owning_unit"))
        for section in sections:
            unit_id = section.owning_unit_id
            contact = ContentPage.objects.child_of(section).exclude(contact=None).first()
            contact_id = contact.contact_id if contact else None
            for _ in range(SUBSECTIONS):
                sub = builder.section(section, unit_id=unit_id, public=public)
                for _ in range(SUBSUBSECTIONS):
                    subsub = builder.section(sub, unit_id=unit_id, public=public)
                    for _ in range(PAGES_PER_SUBSUBSECTION):
                        builder.content(
                            subsub, unit_id=unit_id, contact_id=contact_id, public=public
                        )
                for _ in range(PAGES_PER_SUBSECTION):
                    builder.content(sub, unit_id=unit_id, contact_id=contact_id, public=public)
            index = NewsIndexPage.objects.child_of(section).first()
            if index is not None:
                builder.news(index, unit_id=unit_id, public=public, count=NEWS_PER_SECTION)
        site_news = NewsIndexPage.objects.child_of(start).first()
        builder.news(
            site_news, unit_id=site_news.owning_unit_id, public=public, count=NEWS_PER_SITE
        )
        if public:
            politics = sections[0]
            archive = builder.section(
                politics,
                unit_id=politics.owning_unit_id,
                public=True,
                title=ARCHIVE_TITLE,
                slug=ARCHIVE_SLUG,
            )
            for _ in range(LARGE_SECTION_CHILDREN):
                builder.content(
                    archive, unit_id=politics.owning_unit_id, contact_id=None, public=True
                )
    return {"archive_path": archive["path"]}


def _copy_rows(model, rows) -> None:
    """COPY into the model's own table (the specific part of a multi-table page)."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    defaults = [(field.attname, _default(field)) for field in fields]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row.get(name, default) for name, default in defaults])


def _reserve_ids(model, count: int) -> list[int]:
    """Ids from the table's own sequence, for rows written with COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _default(field):
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(value, list | dict) else value
    return None if field.null else ""


def step_generate():
    started = time.perf_counter()
    types = {
        model: ContentType.objects.get_for_model(model)
        for model in (SectionPage, ContentPage, NewsPage)
    }
    page_type = ContentType.objects.get_for_model(Page)
    with transaction.atomic():
        builder = TreeBuilder()
        plan = _plan(builder)
        planned = time.perf_counter()
        # Children counts: new nodes get theirs, existing parents add to theirs.
        new_paths = {base["path"]: base for _model, base, _specific in builder.nodes}
        for parent_path, count in builder.new_children.items():
            if parent_path in new_paths:
                new_paths[parent_path]["numchild"] = count
        # Each page points at its published revision, written below (the foreign keys are
        # checked at the commit).
        revision_ids = _reserve_ids(Revision, len(builder.nodes))
        for revision_id, (_model, base, _specific) in zip(revision_ids, builder.nodes, strict=True):
            base["latest_revision_id"] = base["live_revision_id"] = revision_id
        pages = [
            Page(content_type_id=types[model].pk, **base)
            for model, base, _specific in builder.nodes
        ]
        Page.objects.bulk_create(pages, batch_size=2000)
        with connection.cursor() as cursor:
            for parent_path, count in builder.new_children.items():
                if parent_path not in new_paths:
                    cursor.execute(
                        "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE path = %s",
                        [count, parent_path],
                    )
        inserted = time.perf_counter()
        by_model = {}
        for page, (model, _base, specific) in zip(pages, builder.nodes, strict=True):
            by_model.setdefault(model, []).append({"page_ptr_id": page.pk, **specific})
        for model, rows in by_model.items():
            _copy_rows(model, rows)
        copied = time.perf_counter()
        # A published revision per page, as publishing leaves it (the admin's history, the
        # editor's "current draft", the explorer's "updated" column). Its content is what
        # Page.serializable_data() gives for a page without comments.
        child_relations = {
            model: {relation.get_accessor_name(): [] for relation in get_all_child_relations(model)}
            for model in types
        }
        revision_rows = []
        for page, revision_id, (model, base, specific) in zip(
            pages, revision_ids, builder.nodes, strict=True
        ):
            instance = model(
                id=page.pk,
                page_ptr_id=page.pk,
                content_type_id=types[model].pk,
                **base,
                **specific,
            )
            content = {**get_serializable_data_for_fields(instance), **child_relations[model]}
            revision_rows.append(
                {
                    "id": revision_id,
                    "content_type_id": types[model].pk,
                    "base_content_type_id": page_type.pk,
                    "object_id": str(page.pk),
                    "created_at": base["last_published_at"],
                    "object_str": base["title"],
                    "content": json.dumps(content, cls=DjangoJSONEncoder),
                    "submitted_for_moderation": False,
                    "approved_go_live_at": None,
                    "user_id": None,
                }
            )
        serialised = time.perf_counter()
        _copy_rows(Revision, revision_rows)
    finished = time.perf_counter()
    archive = Page.objects.get(path=plan["archive_path"])
    print(
        json.dumps(
            {
                "generated": len(pages),
                "generate_s": round(finished - started, 2),
                "plan_s": round(planned - started, 2),
                "insert_pages_s": round(inserted - planned, 2),
                "copy_specific_s": round(copied - inserted, 2),
                "serialise_revisions_s": round(serialised - copied, 2),
                "revisions_s": round(finished - serialised, 2),
                "first_id": pages[0].pk,
                "last_id": pages[-1].pk,
                "large_section_id": archive.pk,
                "large_section_url_path": archive.url_path,
            }
        )
    )


def step_index():
    """The generated pages into Wagtail's search index, with the backend's bulk indexing
    (`add_bulk`, as `update_index` does, in chunks). BENCH_INDEX_PART=k/n indexes the k-th of
    n equal parts of every page type, so that n processes share the work."""
    from wagtail.search.backends import get_search_backend

    first_id = int(os.environ["BENCH_FIRST_ID"])
    part, parts = (int(number) for number in os.environ.get("BENCH_INDEX_PART", "0/1").split("/"))
    chunk = int(os.environ.get("BENCH_INDEX_CHUNK", "500"))
    backend = get_search_backend()
    started = time.perf_counter()
    indexed = 0
    for model in (SectionPage, ContentPage, NewsPage):
        ids = list(
            model.objects.filter(pk__gte=first_id).order_by("pk").values_list("pk", flat=True)
        )
        share = -(-len(ids) // parts)
        ids = ids[part * share : (part + 1) * share]
        for offset in range(0, len(ids), chunk):
            objs = list(model.objects.filter(pk__in=ids[offset : offset + chunk]))
            backend.add_bulk(model, objs)
            indexed += len(objs)
    print(json.dumps({"indexed": indexed, "index_s": round(time.perf_counter() - started, 2)}))


def step_analyze():
    """The state autovacuum would soon leave after the bulk load: no dead rows (the search
    backend rewrites each index entry once), fresh planner statistics."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    print(json.dumps({"analyze_s": round(time.perf_counter() - started, 2)}))


TREE_CHECKS = {
    # treebeard's Page.find_problems(), in SQL (it takes over a minute in Python at this size)
    "evil_chars": "SELECT count(*) FROM wagtailcore_page WHERE path !~ '^[0-9A-Z]+$'",
    "bad_steplen": "SELECT count(*) FROM wagtailcore_page WHERE mod(length(path), 4) <> 0",
    "orphans": """
        SELECT count(*) FROM wagtailcore_page AS child WHERE child.depth > 1 AND NOT EXISTS (
            SELECT 1 FROM wagtailcore_page AS parent
            WHERE parent.path = substr(child.path, 1, length(child.path) - 4))""",
    "wrong_depth": "SELECT count(*) FROM wagtailcore_page WHERE depth <> length(path) / 4",
    "wrong_numchild": """
        SELECT count(*) FROM wagtailcore_page AS parent LEFT JOIN (
            SELECT substr(path, 1, length(path) - 4) AS parent_path, count(*) AS children
            FROM wagtailcore_page WHERE depth > 1 GROUP BY 1
        ) AS counted ON counted.parent_path = parent.path
        WHERE parent.numchild <> coalesce(counted.children, 0)""",
    # and what Wagtail keeps besides: url_path from the parent's, unique slugs among siblings
    "wrong_url_path": """
        SELECT count(*) FROM wagtailcore_page AS child JOIN wagtailcore_page AS parent
            ON parent.path = substr(child.path, 1, length(child.path) - 4)
        WHERE child.url_path <> parent.url_path || child.slug || '/'""",
    "duplicate_slugs": """
        SELECT count(*) FROM (
            SELECT 1 FROM wagtailcore_page WHERE depth > 1
            GROUP BY substr(path, 1, length(path) - 4), slug HAVING count(*) > 1
        ) AS duplicates""",
}


def step_check():
    """Is the tree consistent, and how many live pages are there? BENCH_TREEBEARD=1 also runs
    treebeard's own Page.find_problems() (slow)."""
    started = time.perf_counter()
    problems = {}
    with connection.cursor() as cursor:
        for name, sql in TREE_CHECKS.items():
            cursor.execute(sql)
            problems[name] = cursor.fetchone()[0]
    result = {"tree_problems": sum(problems.values()), "tree_problems_detail": problems}
    result["tree_check_s"] = round(time.perf_counter() - started, 2)
    if os.environ.get("BENCH_TREEBEARD") == "1":
        started = time.perf_counter()
        found = Page.find_problems()
        result["treebeard_find_problems"] = [len(kind) for kind in found]
        result["treebeard_find_problems_s"] = round(time.perf_counter() - started, 2)
    public = StartPage.main("public")
    large = SectionPage.objects.descendant_of(public).get(slug=ARCHIVE_SLUG)
    result.update(
        {
            "pages": Page.objects.live().filter(depth__gt=1).count(),
            "public_pages": Page.objects.live().descendant_of(public, inclusive=True).count(),
            "intranet_pages": Page.objects.live()
            .descendant_of(StartPage.main("intranet"), inclusive=True)
            .count(),
            "large_section_id": large.pk,
            "large_section_children": large.get_children().live().count(),
            "large_section_url": large.get_url_parts()[2],
        }
    )
    print(json.dumps(result))


def step_sample():
    """URLs of public pages for the cache measurements: the start page and a sample spread
    evenly over the public tree (every depth, every section, news, the large section)."""
    count = int(os.environ.get("BENCH_SAMPLE", "200"))
    public = StartPage.main("public")
    pages = Page.objects.live().descendant_of(public).order_by("path")
    total = pages.count()
    stride = max(1, total // count)
    paths = list(pages.values_list("url_path", flat=True)[::stride])[:count]
    prefix = public.url_path
    urls = ["/"] + ["/" + path[len(prefix) :] for path in paths]
    print(json.dumps({"urls": urls, "public_pages": total}))


def _search_results(word):
    """What the public search view searches, for counting hits and explaining the query."""
    from navet.web.search import clean_query

    public = StartPage.main("public")
    _query, stems = clean_query(word)
    pages = Page.objects.live().descendant_of(public, inclusive=True).public()
    return pages.search(" ".join(stems), operator="and")


def step_search_queries():
    """SQL queries of a search results page, the first and a later one, in process, and the
    number of hits of both words."""
    client = Client(HTTP_HOST=os.environ["NAVET_PUBLIC_HOST"])
    later = int(os.environ.get("BENCH_LATER_PAGE", "5"))
    result = {}
    for name, word in (("common", COMMON_WORD), ("rare", RARE_WORD)):
        client.get("/sok/", {"q": word})  # warm
        for label, params in (("first", {"q": word}), ("later", {"q": word, "sida": later})):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/sok/", params)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            result[f"{name}_{label}_queries"] = len(captured.captured_queries)
            result[f"{name}_{label}_ms"] = round(elapsed, 1)
        result[f"{name}_hits"] = _search_results(word).count()
    result["later_page"] = later
    print(json.dumps(result))


def step_explain_search():
    """EXPLAIN ANALYZE of the slowest SQL query of the public results page for the common
    word, as the view makes it: the full plan to BENCH_PLAN_FILE, a summary on stdout."""
    client = Client(HTTP_HOST=os.environ["NAVET_PUBLIC_HOST"])
    client.get("/sok/", {"q": COMMON_WORD})  # warm
    with CaptureQueriesContext(connection) as captured:
        client.get("/sok/", {"q": COMMON_WORD})
    slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
            plan = [row[0] for row in cursor.fetchall()]
    except Exception as error:  # a diagnosis only: the bench goes on
        print(json.dumps({"summary": {"error": repr(error)[:300]}}))
        return
    if os.environ.get("BENCH_PLAN_FILE"):
        with open(os.environ["BENCH_PLAN_FILE"], "w") as file:
            file.write(slowest["sql"] + "\n\n" + "\n".join(plan) + "\n")
    execution = next((line for line in plan if line.startswith("Execution Time")), "")
    scans = sorted(
        {
            " on ".join(match)
            for line in plan
            for match in re.findall(r"(\w+ Scan) (?:using \w+ )?on (\w+)", line)
        }
    )
    print(
        json.dumps(
            {
                "summary": {
                    "queries": len(captured.captured_queries),
                    "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
                    "execution_ms": float(re.search(r"([\d.]+) ms", execution).group(1))
                    if execution
                    else None,
                    "scans": scans,
                }
            }
        )
    )


def step_site_change():
    """A site-wide change: the public site's contact phone, saved as the settings form
    would. Prints the wall-clock time just before the save and after it returned."""
    from wagtail.models import Site

    from navet.web.models import SiteIdentity

    site = Site.objects.get(root_page=StartPage.main("public"))
    identity = SiteIdentity.for_site(site)
    identity.contact_phone = os.environ["BENCH_NEW_PHONE"]
    # Warm, as a server process is: the first use of the cache and of the task queue in a
    # process imports their clients (about 0.1 s).
    from django.core.cache import cache

    cache.get("navet:bench:warm-up")
    try:
        from django_tasks import task_backends

        task_backends["default"]
    except (ImportError, KeyError):
        pass
    print(json.dumps({"saving_at": time.time()}), flush=True)
    identity.save()
    print(json.dumps({"saved_at": time.time()}), flush=True)


if __name__ == "__main__":
    {
        "generate": step_generate,
        "index": step_index,
        "analyze": step_analyze,
        "check": step_check,
        "sample": step_sample,
        "search_queries": step_search_queries,
        "explain_search": step_explain_search,
        "site_change": step_site_change,
    }[sys.argv[1]]()
