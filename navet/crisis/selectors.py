"""What readers and crisis leaders see of the crisis events."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from navet.web.banner import INTRANET

from .models import CrisisEvent, CrisisUpdate, EventStatus

SHOWN = (EventStatus.ACTIVE, EventStatus.ENDED)


def _live_sources(*, event, audience: str):
    """W3.3b: the intranet shows every update live there; the public website only those
    published publicly (never one for staff only). Publishing is the Swedish source's."""
    updates = CrisisUpdate.objects.sources().filter(event=event).select_related("sender", "locale")
    if audience == INTRANET:
        return updates.live_on_intranet()
    return updates.live_publicly()


def live_updates(*, event, audience: str) -> list[CrisisUpdate]:
    """The Swedish updates live for `audience`, newest first, with their translations. A
    translation is shown only with its source: never where the source is not (W3.3b)."""
    return with_translations(_live_sources(event=event, audience=audience))


def with_translations(updates) -> list[CrisisUpdate]:
    """The Swedish `updates`, each with `translations`: {language code: translation}
    (W3.3e) in the order of the content languages, in one query."""
    updates = list(updates)
    translations = (
        CrisisUpdate.objects.filter(
            translation_key__in=[update.translation_key for update in updates]
        )
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
    )
    order = {
        code: number for number, (code, _name) in enumerate(settings.WAGTAIL_CONTENT_LANGUAGES)
    }
    by_key = defaultdict(dict)
    for translation in sorted(
        translations, key=lambda translation: order.get(translation.locale.language_code, 99)
    ):
        by_key[translation.translation_key][translation.locale.language_code] = translation
    for update in updates:
        update.translations = by_key[update.translation_key]
    return updates


def translation_languages() -> list[tuple[str, str]]:
    """The content languages an update may be translated into: all but Swedish."""
    return [
        (code, name)
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def events_for(*, audience: str):
    """Started events readers of `audience` can read about: active ones first, newest first."""
    field = "intranet_published_at" if audience == INTRANET else "public_published_at"
    return (
        CrisisEvent.objects.filter(status__in=SHOWN)
        .filter(Q(**{f"updates__{field}__isnull": False}))
        .distinct()
        .order_by("status", "-started_at", "-pk")
    )


def banner_items(*, audience: str) -> list[tuple]:
    """(event, its latest update) for every active event with an update live for
    `audience`, most recently started first."""
    items = []
    for event in CrisisEvent.objects.active().order_by("-started_at", "-pk"):
        latest = _live_sources(event=event, audience=audience).first()
        if latest is not None:
            items.append((event, latest))
    return items


def events_awaiting_action():
    return CrisisEvent.objects.filter(
        status__in=(EventStatus.SUGGESTED, EventStatus.AWAITING_CONFIRMATION)
    )
