"""Crisis communication (K2, K4): an event with its updates to the readers of both sites,
the log of everything done in it, and the settings the communications staff keeps."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import TranslatableMixin


class Level(models.IntegerChoices):
    """The municipality's crisis levels, from a disturbance to an extraordinary event (LEH)."""

    DISTURBANCE = 1, _("Disturbance")
    SERIOUS = 2, _("Serious event")
    EXTRAORDINARY = 3, _("Extraordinary event")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


@register_setting(icon="warning")
class CrisisSettings(BaseGenericSetting):
    crisis_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit for crisis communication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The communications staff's unit that runs crisis communication and the on-call "
            "communicator, e.g. Nyheter och media (K2). Its communicators may lead a crisis."
        ),
    )
    two_person_from_level = models.PositiveSmallIntegerField(
        _("two-person confirmation from level"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_(
            "From this level, starting an event and publishing an update need a second "
            "person's confirmation. Leave empty for none."
        ),
    )

    handover_weekday = models.PositiveSmallIntegerField(
        _("handover day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    handover_time = models.TimeField(_("handover time"), default=datetime.time(8, 0))
    reminder_hours = models.PositiveSmallIntegerField(
        _("remind before the handover (hours)"),
        default=24,
        help_text=_("The two on-call communicators get an email this long before a handover."),
    )

    cap_feed_url = models.URLField(
        _("official alerts (CAP 1.2 feed)"),
        blank=True,
        help_text=_(
            "Address of a CAP 1.2 feed, e.g. Krisinformation.se's or VMA. Read on a schedule; "
            "alerts for the municipality become suggested events – never published by "
            "themselves."
        ),
    )
    cap_area_code = models.CharField(
        _("the municipality's area code"),
        max_length=20,
        blank=True,
        help_text=_("The geocode alerts use for the municipality, e.g. 0580 for Linköping."),
    )

    panels = [
        FieldPanel("crisis_unit"),
        FieldPanel("two_person_from_level"),
        FieldRowPanel([FieldPanel("handover_weekday"), FieldPanel("handover_time")]),
        FieldPanel("reminder_hours"),
        FieldRowPanel([FieldPanel("cap_feed_url"), FieldPanel("cap_area_code")]),
    ]

    class Meta:
        verbose_name = _("crisis communication")

    def needs_two_people(self, level: int) -> bool:
        return self.two_person_from_level is not None and level >= self.two_person_from_level


class EventStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested by an official alert")
    AWAITING_CONFIRMATION = "awaiting", _("Awaiting a second person's confirmation")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    DISMISSED = "dismissed", _("Dismissed")


class CrisisEventQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EventStatus.ACTIVE)


class CrisisEvent(models.Model):
    title = models.CharField(_("title"), max_length=150)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    affected_area = models.CharField(_("affected area"), max_length=200)
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible administration"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Takes over the communication from the on-call communicator (K4)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    handed_over_at = models.DateTimeField(
        _("handed over to the administration"), null=True, blank=True
    )
    alert_identifier = models.CharField(
        _("official alert"),
        max_length=255,
        blank=True,
        help_text=_("The CAP identifier of the official alert this event was suggested from."),
    )

    objects = CrisisEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("crisis event")
        verbose_name_plural = _("crisis events")
        constraints = [
            models.UniqueConstraint(
                fields=["alert_identifier"],
                condition=~Q(alert_identifier=""),
                name="crisis_event_one_per_alert",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status == EventStatus.ACTIVE

    def public_path(self, *, language: str = settings.LANGUAGE_CODE) -> str:
        """The event's page; Swedish without a prefix, a translation under /en/, /fi/ ..."""
        with translation.override(language):
            return reverse("crisis_event_page", args=[self.pk])


def index_path(*, language: str = settings.LANGUAGE_CODE) -> str:
    with translation.override(language):
        return reverse("crisis_event_index")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_CONFIRMATION = "awaiting", _("Awaiting a second person's confirmation")
    PUBLISHED = "published", _("Published")


class CrisisUpdateQuerySet(models.QuerySet):
    def sources(self):
        """The updates as written, in Swedish; their translations are rows in other locales."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)

    def live_on_intranet(self):
        return self.filter(intranet_published_at__isnull=False).order_by(
            "-intranet_published_at", "-pk"
        )

    def live_publicly(self):
        return self.filter(public_published_at__isnull=False).order_by(
            "-public_published_at", "-pk"
        )


class CrisisUpdate(TranslatableMixin, models.Model):
    """One update to the readers, written after MSB's questions. The intranet gets it first;
    the public website may follow (W3.3b).

    Translations (W3.3e) are rows in another Wagtail locale with the Swedish source's
    translation key. They hold the language's text only: they are never published
    themselves but shown wherever their source is live."""

    event = models.ForeignKey(
        CrisisEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="updates"
    )
    title = models.CharField(_("headline"), max_length=150)
    ingress = models.TextField(
        _("ingress"),
        max_length=300,
        help_text=_("The most important thing, in one or two sentences (W3.3c)."),
    )
    what_happened = models.TextField(_("what has happened"))
    what_it_means = models.TextField(_("what it means for me"), blank=True)
    what_we_do = models.TextField(_("what the municipality is doing"), blank=True)
    what_to_do = models.TextField(_("what I should do"), blank=True)
    learn_more = models.TextField(
        _("where to learn more"),
        blank=True,
        help_text=_("Phone numbers and websites, e.g. 113 13 and krisinformation.se."),
    )
    easy_to_read = models.TextField(
        _("easy-to-read Swedish"),
        blank=True,
        help_text=_("The update in easy-to-read Swedish (lättläst), shown beside it."),
    )
    internal_only = models.BooleanField(
        _("for staff only"),
        default=False,
        help_text=_("Instructions to staff stay on the intranet and never reach the public."),
    )
    sender = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("sender"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit the update speaks for (W3.3d)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publishing asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intranet_published_at = models.DateTimeField(_("live on the intranet"), null=True, blank=True)
    public_published_at = models.DateTimeField(
        _("live on the public website"), null=True, blank=True
    )

    objects = CrisisUpdateQuerySet.as_manager()

    # The language review (W3.3e) reads these besides the headline and the ingress.
    reviewed_text_fields = ("what_happened", "what_it_means", "what_we_do", "what_to_do")
    panels = [
        FieldPanel("title"),
        FieldPanel("ingress"),
        FieldPanel("what_happened"),
        FieldRowPanel([FieldPanel("what_it_means"), FieldPanel("what_we_do")]),
        FieldPanel("what_to_do"),
        FieldPanel("learn_more"),
    ]

    # What a translation carries in its own language; the rest follows the source.
    translated_fields = (
        "title",
        "ingress",
        "what_happened",
        "what_it_means",
        "what_we_do",
        "what_to_do",
        "learn_more",
    )

    class Meta(TranslatableMixin.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("crisis update")
        verbose_name_plural = _("crisis updates")
        unique_together = []
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_key_locale_crisis_crisisupdate",
            ),
            # W3.3b: never live publicly unless live on the intranet first.
            models.CheckConstraint(
                condition=Q(public_published_at__isnull=True)
                | Q(
                    intranet_published_at__isnull=False,
                    public_published_at__gte=models.F("intranet_published_at"),
                ),
                name="crisis_update_intranet_first",
            ),
            models.CheckConstraint(
                condition=Q(public_published_at__isnull=True) | Q(internal_only=False),
                name="crisis_update_internal_stays_internal",
            ),
        ]

    def __str__(self):
        return self.title

    def new_translation(self, locale) -> "CrisisUpdate":
        """An unsaved translation of this source into `locale`: the same event, sender and
        audience, no publishing of its own."""
        return CrisisUpdate(
            event_id=self.event_id,
            translation_key=self.translation_key,
            locale=locale,
            sender_id=self.sender_id,
            internal_only=self.internal_only,
        )

    def sections(self) -> list[tuple[str, str]]:
        """MSB's questions and their answers, in the order the reader asks them."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in ("what_happened", "what_it_means", "what_we_do", "what_to_do", "learn_more")
            if getattr(self, name)
        ]


class LogAction(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested from an official alert")
    ASKED_TO_START = "asked_to_start", _("Asked to start (awaits confirmation)")
    STARTED = "started", _("Started")
    DISMISSED = "dismissed", _("Dismissed")
    CHANGED = "changed", _("Changed")
    UPDATE_WRITTEN = "update_written", _("Update written")
    TRANSLATED = "translated", _("Translation saved")
    TRANSLATION_REMOVED = "translation_removed", _("Translation removed")
    ASKED_TO_PUBLISH = "asked_to_publish", _("Publishing asked for (awaits confirmation)")
    PUBLISHED_INTRANET = "published_intranet", _("Published on the intranet")
    PUBLISHED_PUBLIC = "published_public", _("Published on the public website")
    HANDED_OVER = "handed_over", _("Handed over to the administration")
    ENDED = "ended", _("Ended")


class CrisisLogEntry(models.Model):
    """Every action taken in an event, for its evaluation afterwards. Never edited."""

    event = models.ForeignKey(
        CrisisEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="log"
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as it was, kept when the account is later removed.
    actor_name = models.CharField(_("by (name)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=LogAction.choices)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("crisis log entry")
        verbose_name_plural = _("crisis log entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class OnCallShift(models.Model):
    """One week of the on-call communicator (KiB), from one handover to the next."""

    starts_on = models.DateField(_("handover day"), unique=True)
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("on-call communicator"),
        on_delete=models.PROTECT,
        related_name="on_call_shifts",
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("on-call week")
        verbose_name_plural = _("on-call weeks")

    def __str__(self):
        return f"{self.starts_on:%Y-%m-%d} {self.person}"

    def period(self, settings=None) -> tuple[datetime.datetime, datetime.datetime]:
        settings = settings or CrisisSettings.load()
        start = timezone.make_aware(
            datetime.datetime.combine(self.starts_on, settings.handover_time)
        )
        return start, start + datetime.timedelta(days=7)


class OnCallSwap(models.Model):
    """Two people swapped their weeks: kept, with who recorded it."""

    first = models.ForeignKey(
        OnCallShift, verbose_name=_("week"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        OnCallShift, verbose_name=_("swapped with"), on_delete=models.CASCADE, related_name="+"
    )
    first_person_before = models.ForeignKey(
        "organisation.Person", verbose_name=_("before"), on_delete=models.PROTECT, related_name="+"
    )
    second_person_before = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("swapped with before"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("on-call swap")
        verbose_name_plural = _("on-call swaps")
