"""The governance registers: the social media accounts the municipality speaks through
(W4.3), its domains and the exceptions to them (W3.6), and its channels (K5).

Accounts and domain exceptions are requests with an approval chain: snippets with drafts,
revisions and Wagtail workflows whose tasks (`RoleApprovalTask`) resolve their approvers
from role assignments, so every step is in the audit log. What is live is what was
approved."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowMixin,
)

from navet.editorial.models import ApproverTaskMixin
from navet.editorial.selectors import nearest_holders, users_holding
from navet.organisation.roles import Role

from .forms import RegisterRequestForm
from .validators import normalise_domain, validate_domain


@register_setting(icon="group")
class GovernanceSettings(BaseGenericSetting):
    communications_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("communications staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Owns the official accounts (W4.3) and is told about accounts that need attention."
        ),
    )

    panels = [FieldPanel("communications_unit")]

    class Meta:
        verbose_name = _("governance")


class ApprovalScope(models.TextChoices):
    UNIT = "unit", _("The holders in the request's unit, or the nearest unit above")
    ANYWHERE = "anywhere", _("Every holder of the role")


class RoleApprovalTask(ApproverTaskMixin, Task):
    """A step of a register's approval chain, taken by the holders of one role (W4.3,
    W3.6): resolved from role assignments whenever they are needed, so a new assignment
    changes who decides pending requests, and nobody else can decide."""

    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    scope = models.CharField(
        _("who"), max_length=20, choices=ApprovalScope.choices, default=ApprovalScope.ANYWHERE
    )
    decided_by_submitting = models.BooleanField(
        _("a holder decides by submitting"),
        default=False,
        help_text=_("When a holder of the role submits the request, this step is taken."),
    )
    informs_communications = models.BooleanField(
        _("inform communications when the step starts"),
        default=False,
        help_text=_("The unit's head editor and communications lead are told (W4.3)."),
    )

    admin_form_fields = [
        *Task.admin_form_fields,
        "role",
        "scope",
        "decided_by_submitting",
        "informs_communications",
    ]

    def approvers(self, obj):
        if self.scope == ApprovalScope.UNIT:
            return nearest_holders(page=obj, roles=[self.role])
        return users_holding(roles=[self.role])

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        obj = workflow_state.content_object
        if self.decided_by_submitting and user is not None and self.user_is_approver(obj, user):
            # Taken here, not through `approve`, which would start the next step a second
            # time: the workflow moves on when this returns. Logged as an approval.
            task_state.status = TaskState.STATUS_APPROVED
            task_state.finished_at = timezone.now()
            task_state.finished_by = user
            task_state.comment = str(_("Decided when submitting."))
            task_state.save()
            task_state.log_state_change_action(user, "approve")
        return task_state

    def get_actions(self, obj, user):
        if not self.user_is_approver(obj, user):
            return []
        return [
            ("reject", _("Refuse"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        from .action_forms import ReasonRequiredForm

        if action == "reject":
            return ReasonRequiredForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if not self.user_is_approver(obj, user):
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Decided by the holders of a role, resolved from role assignments.")

    class Meta:
        verbose_name = _("decision by a role")
        verbose_name_plural = _("decisions by a role")


class RegisterRequest(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    """A register entry that is a request until its approval chain has approved it."""

    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    base_form_class = RegisterRequestForm

    class Meta:
        abstract = True


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X"
    THREADS = "threads", "Threads"
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    OTHER = "other", _("Other")


# The hosts an account's address may have on each platform (an address elsewhere is not
# that platform's account). Mastodon and "other" may be anywhere.
PLATFORM_HOSTS = {
    Platform.FACEBOOK: ("facebook.com",),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.LINKEDIN: ("linkedin.com",),
    Platform.YOUTUBE: ("youtube.com",),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.X: ("x.com", "twitter.com"),
    Platform.THREADS: ("threads.net", "threads.com"),
    Platform.BLUESKY: ("bsky.app",),
}


class SocialMediaAccount(RegisterRequest):
    """An account the municipality speaks through (W4.3). Who administers it is recorded;
    its password never is."""

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    handle = models.CharField(
        _("account name"), max_length=100, help_text=_("As shown on the platform, e.g. @linkoping.")
    )
    url = models.URLField(_("address"), help_text=_("The account's page, https://…"))
    purpose = models.TextField(_("purpose"), max_length=1000)
    audience = models.CharField(_("audience"), max_length=200)
    administrators = ParentalManyToManyField(
        "organisation.Person",
        verbose_name=_("administrators"),
        related_name="administered_accounts",
        help_text=_("The people who publish through the account. Never write passwords here."),
    )
    official = models.BooleanField(
        _("official account of the municipality"),
        default=False,
        help_text=_("Official accounts are owned by the communications staff."),
    )
    review_by = models.DateField(_("review by"), null=True, blank=True)

    panels = [
        FieldPanel("platform"),
        FieldPanel("handle"),
        FieldPanel("url"),
        FieldPanel("owning_unit"),
        FieldPanel("official"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("administrators"),
        FieldPanel("review_by"),
    ]

    class Meta:
        ordering = ["platform", "handle"]
        verbose_name = _("social media account")
        verbose_name_plural = _("social media accounts")

    def __str__(self):
        return f"{self.get_platform_display()}: {self.handle}"

    @property
    def title(self) -> str:
        return str(self)

    def clean(self):
        super().clean()
        errors = {}
        parts = urlsplit(self.url or "")
        hosts = PLATFORM_HOSTS.get(self.platform)
        if self.url and parts.scheme != "https":
            errors["url"] = _("The address must start with https://.")
        elif self.url and hosts:
            host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
            if not any(host == allowed or host.endswith("." + allowed) for allowed in hosts):
                errors["url"] = _("A %(platform)s account's address is on %(hosts)s.") % {
                    "platform": self.get_platform_display(),
                    "hosts": " or ".join(hosts),
                }
        if self.official and self.owning_unit_id:
            communications = GovernanceSettings.load().communications_unit
            if communications is None or communications not in self.owning_unit.ancestors():
                errors["owning_unit"] = _(
                    "An official account is owned by the communications staff (W4.3)."
                )
        if errors:
            raise ValidationError(errors)


class OwnDomain(models.Model):
    """A domain of the municipality's own (W3.6): its websites live under it."""

    name = models.CharField(_("domain"), max_length=253, unique=True, validators=[validate_domain])
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("note")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("own domain")
        verbose_name_plural = _("own domains")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.name = normalise_domain(self.name)


class DomainExceptionQuerySet(models.QuerySet):
    def in_force(self, *, today=None):
        """Approved (live) and not expired."""
        return self.filter(live=True, expires_on__gte=today or timezone.localdate())


class DomainException(RegisterRequest):
    """A site outside the municipality's domain (a campaign, a company under another name):
    allowed only by the municipal director's decision, until it expires (W3.6)."""

    domain = models.CharField(_("domain"), max_length=253, validators=[validate_domain])
    purpose = models.TextField(_("purpose"), max_length=1000)
    decision_reference = models.CharField(
        _("decision reference (diarienummer)"),
        max_length=60,
        blank=True,
        help_text=_("Given when the decision is taken, e.g. KS 2026-123."),
    )
    expires_on = models.DateField(_("expires on"))

    objects = DomainExceptionQuerySet.as_manager()

    panels = [
        FieldPanel("domain"),
        FieldPanel("purpose"),
        FieldPanel("owning_unit"),
        FieldPanel("expires_on"),
        FieldPanel("decision_reference"),
    ]

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domain exception")
        verbose_name_plural = _("domain exceptions")

    def __str__(self):
        return self.domain

    @property
    def title(self) -> str:
        return self.domain

    def clean(self):
        super().clean()
        self.domain = normalise_domain(self.domain)
        if self.expires_on and self.expires_on < timezone.localdate():
            raise ValidationError({"expires_on": _("The expiry date has already passed.")})


class ChannelKind(models.TextChoices):
    EXTERNAL_WEB = "external_web", _("External website")
    INTRANET = "intranet", _("Intranet")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PRESS = "press", _("Press releases and press conferences")
    COLLABORATION = "collaboration", _("Collaboration platform")
    STAFF_MAGAZINE = "staff_magazine", _("Staff magazine")
    CONTACT_CENTRE = "contact_centre", _("Contact centre")
    OTHER = "other", _("Other")


class ChannelAudience(models.Model):
    """Who a channel reaches: residents, employees, managers, the media …"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


class Channel(RevisionMixin, ClusterableModel):
    """A communication channel of the municipality or one of its administrations (K5).
    Digital first: for each audience the digital channels come first, by priority, and the
    others complement them."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    audiences = ParentalManyToManyField(
        ChannelAudience, verbose_name=_("audiences"), related_name="channels"
    )
    purpose = models.TextField(_("purpose"), max_length=1000)
    is_digital = models.BooleanField(_("digital"), default=True)
    primary_in_crisis = models.BooleanField(_("primary channel in a crisis"), default=False)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=10, help_text=_("Lower comes first for its audiences.")
    )
    decision_reference = models.CharField(_("decision reference"), max_length=60, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("owning_unit"),
        FieldPanel("audiences"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [FieldPanel("is_digital"), FieldPanel("primary_in_crisis"), FieldPanel("priority")],
            heading=_("Digital first (K5)"),
        ),
        FieldPanel("decision_reference"),
    ]

    class Meta:
        ordering = ["priority", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self):
        return self.name


# The public page of the register is a page type of this app too.
from .pages import OfficialAccountsPage  # noqa: E402, F401
