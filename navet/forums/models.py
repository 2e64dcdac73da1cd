"""Forums and networks (K3, K6, W3.7), their meetings and the joint campaign plan (K6.1).

Who sits in a forum is never stored as a list of names: each forum carries rules (a role,
optionally held in a given unit, in the units below it or in units of a given kind), and
membership is computed from today's role assignments (see `membership`). Only what a role
cannot say is stored: extra members and co-opted experts the chair adds, and who joined a
voluntary network."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin

from navet.organisation.models import UnitKind
from navet.organisation.roles import Role

from .recurrence import validate_rrule


class Forum(RevisionMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    purpose = models.TextField(_("purpose"), max_length=3000)
    chair_role = models.CharField(_("chair's role"), max_length=40, choices=Role.choices)
    chair_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("chair's unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the chair's role is held. Empty: wherever it is held."),
    )
    secretary_role = models.CharField(
        _("secretary's role"), max_length=40, choices=Role.choices, blank=True
    )
    secretary_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("secretary's unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=200,
        help_text=_("As the governing document says it, e.g. “once a month”."),
    )
    recurrence = models.CharField(
        _("recurrence rule"),
        max_length=300,
        validators=[validate_rrule],
        help_text=_(
            "An RFC 5545 rule for the meeting series, e.g. FREQ=MONTHLY;BYDAY=2TU "
            "(second Tuesday of every month)."
        ),
    )
    meeting_time = models.TimeField(_("meetings start at"), default="09:00")
    meeting_minutes = models.PositiveSmallIntegerField(
        _("length of a meeting in minutes"), default=120
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    substitutes_need_consent = models.BooleanField(
        _("no substitutes unless the chair agreed"),
        default=False,
        help_text=_(
            "K6: members send no substitute when absent, unless the chair agreed to one for "
            "a specific meeting."
        ),
    )
    papers_collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection for papers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An intranet collection: its documents require login."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("chair_role"), FieldPanel("chair_unit")]),
                FieldRowPanel([FieldPanel("secretary_role"), FieldPanel("secretary_unit")]),
                FieldPanel("substitutes_need_consent"),
            ],
            heading=_("Chair and secretary"),
        ),
        InlinePanel("participant_rules", heading=_("Participants, from their roles"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldPanel("recurrence"),
                FieldRowPanel([FieldPanel("meeting_time"), FieldPanel("meeting_minutes")]),
                FieldPanel("location"),
            ],
            heading=_("Meetings"),
        ),
        FieldPanel("papers_collection"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums and networks")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.secretary_unit_id and not self.secretary_role:
            raise ValidationError({"secretary_role": _("Give the role the secretary holds.")})


class Admission(models.TextChoices):
    MEMBER = "member", _("Member by their role")
    MAY_JOIN = "may_join", _("May join (voluntary)")


class ParticipantRule(Orderable):
    """Holders of `role` take part: in `unit` (and the units below it if asked), or in any
    unit of `unit_kind`, or anywhere."""

    forum = ParentalKey(Forum, on_delete=models.CASCADE, related_name="participant_rules")
    label = models.CharField(
        _("who"), max_length=150, help_text=_("As the governing document says it.")
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("held in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    include_units_below = models.BooleanField(_("and the units below it"), default=False)
    unit_kind = models.CharField(
        _("held in units of kind"), max_length=30, choices=UnitKind.choices, blank=True
    )
    admission = models.CharField(
        _("admission"), max_length=20, choices=Admission.choices, default=Admission.MEMBER
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("admission")]),
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("include_units_below"), FieldPanel("unit_kind")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("participant rule")
        verbose_name_plural = _("participant rules")

    def __str__(self):
        return self.label


class ExtraMemberKind(models.TextChoices):
    MEMBER = "member", _("Extra member")
    EXPERT = "expert", _("Co-opted expert")


class ExtraMember(models.Model):
    """Someone the chair added: a person with an active part in the work, or an expert
    co-opted when needed (IT strategy, law, information security, webmaster)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="extra_members")
    person = models.ForeignKey(
        "organisation.Person", verbose_name=_("person"), on_delete=models.CASCADE
    )
    kind = models.CharField(_("as"), max_length=20, choices=ExtraMemberKind.choices)
    expertise = models.CharField(_("area"), max_length=120, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "person"], name="one_extra_place_per_person")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"


class NetworkMembership(models.Model):
    """Someone who chose to join a voluntary network. Counts only while they still hold a
    role the network is open to."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="joined")
    person = models.ForeignKey("organisation.Person", on_delete=models.CASCADE)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum", "person"], name="join_a_network_once")
        ]


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PLANNING_DAY = "planning_day", _("Planning day")


class Meeting(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # Stable across edits, so calendar programs update the event instead of adding one.
    uid = models.CharField(max_length=80, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.forum} {local:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = f"{secrets.token_hex(16)}@navet"
        super().save(*args, **kwargs)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    proposed_by = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    competitive_advantage_for = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("may give a competitive advantage to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "W3.7: the head editor of this unit takes no part in the item and gets neither "
            "its papers nor its minutes."
        ),
    )
    minutes = models.TextField(_("minutes of the item"), max_length=5000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Paper(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="forum_papers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "document"], name="a_paper_once_per_item")
        ]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    SUBSTITUTED = "substituted", _("Absent, substitute attends")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    substitute = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("substitute"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_a_meeting")
        ]


class SubstituteConsent(models.Model):
    """K6: the chair agreed that a member sends a substitute to one meeting, for a specific
    question."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="consents")
    member = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    substitute = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+"
    )
    question = models.CharField(_("for the question"), max_length=200)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_consent_per_member")
        ]


class MinutesAudience(models.TextChoices):
    MEMBERS = "members", _("The forum's members")
    ALL_STAFF = "all_staff", _("All staff")


class Minutes(models.Model):
    """The minutes of a meeting: a summary here, each item's minutes on the item. Reviewed
    for plain language (W3.3e) before they are published."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    audience = models.CharField(
        _("published to"),
        max_length=20,
        choices=MinutesAudience.choices,
        default=MinutesAudience.MEMBERS,
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The language review reads these (navet.language.services.page_html).
    plain_language_review = True
    reviewed_text_fields = ("summary", "items_text")

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        local = timezone.localtime(self.meeting.starts_at)
        return f"{self.meeting.forum.name} {local:%Y-%m-%d}"

    @property
    def items_text(self) -> str:
        return "\n\n".join(
            f"{item.title}. {item.minutes}" for item in self.meeting.items.all() if item.minutes
        )


class CalendarToken(models.Model):
    """A person's private address for subscribing to calendars. Revoking it deletes it; a
    new one is a new address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def new_token(cls) -> str:
        return secrets.token_urlsafe(32)


class CampaignStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Campaign(RevisionMixin, ClusterableModel):
    """A communication effort in the joint plan across administrations (K6.1)."""

    name = models.CharField(_("campaign"), max_length=150)
    owner = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owner administration"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    audiences = ParentalManyToManyField(
        "governance.ChannelAudience", verbose_name=_("audiences"), related_name="+"
    )
    channels = ParentalManyToManyField(
        "governance.Channel", verbose_name=_("channels"), related_name="+"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.IDEA
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        null=True,
        blank=True,
        help_text=_("Set by the leadership forum: 1 goes first."),
    )
    prioritised_at = models.ForeignKey(
        Meeting,
        verbose_name=_("prioritised at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prioritised_campaigns",
    )
    prioritisation_note = models.CharField(
        _("the leadership forum's reason"), max_length=300, blank=True
    )
    uid = models.CharField(max_length=80, unique=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("owner"),
        FieldPanel("description"),
        FieldPanel("audiences"),
        FieldPanel("channels"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A campaign cannot end before it starts.")})

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = f"campaign-{secrets.token_hex(16)}@navet"
        super().save(*args, **kwargs)
