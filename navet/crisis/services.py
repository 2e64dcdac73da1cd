"""What the crisis leaders do: start an event, write and publish updates (intranet first,
W3.3b), hand over to the administration and end it (K4). Each action is logged, and what
readers see (the banner, the event's page, the fallback copies) follows after the commit."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from navet.language.services import review_page
from navet.web import cache as page_cache
from navet.web.banner import banner_changed
from navet.web.tasks import purge_proxy_urls

from . import tasks
from .models import (
    CrisisEvent,
    CrisisLogEntry,
    CrisisSettings,
    CrisisUpdate,
    EventStatus,
    LogAction,
    UpdateStatus,
    index_path,
)
from .roles import leads_crisis_communication, may_update
from .selectors import translation_languages


def _name(user) -> str:
    if user is None:
        return _("Navet (automatic)")
    return user.get_full_name() or user.get_username()


def log(*, event, action: str, user=None, detail: str = "") -> CrisisLogEntry:
    return CrisisLogEntry.objects.create(
        event=event, action=action, actor=user, actor_name=_name(user), detail=detail
    )


def _require_lead(user) -> None:
    if not leads_crisis_communication(user):
        raise PermissionDenied(
            _(
                "Only the on-call communicator, the infomaster and the crisis unit's "
                "communicators lead crisis communication (K2)."
            )
        )


def _require_update_right(user, event) -> None:
    if not may_update(user, event):
        raise PermissionDenied(
            _(
                "Only the crisis leaders (K2) and, after the hand-over, the responsible "
                "administration's communications lead (K4) may do this."
            )
        )


def _readers_changed(event, *, public: bool, banner: bool = True) -> None:
    """What readers see follows after the commit: every page's banner (a new banner
    generation; no cached page is purged or rendered again) and the event's own pages in
    every language. A change the public can see (`public`) also reaches nginx's copies of
    the public banner and pages and the copies nginx serves when Navet does not answer; a
    change for the intranet alone leaves all that, and the public website's load, as it is.
    A translation leaves the banner, which is Swedish, as it is."""
    urls = public_urls(event)

    def purge_event_pages():
        for url in urls:
            page_cache.purge_url(url)

    def follow():
        # The banner first: it is on every page of both sites.
        if banner:
            banner_changed(public=public)
        purge_event_pages()
        if not public:
            return
        if page_cache.proxy_backends():
            purge_proxy_urls.enqueue(urls=urls)
        tasks.write_fallback_pages.enqueue()

    purge_event_pages()
    transaction.on_commit(follow)


def public_urls(event) -> list[str]:
    from wagtail.models import Site

    paths = [
        path
        for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        for path in (event.public_path(language=language), index_path(language=language))
    ]
    return [site.root_url + path for site in Site.objects.all() for path in paths]


@transaction.atomic
def start_event(*, user, title, level, affected_area, responsible_unit) -> CrisisEvent:
    """K4: the on-call communicator starts the event; from the configured level a second
    person confirms it before it is active."""
    _require_lead(user)
    event = CrisisEvent.objects.create(
        title=title,
        level=level,
        affected_area=affected_area,
        responsible_unit=responsible_unit,
        created_by=user,
        status=EventStatus.ACTIVE,
    )
    _activate_or_ask(event, user=user)
    return event


def _activate_or_ask(event, *, user) -> None:
    if CrisisSettings.load().needs_two_people(event.level):
        event.status = EventStatus.AWAITING_CONFIRMATION
        event.save(update_fields=["status"])
        log(event=event, action=LogAction.ASKED_TO_START, user=user, detail=event.title)
        return
    _activate(event, user=user)


def _activate(event, *, user) -> None:
    event.status = EventStatus.ACTIVE
    event.started_at = timezone.now()
    event.save(update_fields=["status", "started_at"])
    log(
        event=event,
        action=LogAction.STARTED,
        user=user,
        detail=_("%(title)s, %(level)s, %(area)s")
        % {"title": event.title, "level": event.get_level_display(), "area": event.affected_area},
    )
    # Readers see an event from its first live update on (selectors.events_for).
    _readers_changed(event, public=False)


@transaction.atomic
def confirm_start(*, user, event) -> CrisisEvent:
    """The second person confirms a start, or a suggestion from an official alert."""
    event = CrisisEvent.objects.select_for_update().get(pk=event.pk)
    _require_lead(user)
    if event.status == EventStatus.SUGGESTED:
        _activate_or_ask(event, user=user)
        return event
    if event.status != EventStatus.AWAITING_CONFIRMATION:
        raise ValidationError(_("The event is not waiting for a confirmation."))
    asker = event.log.filter(action=LogAction.ASKED_TO_START).last()
    if asker is not None and asker.actor_id == user.pk:
        raise ValidationError(_("A second person must confirm what you asked for."))
    _activate(event, user=user)
    return event


@transaction.atomic
def dismiss_suggestion(*, user, event) -> CrisisEvent:
    _require_lead(user)
    if event.status not in (EventStatus.SUGGESTED, EventStatus.AWAITING_CONFIRMATION):
        raise ValidationError(_("Only a suggested or unconfirmed event can be dismissed."))
    event.status = EventStatus.DISMISSED
    event.save(update_fields=["status"])
    log(event=event, action=LogAction.DISMISSED, user=user)
    return event


@transaction.atomic
def hand_over(*, user, event) -> CrisisEvent:
    """K4: the first phase is over; the responsible administration takes over."""
    _require_lead(user)
    if not event.is_active or event.handed_over_at is not None:
        raise ValidationError(_("Only an active event that is not yet handed over can be."))
    event.handed_over_at = timezone.now()
    event.save(update_fields=["handed_over_at"])
    log(event=event, action=LogAction.HANDED_OVER, user=user, detail=str(event.responsible_unit))
    return event


@transaction.atomic
def end_event(*, user, event) -> CrisisEvent:
    _require_update_right(user, event)
    if not event.is_active:
        raise ValidationError(_("Only an active event can be ended."))
    event.status = EventStatus.ENDED
    event.ended_at = timezone.now()
    event.save(update_fields=["status", "ended_at"])
    log(event=event, action=LogAction.ENDED, user=user)
    _readers_changed(event, public=True)
    return event


def language_problems(update) -> list[str]:
    """W3.3e: the language review's errors in the update and its easy-to-read version."""
    messages = [finding.message for finding in review_page(update).errors]
    if update.easy_to_read:
        # The easy-to-read version as the review reads it: held to LIX 30, short sentences.
        easy = CrisisUpdate(title=update.title, what_happened=update.easy_to_read)
        easy.is_easy_to_read = True
        messages += [finding.message for finding in review_page(easy).errors]
    return messages


def _review_or_refuse(update) -> None:
    problems = language_problems(update)
    if problems:
        raise ValidationError(
            [
                _("The language review stops the update (W3.3e): %(problem)s") % {"problem": p}
                for p in problems
            ]
        )


@transaction.atomic
def write_update(*, user, event, **fields) -> CrisisUpdate:
    _require_update_right(user, event)
    if event.status not in (EventStatus.ACTIVE, EventStatus.AWAITING_CONFIRMATION):
        raise ValidationError(_("Updates are written for an event that is started."))
    update = CrisisUpdate(event=event, locale=Locale.get_default(), written_by=user, **fields)
    update.full_clean()
    update.save()
    log(event=event, action=LogAction.UPDATE_WRITTEN, user=user, detail=update.title)
    return update


@transaction.atomic
def publish_on_intranet(*, user, update) -> CrisisUpdate:
    """W3.3b: every update goes live on the intranet first. From the configured level a
    second person confirms it."""
    update = CrisisUpdate.objects.select_for_update().select_related("event").get(pk=update.pk)
    event = update.event
    _require_update_right(user, event)
    if not event.is_active:
        raise ValidationError(_("Updates are published while the event is active."))
    if update.intranet_published_at is not None:
        raise ValidationError(_("The update is already live on the intranet."))
    _review_or_refuse(update)
    if CrisisSettings.load().needs_two_people(event.level):
        if update.status != UpdateStatus.AWAITING_CONFIRMATION:
            update.status = UpdateStatus.AWAITING_CONFIRMATION
            update.requested_by = user
            update.save(update_fields=["status", "requested_by"])
            log(event=event, action=LogAction.ASKED_TO_PUBLISH, user=user, detail=update.title)
            return update
        if update.requested_by_id == user.pk:
            raise ValidationError(_("A second person must confirm what you asked for."))
    update.status = UpdateStatus.PUBLISHED
    update.intranet_published_at = timezone.now()
    update.save(update_fields=["status", "intranet_published_at"])
    log(event=event, action=LogAction.PUBLISHED_INTRANET, user=user, detail=update.title)
    _readers_changed(event, public=False)
    return update


@transaction.atomic
def publish_publicly(*, user, update) -> CrisisUpdate:
    """W3.3b: the public version follows the intranet's, never before it; an update for
    staff only stays on the intranet."""
    update = CrisisUpdate.objects.select_for_update().select_related("event").get(pk=update.pk)
    event = update.event
    _require_update_right(user, event)
    if update.internal_only:
        raise ValidationError(_("The update is for staff only: it stays on the intranet (W3.3b)."))
    if update.intranet_published_at is None or update.intranet_published_at > timezone.now():
        raise ValidationError(
            _("The update goes live on the intranet first; the public website follows (W3.3b).")
        )
    if update.public_published_at is not None:
        raise ValidationError(_("The update is already live on the public website."))
    if not event.is_active:
        raise ValidationError(_("Updates are published while the event is active."))
    update.public_published_at = timezone.now()
    update.save(update_fields=["public_published_at"])
    log(event=event, action=LogAction.PUBLISHED_PUBLIC, user=user, detail=update.title)
    _readers_changed(event, public=True)
    return update


@transaction.atomic
def translate_update(*, user, update, language: str, **fields) -> CrisisUpdate:
    """W3.3e: save the update's translation into one of the content languages: a row in
    that Wagtail locale with the source's translation key. It is shown wherever its Swedish
    source is live and nowhere else (W3.3b), so it has no publishing of its own. The
    language review, which reads Swedish, reviewed the source."""
    if language not in dict(translation_languages()):
        raise ValidationError(_("Updates are translated into the site's content languages."))
    source = CrisisUpdate.objects.select_for_update().select_related("event").get(pk=update.pk)
    event = source.event
    _require_update_right(user, event)
    if source.locale.language_code != settings.LANGUAGE_CODE:
        raise ValidationError(_("Only the Swedish update is translated."))
    locale, _created = Locale.objects.get_or_create(language_code=language)
    translation = source.get_translation_or_none(locale) or source.new_translation(locale)
    for name in CrisisUpdate.translated_fields:
        setattr(translation, name, fields.get(name, ""))
    translation.written_by = user
    translation.full_clean()
    translation.save()
    _translation_changed(source, locale=locale, user=user, action=LogAction.TRANSLATED)
    return translation


@transaction.atomic
def remove_translation(*, user, update, language: str) -> None:
    """W3.3e: take back a translation that should not be shown; the update is shown in
    Swedish in that language again."""
    source = CrisisUpdate.objects.select_for_update().select_related("event").get(pk=update.pk)
    _require_update_right(user, source.event)
    if source.locale.language_code != settings.LANGUAGE_CODE:
        raise ValidationError(_("Only the Swedish update is translated."))
    translation = source.get_translations().filter(locale__language_code=language).first()
    if translation is None:
        raise ValidationError(_("The update has no translation into that language."))
    translation.delete()
    _translation_changed(
        source, locale=translation.locale, user=user, action=LogAction.TRANSLATION_REMOVED
    )


def _translation_changed(source, *, locale, user, action) -> None:
    """Logged; readers see it wherever the Swedish source is live (the banner, Swedish,
    stays as it is)."""
    event = source.event
    log(
        event=event,
        action=action,
        user=user,
        detail=f"{source.title} ({locale.get_display_name()})",
    )
    if source.intranet_published_at is not None:
        _readers_changed(event, public=source.public_published_at is not None, banner=False)


def problems_of(error) -> list[str]:
    """A refusal's messages for the person who asked."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]
