"""The demo municipality's archive (W3.7): retention decisions for its sites, page types and
registers, captures of part of its published history – a page as it was a year ago, an
intranet news item due to be culled – and a first night of compliance checks.

The decisions, their references and legal bases are invented examples in the form a
Swedish municipality's archive authority uses, and say so in their notes.

Loading the demo publishes every page at once; capturing each of them there would make the
load slow. Those captures are dropped (`manage.py capture_site` captures every live page
when wanted) and the history below is captured instead. Idempotent: what exists is kept."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from navet.archive.linkcheck import check_links
from navet.archive.models import Capture, CaptureStatus, RetentionDecision, RetentionScope
from navet.archive.services import capture_now
from navet.archive.supervision import take_snapshots
from navet.directories.models import Association, Provider
from navet.organisation.models import Unit
from navet.web.models import Audience, ContentPage, NewsPage, StartPage

EXAMPLE = "Exempel i demon: ett påhittat beslut."
ARCHIVE_LAW = "Arkivlagen (1990:782) 10 § och arkivmyndighetens föreskrifter om gallring"
PAGE_A_YEAR_AGO = "Ansök om plats i förskola"
INTRO_A_YEAR_AGO = (
    "Ansök om plats i förskola senast fyra månader innan du behöver platsen. "
    "Ansökan görs på papper hos förskolan."
)
NEWS_DUE_FOR_CULLING = "Utbildning för nya redaktörer"


def _decisions() -> None:
    public = StartPage.main(Audience.PUBLIC)
    intranet = StartPage.main(Audience.INTRANET)
    leadership = Unit.objects.get(name="Kommunledningsförvaltningen")
    decisions = [
        {
            "title": "Kommunens externa webbplats",
            "scope": RetentionScope.SECTION,
            "section": public,
            "cull_after_years": 10,
            "reference": "KS 2023-0412",
        },
        {
            "title": "Politiska och övergripande sidor",
            "scope": RetentionScope.SECTION,
            "section": leadership.public_section,
            "keep_forever": True,
            "reference": "KS 2022-0188",
        },
        {
            "title": "Intranätet",
            "scope": RetentionScope.SECTION,
            "section": intranet,
            "cull_after_years": 3,
            "reference": "KS 2023-0413",
        },
        {
            "title": "Nyheter",
            "scope": RetentionScope.PAGE_TYPE,
            "content_type": ContentType.objects.get_for_model(NewsPage),
            "cull_after_years": 2,
            "reference": "KS 2023-0414",
        },
        {
            "title": "Utförare av kommunala tjänster",
            "scope": RetentionScope.REGISTER,
            "content_type": ContentType.objects.get_for_model(Provider),
            "cull_after_years": 10,
            "reference": "KS 2024-0051",
        },
        {
            "title": "Föreningar med kommunalt stöd",
            "scope": RetentionScope.REGISTER,
            "content_type": ContentType.objects.get_for_model(Association),
            "keep_forever": True,
            "reference": "KS 2024-0052",
        },
    ]
    for data in decisions:
        if RetentionDecision.objects.filter(reference=data["reference"]).exists():
            continue
        RetentionDecision.objects.create(
            legal_basis=ARCHIVE_LAW,
            decided_on=datetime.date(2023, 3, 14),
            note=EXAMPLE,
            **data,
        )


def _drop_the_loads_own_captures() -> None:
    """The captures the load's own publishing asked for (see the module's text): versions
    saved and published by no one, which only a loader does."""
    Capture.objects.filter(
        status=CaptureStatus.PENDING, attempts=0, revision__user__isnull=True
    ).delete()


def _publish_and_capture(page, *, at: datetime.datetime) -> Capture:
    page.save_revision().publish()
    record = Capture.objects.filter(page=page).order_by("-pk").first()
    record = capture_now(record=record)
    Capture.objects.filter(pk=record.pk).update(published_at=at)
    return record


def _page_a_year_ago() -> None:
    """The page as it read a year ago, then as it reads now."""
    page = ContentPage.objects.filter(title=PAGE_A_YEAR_AGO, locale__language_code="sv").first()
    if page is None or Capture.objects.filter(page=page).exists():
        return
    now = timezone.now()
    intro, published = page.intro, (page.first_published_at, page.last_published_at)
    page.intro = INTRO_A_YEAR_AGO
    old = _publish_and_capture(page, at=now - datetime.timedelta(days=365))
    page.intro = intro
    _publish_and_capture(page, at=now - datetime.timedelta(days=2))
    Capture.objects.filter(pk=old.pk).update(superseded_at=now - datetime.timedelta(days=2))
    ContentPage.objects.filter(pk=page.pk).update(
        first_published_at=published[0], last_published_at=published[1]
    )


def _news_due_for_culling() -> None:
    """An intranet news item replaced four years ago: its old version may be culled."""
    intranet = StartPage.main(Audience.INTRANET)
    page = NewsPage.objects.descendant_of(intranet).filter(title=NEWS_DUE_FOR_CULLING).first()
    if page is None or Capture.objects.filter(page=page).exists():
        return
    now = timezone.now()
    published = (page.first_published_at, page.last_published_at)
    old = _publish_and_capture(page, at=now - datetime.timedelta(days=5 * 365))
    _publish_and_capture(page, at=now - datetime.timedelta(days=4 * 365))
    Capture.objects.filter(pk=old.pk).update(superseded_at=now - datetime.timedelta(days=4 * 365))
    old.revision.__class__.objects.filter(pk=old.revision_id).update(
        created_at=now - datetime.timedelta(days=5 * 365)
    )
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=published[0], last_published_at=published[1]
    )


def load_archive() -> None:
    _decisions()
    _drop_the_loads_own_captures()
    _page_a_year_ago()
    _news_due_for_culling()
    # The compliance view's first night: internal links checked, nothing asked of the internet.
    check_links(external=False)
    take_snapshots()
