"""Media relations (K2, Nyheter och media): the press room's topics, the journalists who
subscribe to it and the record of their consent, the delivery of each release to each of
them, and the log of media inquiries. The press room's page types are in `pages`."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_CONSENT_TEXT = (
    "Jag vill få kommunens pressmeddelanden och pressinbjudningar med e-post. Kommunen "
    "sparar min e-postadress och mina val så länge jag prenumererar och använder dem bara "
    "för utskicken. Jag kan när som helst avsluta prenumerationen med länken i varje utskick."
)


@register_setting(icon="mail")
class PressSettings(BaseGenericSetting):
    """Who Nyheter och media is (K2), and the text a journalist consents to."""

    media_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("media relations unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Nyheter och media (K2): everyone with a role in this unit logs and handles all "
            "media inquiries."
        ),
    )
    consent_text = models.TextField(
        _("consent text for subscribers"),
        default=DEFAULT_CONSENT_TEXT,
        max_length=1000,
        help_text=_(
            "Shown on the subscription form. The text each journalist agreed to is kept with "
            "their consent."
        ),
    )

    panels = [FieldPanel("media_unit"), FieldPanel("consent_text")]

    class Meta:
        verbose_name = _("press room")


class PressTopic(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("Part of the topic page's address, e.g. “skola”."),
    )
    description = models.TextField(_("description"), max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("press topic")
        verbose_name_plural = _("press topics")

    def __str__(self):
        return self.name


# --- Subscriptions ---------------------------------------------------------------------------


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def receiving(self, *, topic_ids):
        """Active subscribers to everything or to one of `topic_ids`."""
        return (
            self.active()
            .filter(Q(all_releases=True) | Q(topics__in=list(topic_ids)))
            .distinct()
            .order_by("pk")
        )


class Subscriber(models.Model):
    """A journalist who has confirmed a subscription (double opt-in)."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    all_releases = models.BooleanField(_("all releases"), default=False)
    topics = models.ManyToManyField(
        PressTopic, verbose_name=_("topics"), blank=True, related_name="subscribers"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    # Changed only by the journalist's own confirmed consent (see subscriptions).
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("all_releases", read_only=True),
        FieldPanel("topics", read_only=True),
    ]

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Consent(models.Model):
    """One request to subscribe: what was asked for, the text the journalist agreed to,
    when and from where; confirmed when the link in the email was followed."""

    email = models.EmailField(_("email"), max_length=254)
    all_releases = models.BooleanField(_("all releases"), default=False)
    topics = models.ManyToManyField(PressTopic, verbose_name=_("topics"), blank=True)
    consent_text = models.TextField(_("text agreed to"))
    source_url = models.CharField(_("form address"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(fields=["email", "requested_at"], name="press_consent_email"),
            models.Index(fields=["ip_address", "requested_at"], name="press_consent_address"),
        ]

    def __str__(self):
        return f"{self.email} ({self.requested_at:%Y-%m-%d %H:%M})"


# --- Distribution ----------------------------------------------------------------------------


class Distribution(models.Model):
    """That a release has been sent out: once per release, whatever happens after."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self):
        return self.page.title


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent (if it stays so, the sending was interrupted)")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One release to one subscriber. Claimed (marked as being sent) before it is handed to
    the mail server, so that no restart or second run sends it again."""

    distribution = models.ForeignKey(
        Distribution,
        verbose_name=_("distribution"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-distribution__started_at", "subscriber__email"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "subscriber"], name="press_one_delivery_per_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.distribution} → {self.subscriber}"


# --- Media inquiries -------------------------------------------------------------------------


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")


class MediaInquiry(models.Model):
    """A question from the media, logged by Nyheter och media (K2)."""

    journalist = models.CharField(_("journalist"), max_length=150)
    outlet = models.CharField(_("media outlet"), max_length=150)
    journalist_email = models.EmailField(_("journalist's email"), blank=True)
    journalist_phone = models.CharField(_("journalist's phone"), max_length=40, blank=True)
    question = models.TextField(_("question"), max_length=5000)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    administration = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("administration concerned"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.ForeignKey(
        PressTopic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    spokesperson = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("spokesperson assigned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    notified_spokesperson = models.ForeignKey(
        "organisation.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("journalist"), FieldPanel("outlet")]),
                FieldRowPanel([FieldPanel("journalist_email"), FieldPanel("journalist_phone")]),
            ],
            heading=_("From"),
        ),
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("received_at"), FieldPanel("deadline")]),
        # Plain selects: a chooser cannot show a posted value that is no id at all.
        FieldRowPanel(
            [
                FieldPanel("administration", widget=forms.Select),
                FieldPanel("topic", widget=forms.Select),
            ]
        ),
        FieldRowPanel([FieldPanel("spokesperson", widget=forms.Select), FieldPanel("status")]),
        FieldPanel("answer"),
        FieldPanel("answered_at"),
    ]

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("media inquiry")
        verbose_name_plural = _("media inquiries")
        indexes = [models.Index(fields=["received_at"], name="press_inquiry_received")]

    def __str__(self):
        return f"{self.outlet}: {self.question[:60]}"

    def save(self, *args, **kwargs):
        if self.status == InquiryStatus.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.deadline and self.received_at and self.deadline < self.received_at:
            errors["deadline"] = _("The deadline cannot be before the inquiry was received.")
        if self.status == InquiryStatus.ANSWERED and not self.answer.strip():
            errors["answer"] = _("Write the answer that was given before marking it answered.")
        if errors:
            raise ValidationError(errors)


from .pages import PressInvitationPage, PressReleasePage, PressRoomPage  # noqa: E402, F401
