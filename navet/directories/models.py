"""The directories of the public website: the services the municipality funds with all their
providers in one uniform format (W3.4), and the associations it supports (W3.5).

Entries (services, providers, associations) are snippets with drafts, revisions, locking and
the publishing workflow, so they are approved, reviewed for plain language and audited as
pages are. The reference lists (areas, languages, profiles, measures) and the evaluation
figures are plain data kept by the committee's editors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from navet.language.panels import LanguageReviewPanel

from .forms import DirectoryEntryForm
from .validators import normalise_organisation_number, validate_organisation_number

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Addresses below a service that are not providers (the comparison).
RESERVED_PROVIDER_SLUGS = ("jamfor",)


class Area(index.Indexed, models.Model):
    """A part of the municipality a provider serves or an association is active in."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class SpokenLanguage(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    code = models.CharField(
        _("language code"),
        max_length=8,
        unique=True,
        help_text=_("ISO 639-1 where there is one, e.g. sv, ar, fi, sgn-SE for sign language."),
    )

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")

    def __str__(self):
        return self.name


class Profile(models.Model):
    """A profile fact readers filter and compare by: "Montessori", "Utomhusprofil",
    "Kvällsinsatser", "Demenskompetens"."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.name


class Activity(models.Model):
    """What an association does, for the uniform overview and its filter: "Idrott",
    "Kultur", "Pensionärer", "Funktionsrätt"."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.name


class DirectoryEntry(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """What every directory entry shares: approval by the nearest authorised person (W3.7),
    the language review (W3.3e), a review date (W3.3d) and a responsible unit. Each entry
    type names the fields a reader compares by in `required_for_publishing`: an entry
    missing one of them is never published (W3.4, W3.5)."""

    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "When the entry must be checked again (W3.3d). Set on publishing if empty or passed."
        ),
    )

    plain_language_review = True
    required_for_publishing: tuple[str, ...] = ()
    # The query path from the entry to its responsible unit (permissions filter on it).
    owning_unit_path = "owning_unit"
    base_form_class = DirectoryEntryForm
    # The page type that shows the entry, at `route_path()` below it.
    directory_page_type = "directories.ServiceDirectoryPage"

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        """What the language review and the workflow call the entry."""
        return str(self)

    @property
    def last_checked(self):
        """The last time the committee published the entry: each publish is a check."""
        return self.last_published_at

    def publish(self, revision, user=None, **kwargs):
        """Every publish – now, scheduled, after approval – passes the publishing rules."""
        from navet.editorial.services import publish_guarded

        return publish_guarded(
            page=self, revision=revision, user=user, publish=super().publish, **kwargs
        )

    def route_path(self) -> str:
        """The entry's own address below its directory page."""
        return f"{self.slug}/"

    def shown_at(self) -> list[str]:
        """Every address below the directory page that shows the entry."""
        return [self.route_path()]

    def search_text(self) -> str:
        return str(self)

    def search_stems(self) -> str:
        from navet.web.search import stems

        return stems(self.search_text())


class Service(DirectoryEntry):
    """A municipally funded service residents choose a provider for (W3.4)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences: what the service is and who can get it."),
    )
    description = RichTextField(
        _("description"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("How to apply and how to choose a provider, in plain language."),
    )
    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_services",
        help_text=_("The committee (nämnd) that answers for the service and keeps it current."),
    )
    choice_system = models.CharField(
        _("freedom of choice under"),
        max_length=120,
        blank=True,
        help_text=_("E.g. 'Lagen om valfrihetssystem (LOV)' or 'Skollagen'."),
    )

    required_for_publishing = ("name", "summary", "description", "owning_unit", "requirements")
    reviewed_text_fields = ("summary",)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("owning_unit"),
        FieldPanel("choice_system"),
        InlinePanel(
            "requirements",
            heading=_("Quality requirements for every provider"),
            label=_("requirement"),
        ),
        FieldPanel("review_by"),
        LanguageReviewPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("search_stems"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name

    def search_text(self) -> str:
        return " ".join([self.name, self.summary, self.description])

    def shown_at(self) -> list[str]:
        """Its own page and every provider's, which show its quality requirements."""
        return [self.route_path(), *(p.route_path() for p in self.providers.all())]


class QualityRequirement(Orderable):
    """A requirement every provider of the service must meet."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="requirements")
    text = models.CharField(_("requirement"), max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class Operator(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    PRIVATE = "private", _("Private")
    NON_PROFIT = "non_profit", _("Non-profit")


class Provider(DirectoryEntry):
    """One provider of a service, in the one format every provider has (W3.4)."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="providers",
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("As readers know it."))
    slug = models.SlugField(_("slug"), max_length=120)
    operator = models.CharField(
        _("operated by"), max_length=20, choices=Operator.choices, blank=True
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=150,
        blank=True,
        help_text=_("The legal body that performs the service, e.g. 'Linköpings kommun'."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
    )
    street_address = models.CharField(_("street address"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    areas = ParentalManyToManyField(
        Area, verbose_name=_("areas served"), blank=True, related_name="providers"
    )
    assignment = models.TextField(
        _("the assignment"),
        max_length=1000,
        blank=True,
        help_text=_("What the provider does under its agreement with the municipality."),
    )
    languages = ParentalManyToManyField(
        SpokenLanguage,
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="providers",
    )
    profiles = ParentalManyToManyField(
        Profile, verbose_name=_("profile"), blank=True, related_name="providers"
    )
    places = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Number of places or customers, where the service has them."),
    )
    about = models.TextField(
        _("about the provider"),
        max_length=600,
        blank=True,
        help_text=_("Anything else a reader should know, briefly."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    owning_unit_path = "service__owning_unit"
    reviewed_text_fields = ("assignment", "about")
    required_for_publishing = (
        "name",
        "operator",
        "organisation",
        "organisation_number",
        "street_address",
        "postal_code",
        "city",
        "areas",
        "assignment",
        "languages",
        "email|phone",
    )

    panels = [
        FieldPanel("service"),
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldPanel("operator"),
                FieldPanel("organisation"),
                FieldPanel("organisation_number"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("areas"),
            ],
            heading=_("Who performs it"),
        ),
        FieldPanel("assignment"),
        InlinePanel(
            "additional_requirements",
            heading=_("Quality requirements besides the service's own"),
            label=_("requirement"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("profiles"), FieldPanel("places")],
            heading=_("Profile"),
        ),
        FieldPanel("about"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("review_by"),
        LanguageReviewPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("organisation"),
        index.SearchField("assignment"),
        index.SearchField("about"),
        index.SearchField("search_stems"),
        index.FilterField("live"),
        index.FilterField("service_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.UniqueConstraint(fields=["service", "slug"], name="provider_slug_per_service")
        ]

    def __str__(self):
        return self.name

    @property
    def owning_unit_id(self):
        """The service's committee answers for its providers (W3.4)."""
        return self.service.owning_unit_id if self.service_id else None

    @property
    def owning_unit(self):
        return self.service.owning_unit if self.service_id else None

    def clean(self):
        super().clean()
        self.organisation_number = normalise_organisation_number(self.organisation_number)
        if self.slug in RESERVED_PROVIDER_SLUGS:
            raise ValidationError(
                {"slug": _("“%(slug)s” is the address of a page of its own.") % {"slug": self.slug}}
            )

    def search_text(self) -> str:
        return " ".join([self.name, self.organisation, self.assignment, self.about, self.city])

    def route_path(self) -> str:
        return f"{self.service.slug}/{self.slug}/"

    def shown_at(self) -> list[str]:
        """Its own page and its service's list of providers."""
        return [self.service.route_path(), self.route_path()]

    @cached_property
    def requirements(self) -> list[str]:
        """Every quality requirement that applies: the service's, then the provider's own."""
        shared = [str(r) for r in self.service.requirements.all()] if self.service_id else []
        return [*shared, *(str(r) for r in self.additional_requirements.all())]


# What the uniform format shows of a provider besides its own row, for prefetch_related.
PROVIDER_FORMAT_RELATIONS = (
    "areas",
    "languages",
    "profiles",
    "additional_requirements",
    "service__requirements",
)


class ProviderRequirement(Orderable):
    provider = ParentalKey(
        Provider, on_delete=models.CASCADE, related_name="additional_requirements"
    )
    text = models.CharField(_("requirement"), max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class Measure(models.Model):
    """A figure evaluations report for a service's providers, with its source: the
    municipality's own follow-up or a national survey."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="measures"
    )
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("E.g. %."))
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_(
            "E.g. 'Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?' or "
            "'Kommunens uppföljning'."
        ),
    )
    source_url = models.URLField(_("source's address"), blank=True)
    higher_is_better = models.BooleanField(_("a higher value is better"), default=True)

    panels = [
        FieldPanel("service"),
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("source"),
        FieldPanel("source_url"),
        FieldPanel("higher_is_better"),
    ]

    class Meta:
        ordering = ["service", "name"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="measure_name_per_service")
        ]

    def __str__(self):
        return f"{self.name} ({self.service})"


class EvaluationFigure(models.Model):
    """One published figure: a provider's value of a measure for a year."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="figures"
    )
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="figures"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    published_on = models.DateField(_("published on"), help_text=_("When the source published it."))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("provider"),
        FieldPanel("measure"),
        FieldPanel("year"),
        FieldPanel("value"),
        FieldPanel("published_on"),
    ]

    class Meta:
        ordering = ["measure", "-year", "provider"]
        verbose_name = _("evaluation figure")
        verbose_name_plural = _("evaluation figures")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "measure", "year"], name="one_figure_per_provider_measure_year"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.measure.name} {self.year}: {self.value}"


class EvaluationReport(models.Model):
    """A published evaluation report (a follow-up, an inspection) of a provider."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=200)
    published_on = models.DateField(_("published on"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldPanel("provider"),
        FieldPanel("year"),
        FieldPanel("title"),
        FieldPanel("source"),
        FieldPanel("published_on"),
        FieldPanel("document"),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")

    def __str__(self):
        return self.title


class Association(DirectoryEntry):
    """An association the municipality supports, in one uniform overview (W3.5)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
    )
    purpose = models.TextField(_("purpose"), max_length=600, blank=True)
    activities = ParentalManyToManyField(
        Activity, verbose_name=_("activities"), blank=True, related_name="associations"
    )
    activity_description = models.TextField(
        _("what the association does"), max_length=1000, blank=True
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="associations",
    )
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_associations",
        help_text=_("The committee whose support the association receives."),
    )

    directory_page_type = "directories.AssociationDirectoryPage"
    reviewed_text_fields = ("purpose", "activity_description")
    required_for_publishing = (
        "name",
        "purpose",
        "activities",
        "area",
        "meeting_place",
        "contact_name",
        "email|phone",
        "owning_unit",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organisation_number"),
        FieldPanel("purpose"),
        FieldPanel("activities"),
        FieldPanel("activity_description"),
        FieldPanel("area"),
        FieldPanel("meeting_place"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("support", heading=_("Support received"), label=_("support")),
        FieldPanel("owning_unit"),
        FieldPanel("review_by"),
        LanguageReviewPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("purpose"),
        index.SearchField("activity_description"),
        index.SearchField("search_stems"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.organisation_number = normalise_organisation_number(self.organisation_number)

    def search_text(self) -> str:
        return " ".join([self.name, self.purpose, self.activity_description, self.meeting_place])


class AssociationSupport(Orderable):
    """Support the association received from the municipality in a year."""

    association = ParentalKey(Association, on_delete=models.CASCADE, related_name="support")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    kind = models.CharField(
        _("kind of support"), max_length=100, help_text=_("E.g. 'Verksamhetsbidrag'.")
    )
    amount = models.PositiveIntegerField(_("amount (SEK)"))

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("kind"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        ordering = ["-year", "sort_order"]

    def __str__(self):
        return f"{self.year} {self.kind}: {self.amount} kr"


class ChangeRequest(models.Model):
    """A change an association asked for through the public form (W3.5). The proposal is a
    draft revision of the association, in the workflow for its committee's editors; nothing
    is published by the form itself."""

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("proposed revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    submitter_name = models.CharField(_("submitted by"), max_length=120)
    submitter_email = models.EmailField(_("submitter's email"))
    message = models.TextField(_("message"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return f"{self.association} {self.submitted_at:%Y-%m-%d}"


# The public pages are page types of this app too.
from .pages import AssociationDirectoryPage, ServiceDirectoryPage  # noqa: E402, F401
