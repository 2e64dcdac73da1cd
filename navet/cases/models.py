"""Function mailboxes and their cases (K4). A mailbox is data: its address, where it is read
over IMAP, the unit that handles it, and its decided process – the statuses a case goes
through, the roles that may take a case and the answer-time goal. A case keeps its whole
thread: what came in by email or from the intranet form and what the staff answered."""

import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from navet.organisation.models import Unit
from navet.organisation.roles import Role

from .mailbox_forms import FunctionMailboxForm
from .working_time import add_working_hours, working_time_between

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
# About half a year of working days.
MAX_ANSWER_GOAL_HOURS = 1000


class ImapSecurity(models.TextChoices):
    SSL = "ssl", _("TLS from the start (IMAPS, port 993)")
    STARTTLS = "starttls", _("STARTTLS (port 143)")
    NONE = "none", _("None – only for a server on this machine")


class FunctionMailbox(RevisionMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    address = models.EmailField(_("email address"), unique=True)
    description = models.TextField(
        _("what to ask for here"),
        blank=True,
        help_text=_("Shown to employees who open a case from the intranet."),
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="function_mailboxes",
        help_text=_(
            "The people with a role in this unit (or a unit above it) see the mailbox's cases."
        ),
    )
    answer_goal_hours = models.PositiveIntegerField(
        _("answer-time goal (hours)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ANSWER_GOAL_HOURS)],
        help_text=_("The first answer should be sent within this many hours of the case opening."),
    )
    goal_in_working_hours = models.BooleanField(
        _("the goal counts working hours"),
        default=True,
        help_text=_(
            "Weekdays in office hours, not public holidays, midsummer, Christmas or New "
            "Year's Eve. Turn it off for a mailbox that is answered around the clock."
        ),
    )
    open_to_intranet = models.BooleanField(
        _("employees can open cases from the intranet"), default=True
    )
    tell_of_new_cases = models.BooleanField(
        _("email the handlers about each new case"),
        default=True,
        help_text=_(
            "Everyone who may take a case gets an email with a link when one comes in. "
            "Answers in a case's thread do not open a new case."
        ),
    )
    imap_host = models.CharField(
        _("IMAP server"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty if the mailbox is not read over IMAP."),
    )
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_security = models.CharField(
        _("IMAP encryption"), max_length=10, choices=ImapSecurity.choices, default=ImapSecurity.SSL
    )
    imap_user = models.CharField(_("IMAP user"), max_length=255, blank=True)
    imap_password_variable = models.CharField(
        _("environment variable with the IMAP password"),
        max_length=80,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9_]*$",
                _("Use capital letters, digits and underscores, e.g. NAVET_IMAP_PASSWORD_MEDIA."),
            )
        ],
        help_text=_(
            "The password is never stored in the database: give the name of the server's "
            "environment variable that holds it."
        ),
    )
    imap_folder = models.CharField(_("IMAP folder"), max_length=120, default="INBOX")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = FunctionMailboxForm

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("address")]),
        FieldPanel("description"),
        FieldPanel("handling_unit"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("answer_goal_hours"), FieldPanel("goal_in_working_hours")]
                ),
                InlinePanel("statuses", heading=_("Statuses"), min_num=2),
                InlinePanel("taking_roles", heading=_("Roles that may take a case"), min_num=1),
                FieldPanel("open_to_intranet"),
                FieldPanel("tell_of_new_cases"),
            ],
            heading=_("Decided process"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("imap_host"), FieldPanel("imap_port"), FieldPanel("imap_security")]
                ),
                FieldRowPanel([FieldPanel("imap_user"), FieldPanel("imap_password_variable")]),
                FieldPanel("imap_folder"),
            ],
            heading=_("Reading over IMAP"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("function mailbox")
        verbose_name_plural = _("function mailboxes")

    def __str__(self):
        return self.name

    @property
    def reads_imap(self) -> bool:
        return bool(self.imap_host)

    def answer_due(self, opened_at: datetime) -> datetime:
        """When the first answer to a case opened at `opened_at` is due."""
        if self.goal_in_working_hours:
            return add_working_hours(opened_at, self.answer_goal_hours)
        return opened_at + timedelta(hours=self.answer_goal_hours)

    def answer_time(self, opened_at: datetime, answered_at: datetime) -> timedelta:
        """How long an answer took, counted as the goal counts."""
        if self.goal_in_working_hours:
            return working_time_between(opened_at, answered_at)
        return answered_at - opened_at

    @property
    def goal_description(self) -> str:
        """The goal as readers are told it: "4 working hours", "1 hour"."""
        hours = self.answer_goal_hours
        if self.goal_in_working_hours:
            text = ngettext("%(hours)s working hour", "%(hours)s working hours", hours)
        else:
            text = ngettext("%(hours)s hour", "%(hours)s hours", hours)
        return text % {"hours": hours}

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]

    def clean(self):
        super().clean()
        if self.imap_host:
            missing = {
                field: _("Needed to read the mailbox over IMAP.")
                for field in ("imap_user", "imap_password_variable")
                if not getattr(self, field)
            }
            if missing:
                raise ValidationError(missing)
        if self.imap_security == ImapSecurity.NONE and self.imap_host not in LOOPBACK_HOSTS:
            raise ValidationError(
                {
                    "imap_security": _(
                        "Passwords may not travel unencrypted: without encryption the server "
                        "must be on this machine (127.0.0.1)."
                    )
                }
            )

    def initial_status(self) -> "CaseStatus":
        return self.statuses.filter(closes_case=False).order_by("sort_order", "pk").first()


class CaseStatus(Orderable):
    mailbox = ParentalKey(FunctionMailbox, on_delete=models.CASCADE, related_name="statuses")
    name = models.CharField(_("name"), max_length=60)
    closes_case = models.BooleanField(
        _("closes the case"),
        default=False,
        help_text=_(
            "A case in this status is finished. The first open status is where new cases start."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("closes_case")])]

    class Meta(Orderable.Meta):
        verbose_name = _("status")
        verbose_name_plural = _("statuses")

    def __str__(self):
        return self.name


class MailboxTakingRole(Orderable):
    mailbox = ParentalKey(FunctionMailbox, on_delete=models.CASCADE, related_name="taking_roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)

    panels = [FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("role that may take a case")
        verbose_name_plural = _("roles that may take a case")

    def __str__(self):
        return self.get_role_display()


def new_reference() -> str:
    """A short reference that is hard to guess: it lets an answer by email find its case."""
    return f"K-{secrets.token_hex(4).upper()}"


class CaseSource(models.TextChoices):
    EMAIL = "email", _("Email")
    INTRANET_FORM = "form", _("Intranet form")


class Case(models.Model):
    mailbox = models.ForeignKey(
        FunctionMailbox, verbose_name=_("mailbox"), on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_reference, editable=False
    )
    subject = models.CharField(_("subject"), max_length=300)
    source = models.CharField(_("source"), max_length=10, choices=CaseSource.choices)
    requester_name = models.CharField(_("requester"), max_length=200, blank=True)
    requester_email = models.EmailField(_("requester's email"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_cases",
    )
    requesting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("requesting unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_cases",
    )
    status = models.ForeignKey(
        CaseStatus, verbose_name=_("status"), on_delete=models.PROTECT, related_name="cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["mailbox", "closed_at"])]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def answer_due(self):
        return self.mailbox.answer_due(self.opened_at)

    def is_over_goal(self, *, now=None) -> bool:
        """Answered after the goal, or still waiting for a first answer past it."""
        answered = self.first_answered_at
        if answered is not None:
            return answered > self.answer_due
        return self.is_open and (now or timezone.now()) > self.answer_due

    @property
    def subject_tag(self) -> str:
        return f"[Ärende {self.reference}]"


class Direction(models.TextChoices):
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")


class Delivery(models.TextChoices):
    RECEIVED = "received", _("Received")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed")


class CaseMessage(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    # The same Message-ID never makes a second message, nor a second case.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    references = models.TextField(_("References"), blank=True)
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    sender_address = models.CharField(_("sender's address"), max_length=254, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivery_error = models.TextField(_("delivery error"), blank=True)
    problems = models.TextField(
        _("what could not be read"),
        blank=True,
        help_text=_("Parts of an incoming message that were damaged or left out, and why."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.message_id

    def reference_chain(self) -> list[str]:
        return [*self.references.split(), self.message_id]


class _CaseFileStorage(LazyObject):
    """Case files live apart from the published media, under names nobody can guess;
    Navet's media view never serves them (it serves only images and documents it knows),
    only the case view does, to those who may see the case."""

    def _setup(self):
        location = getattr(settings, "NAVET_CASE_FILES_ROOT", "") or (
            settings.MEDIA_ROOT / "case-files"
        )
        self._wrapped = FileSystemStorage(location=location, base_url=None)


_case_files = _CaseFileStorage()


def case_file_storage():
    """The storage of case files, named by this function in migrations (its place depends on
    the settings)."""
    return _case_files


def case_file_path(instance, filename) -> str:
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class CaseAttachment(models.Model):
    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=case_file_storage, upload_to=case_file_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename


class QuarantinedMessage(models.Model):
    """A message that could not become a case: kept whole, with the reason, never dropped."""

    mailbox = models.ForeignKey(
        FunctionMailbox, on_delete=models.CASCADE, related_name="quarantined_messages"
    )
    fingerprint = models.CharField(max_length=64, unique=True)
    reason = models.TextField(_("reason"))
    raw = models.FileField(storage=case_file_storage, upload_to=case_file_path, max_length=200)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("quarantined message")
        verbose_name_plural = _("quarantined messages")

    def __str__(self):
        return f"{self.mailbox}: {self.reason[:60]}"
