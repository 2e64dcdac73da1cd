"""Archiving by retention decision (W3.7): the decisions as data, every published version
captured as readers saw it, and the web council's supervision in nightly snapshots."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .forms import RetentionDecisionForm


class RetentionScope(models.TextChoices):
    SECTION = "section", _("A section (a page and everything below it)")
    PAGE_TYPE = "page_type", _("A page type")
    REGISTER = "register", _("A directory or register")


class RetentionDecision(index.Indexed, models.Model):
    """A retention decision (gallringsbeslut): what it covers, and whether that is kept for
    ever or may be culled a number of years after it was replaced."""

    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("applies to"), max_length=20, choices=RetentionScope.choices)
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The page the decision applies to, with every page below it."),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("page type or register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    keep_forever = models.BooleanField(
        _("keep for ever"),
        default=False,
        help_text=_("Nothing covered by the decision may ever be culled."),
    )
    cull_after_years = models.PositiveSmallIntegerField(
        _("cull after (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Years after a version was replaced by a newer one."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        help_text=_("E.g. Arkivlagen (1990:782) 10 § and the archive authority's regulations."),
    )
    reference = models.CharField(
        _("decision reference"),
        max_length=60,
        help_text=_("The registration number (diarienummer) of the decision."),
    )
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)

    base_form_class = RetentionDecisionForm
    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("scope"), FieldPanel("section"), FieldPanel("content_type")],
            heading=_("What the decision covers"),
        ),
        FieldRowPanel([FieldPanel("keep_forever"), FieldPanel("cull_after_years")]),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("decided_on")]),
        FieldPanel("legal_basis"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("reference"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("retention decision")
        verbose_name_plural = _("retention decisions")
        permissions = [("cull_capture", "Can cull archived versions")]
        constraints = [
            models.CheckConstraint(
                condition=Q(keep_forever=True, cull_after_years__isnull=True)
                | Q(keep_forever=False, cull_after_years__isnull=False),
                name="retention_keep_forever_or_cull_after_years",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.reference})"

    def clean(self):
        super().clean()
        errors = {}
        if self.keep_forever and self.cull_after_years:
            errors["cull_after_years"] = _(
                "A decision to keep for ever has no culling time. Empty one of the two."
            )
        if not self.keep_forever and not self.cull_after_years:
            errors["cull_after_years"] = _(
                "Give the number of years after which versions may be culled, or choose "
                "to keep for ever."
            )
        if self.scope == RetentionScope.SECTION:
            if self.section_id is None:
                errors["section"] = _("Choose the section the decision applies to.")
            self.content_type = None
        elif self.scope in (RetentionScope.PAGE_TYPE, RetentionScope.REGISTER):
            if self.content_type_id is None:
                errors["content_type"] = _("Choose the page type or register.")
            else:
                from .retention import is_page_type

                if (self.scope == RetentionScope.PAGE_TYPE) != is_page_type(self.content_type):
                    errors["content_type"] = (
                        _("Choose a page type.")
                        if self.scope == RetentionScope.PAGE_TYPE
                        else _("Choose a directory or register, not a page type.")
                    )
            self.section = None
        if errors:
            raise ValidationError(errors)

    @property
    def summary(self) -> str:
        if self.keep_forever:
            return str(_("Kept for ever"))
        return str(_("Culled %(years)s years after being replaced")) % {
            "years": self.cull_after_years
        }

    def strictness(self) -> tuple:
        """Orders decisions: keeping for ever first, then the longest time."""
        return (self.keep_forever, self.cull_after_years or 0)


class CaptureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CAPTURED = "captured", _("Captured")
    FAILED = "failed", _("Failed")


class CaptureQuerySet(models.QuerySet):
    def captured(self):
        return self.filter(status=CaptureStatus.CAPTURED)

    def for_object(self, obj):
        from .capture import object_key

        return self.filter(**object_key(obj))


class Capture(models.Model):
    """One published version of a page or register entry, written to its own WARC file as
    its readers saw it. The descriptive fields are copies, so the record stays readable
    when the page, revision or publisher is gone."""

    status = models.CharField(
        _("status"), max_length=20, choices=CaptureStatus.choices, default=CaptureStatus.PENDING
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="archive_captures",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision_number = models.PositiveBigIntegerField(_("revision"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    site = models.CharField(_("site"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owning unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publisher_name = models.CharField(_("published by"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    superseded_at = models.DateTimeField(_("replaced"), null=True, blank=True)
    decision = models.ForeignKey(
        RetentionDecision,
        verbose_name=_("retention decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="captures",
    )
    decision_text = models.CharField(_("retention decision"), max_length=400, blank=True)
    warc_file = models.CharField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    captured_at = models.DateTimeField(_("captured"), null=True, blank=True)

    objects = CaptureQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("archive capture")
        verbose_name_plural = _("archive captures")
        indexes = [
            models.Index(fields=["content_type", "object_id", "published_at"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self):
        return f"{self.title} {self.published_at:%Y-%m-%d %H:%M}"

    def cull_due_on(self) -> datetime.date | None:
        """When this version may be culled under its decision; None while it may not."""
        decision = self.decision
        if decision is None or decision.keep_forever or self.superseded_at is None:
            return None
        replaced = timezone.localdate(self.superseded_at)
        try:
            return replaced.replace(year=replaced.year + decision.cull_after_years)
        except ValueError:  # 29 February
            return replaced.replace(year=replaced.year + decision.cull_after_years, day=28)


class BrokenLink(models.Model):
    """A link on a live page that did not answer, found by the link checker."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="broken_links"
    )
    url = models.CharField(_("link"), max_length=1000)
    internal = models.BooleanField(_("internal"), default=False)
    status = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        ordering = ["page__title", "url"]
        verbose_name = _("broken link")
        verbose_name_plural = _("broken links")
        constraints = [
            models.UniqueConstraint(fields=["page", "url"], name="one_broken_link_per_page_url")
        ]

    def __str__(self):
        return self.url


class AccessibilityProblem(models.Model):
    """A WCAG 2.1 AA violation that the scheduled axe run found on a public page."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="accessibility_problems"
    )
    rule = models.CharField(_("rule"), max_length=80)
    description = models.CharField(_("description"), max_length=300)
    elements = models.PositiveIntegerField(_("elements"), default=1)
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        ordering = ["page__title", "rule"]
        verbose_name = _("accessibility problem")
        verbose_name_plural = _("accessibility problems")

    def __str__(self):
        return f"{self.rule}: {self.description}"


class ComplianceSnapshot(models.Model):
    """An administration's (or other top unit's) state on one night, for the trend."""

    taken_on = models.DateField(_("date"), default=timezone.localdate)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="compliance_snapshots"
    )
    pages = models.PositiveIntegerField(_("live pages"), default=0)
    past_review = models.PositiveIntegerField(_("past review date"), default=0)
    language_errors = models.PositiveIntegerField(_("with language errors"), default=0)
    average_lix = models.FloatField(_("average LIX"), null=True, blank=True)
    without_sender = models.PositiveIntegerField(_("without sender"), default=0)
    broken_links = models.PositiveIntegerField(_("broken links"), default=0)
    accessibility_problems = models.PositiveIntegerField(_("accessibility problems"), default=0)
    failed_captures = models.PositiveIntegerField(_("failed captures"), default=0)

    class Meta:
        ordering = ["-taken_on", "unit__name"]
        verbose_name = _("compliance snapshot")
        verbose_name_plural = _("compliance snapshots")
        constraints = [
            models.UniqueConstraint(fields=["taken_on", "unit"], name="one_snapshot_per_unit_day")
        ]

    def __str__(self):
        return f"{self.unit} {self.taken_on}"
