"""The web organisation as data: units in a tree, people, and who holds which role where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.search import index

from .roles import Role


class UnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    EXECUTIVE_BOARD = "executive_board", _("Executive board (system owner)")
    COMMITTEE = "committee", _("Committee")
    ADMINISTRATION = "administration", _("Administration")
    STAFF = "staff", _("Staff")
    UNIT = "unit", _("Unit")
    COMPANY = "company", _("Municipal company")


class Unit(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("Used where space is short, e.g. 'Utbildning'."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    public_section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section on the public website"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Authors, editors and head editors of this unit work in this section."),
    )
    intranet_section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section on the intranet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection for the public website"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intranet_collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection for the intranet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "A unit's roles apply to its sections. A unit without sections uses "
                        "those of the nearest unit above it."
                    )
                ),
                FieldPanel("public_section"),
                FieldPanel("intranet_section"),
                FieldPanel("public_collection"),
                FieldPanel("intranet_collection"),
            ],
            heading=_("Sections and media"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("A unit cannot be part of itself or of one of its own units.")}
                )
            ancestor = ancestor.parent

    def ancestors(self, *, include_self: bool = True) -> list["Unit"]:
        """This unit and the units above it, nearest first."""
        chain = [self] if include_self else []
        seen = {self.pk}
        unit = self.parent
        while unit is not None and unit.pk not in seen:
            chain.append(unit)
            seen.add(unit.pk)
            unit = unit.parent
        return chain

    def descendants(self) -> list["Unit"]:
        found, frontier = [], [self]
        while frontier:
            children = list(Unit.objects.filter(parent__in=frontier))
            found.extend(children)
            frontier = children
        return found

    def section_owner(self) -> "Unit | None":
        """The nearest unit, this one or above, that owns a section or a collection."""
        for unit in self.ancestors():
            if (
                unit.public_section_id
                or unit.intranet_section_id
                or unit.public_collection_id
                or unit.intranet_collection_id
            ):
                return unit
        return None


class Person(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("works in"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("title"),
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, *, on=None):
        day = on or timezone.localdate()
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class RoleAssignment(models.Model):
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text=_("Where the role is held, e.g. the administration a head editor works for."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an assignment until further notice. Inclusive."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["unit__name", "role", "person__last_name"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.unit}"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("An assignment cannot end before it starts.")})

    def is_active(self, *, on=None) -> bool:
        day = on or timezone.localdate()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class ManagedGroup(models.Model):
    """Marks a Django group as generated from role assignments. Nobody edits these by hand:
    `services.sync_role_groups` creates, updates and removes them."""

    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="navet_managed"
    )
    role = models.CharField(max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="managed_groups"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "unit"], name="one_group_per_role_and_unit"),
            models.UniqueConstraint(
                fields=["role"], condition=Q(unit__isnull=True), name="one_site_wide_group_per_role"
            ),
        ]

    def __str__(self):
        return self.group.name


# Sign-in with the municipality's identity provider (OpenID Connect, oidc.py): who a person
# is there, which claims an administrator has mapped to role assignments, and the sessions
# of each account (so that a leaver can be signed out whatever the session store).


class ProviderIdentity(models.Model):
    """A person as the identity provider knows them: its issuer and the stable identifier
    it gives them (`sub`, or the claim NAVET_OIDC_SUBJECT_CLAIM names). Never the email
    address, which can change or be reused."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="provider_identities",
        help_text=_(
            "Point the identity at another person to let them sign in as that person, e.g. "
            "when a person who already had roles signs in for the first time."
        ),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("identifier at the provider"), max_length=255)
    first_signed_in = models.DateTimeField(_("first signed in"), default=timezone.now)
    last_signed_in = models.DateTimeField(_("last signed in"), default=timezone.now)
    left_at = models.DateTimeField(
        _("left"),
        null=True,
        blank=True,
        help_text=_("When the daily check found the account disabled or removed."),
    )
    left_reason = models.CharField(_("reason for leaving"), max_length=255, blank=True)

    panels = [FieldPanel("person")]

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_identity_per_subject")
        ]

    def __str__(self):
        return f"{self.person} ({self.subject})"


class ClaimRoleMapping(models.Model):
    """An administrator's decision that whoever signs in with `claim` = `value` (or with
    `value` among the claim's values) holds `role` in `unit`. The only way a claim from the
    identity provider gives rights; an assignment made from it ends when the claim goes."""

    claim = models.CharField(
        _("claim"),
        max_length=100,
        default="groups",
        help_text=_("The name of the claim from the identity provider, e.g. groups or roles."),
    )
    value = models.CharField(
        _("value"),
        max_length=255,
        help_text=_("The claim's value, or one of its values, e.g. a group's identifier."),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="claim_role_mappings",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("claim"), FieldPanel("value")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("unit")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["claim", "value"]
        verbose_name = _("claim mapped to a role")
        verbose_name_plural = _("claims mapped to roles")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "value", "role", "unit"], name="one_mapping_per_claim_and_role"
            )
        ]

    def __str__(self):
        return f"{self.claim} = {self.value} → {self.get_role_display()}, {self.unit}"

    def matches(self, claims: dict) -> bool:
        found = claims.get(self.claim)
        if isinstance(found, list | tuple):
            return self.value in (str(item) for item in found)
        return found is not None and str(found) == self.value


class MappedRoleAssignment(models.Model):
    """Marks a role assignment as made from a claim mapping at sign-in."""

    assignment = models.OneToOneField(
        RoleAssignment, on_delete=models.CASCADE, related_name="claim_mapping"
    )
    mapping = models.ForeignKey(
        ClaimRoleMapping, null=True, on_delete=models.SET_NULL, related_name="assignments"
    )


class AccountSession(models.Model):
    """A session an account signed in to. Kept so that a leaver's sessions can be deleted
    with the session store's own API, which works for database and cache sessions alike."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="navet_sessions"
    )
    session_key = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
