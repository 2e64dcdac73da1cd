"""The role catalogue of the web organisation (W3.7) and the communications function
(K2, K3), and what each role may do. Who holds a role is data; what a role grants is policy
and lives here, in one place."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


class Role(models.TextChoices):
    MUNICIPAL_DIRECTOR = "municipal_director", _("Municipal director")
    MANAGER = "manager", _("Manager")
    SYSTEM_OWNER_DELEGATE = "system_owner_delegate", _("System owner's delegate")
    STEERING_GROUP_MEMBER = "steering_group_member", _("Steering group member")
    INFOMASTER = "infomaster", _("Infomaster")
    WEBMASTER = "webmaster", _("Webmaster")
    STRATEGIC_MANAGEMENT_GROUP_MEMBER = (
        "strategic_management_group_member",
        _("Strategic management group member"),
    )
    HEAD_EDITOR = "head_editor", _("Head editor")
    EDITOR = "editor", _("Editor")
    AUTHOR = "author", _("Author")
    WEB_GROUP_MEMBER = "web_group_member", _("Web group member")
    COMMUNICATIONS_LEAD = "communications_lead", _("Communications lead")
    COMMUNICATOR = "communicator", _("Communicator")
    ON_CALL_COMMUNICATOR = "on_call_communicator", _("On-call communicator (KiB)")
    SPOKESPERSON = "spokesperson", _("Spokesperson")
    PRESS_CONTACT = "press_contact", _("Press contact")


ORGANISATION_MODELS = ("unit", "person", "roleassignment")
ORGANISATION_VIEW = tuple(f"organisation.view_{model}" for model in ORGANISATION_MODELS)
ORGANISATION_MANAGE = tuple(
    f"organisation.{action}_{model}"
    for model in ORGANISATION_MODELS
    for action in ("add", "change", "delete", "view")
)
# Sign-in (identities.py): mapping claims to roles hands out roles, so it is for those who
# manage role assignments; identities are made at sign-in only, never added by hand.
SIGN_IN_MANAGE = (
    *(f"organisation.{action}_claimrolemapping" for action in ("add", "change", "delete", "view")),
    *(f"organisation.{action}_provideridentity" for action in ("change", "view")),
)


@dataclass(frozen=True)
class RoleGrant:
    """What holding a role grants.

    `section_page_permissions` apply to the sections (public and intranet) owned by the
    assignment's unit, or by its nearest ancestor that owns sections. `site_page_permissions`
    apply to every site's start page and so to all content. Model permissions are given
    as "app_label.codename".
    """

    section_page_permissions: tuple[str, ...] = ()
    site_page_permissions: tuple[str, ...] = ()
    section_collection_permissions: tuple[str, ...] = ()
    site_collection_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = ()

    @property
    def is_unit_scoped(self) -> bool:
        return bool(self.section_page_permissions or self.section_collection_permissions)


# Every role opens the admin and shows the organisation (who approves, who to ask).
BASE_PERMISSIONS = ("wagtailadmin.access_admin", *ORGANISATION_VIEW)

MEDIA_USE = ("add_image", "choose_image", "add_document", "choose_document")
MEDIA_EDIT = (*MEDIA_USE, "change_image", "change_document")
MEDIA_MANAGE = (*MEDIA_EDIT, "delete_image", "delete_document")
ALL_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")

ROLE_GRANTS: dict[str, RoleGrant] = {
    # Authors write in their own unit's sections but publish only through approval.
    Role.AUTHOR: RoleGrant(
        section_page_permissions=("add", "change"),
        section_collection_permissions=MEDIA_USE,
    ),
    Role.EDITOR: RoleGrant(
        section_page_permissions=("add", "change", "publish", "lock"),
        section_collection_permissions=MEDIA_EDIT,
    ),
    # Head editors also approve and manage structure (move, delete with children).
    Role.HEAD_EDITOR: RoleGrant(
        section_page_permissions=ALL_PAGE_PERMISSIONS,
        section_collection_permissions=MEDIA_MANAGE,
    ),
    # The infomaster owns start pages, news start pages, political and overarching pages,
    # and (K2, Planerad kommunikation) editor permissions.
    Role.INFOMASTER: RoleGrant(
        site_page_permissions=ALL_PAGE_PERMISSIONS,
        site_collection_permissions=MEDIA_MANAGE,
        model_permissions=(
            *ORGANISATION_MANAGE,
            *SIGN_IN_MANAGE,
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "editorial.change_editorialsettings",
            # Sign-in lock-outs: see them and lift them (Settings → Sign-in lock-outs).
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            *(
                f"language.{action}_{model}"
                for model in ("jargonterm", "ruleseverity")
                for action in ("add", "change", "delete", "view")
            ),
        ),
    ),
    # Technical administration; content only through an editor role as well.
    Role.WEBMASTER: RoleGrant(
        model_permissions=(
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.delete_site",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.delete_collection",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "web.change_siteidentity",
            "auth.add_user",
            "auth.change_user",
        ),
    ),
    # The delegate answers for governance: the organisation and its decisions.
    Role.SYSTEM_OWNER_DELEGATE: RoleGrant(
        model_permissions=(*ORGANISATION_MANAGE, *SIGN_IN_MANAGE)
    ),
}


def grant_for(role: str) -> RoleGrant:
    return ROLE_GRANTS.get(role, RoleGrant())


# Higher apps give roles the model permissions of their own models through this Wagtail hook:
# a function returning {role: ("app_label.codename", ...)}.
ROLE_PERMISSIONS_HOOK = "navet_role_model_permissions"


def permission_codes(app_label: str, actions, models) -> tuple[str, ...]:
    """ "app_label.action_model" for every action on every model."""
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


@dataclass(frozen=True)
class UnitPagesGrant:
    """Page permissions a higher app gives a role on pages of its own types: `pages(unit)`
    names the pages the holders in `unit` may act on (e.g. the press rooms that unit runs).
    The holders also use the media of their unit's collections."""

    pages: Callable
    page_permissions: tuple[str, ...]
    collection_permissions: tuple[str, ...] = MEDIA_USE


# Higher apps give roles page permissions on their own pages through this Wagtail hook: a
# function returning {role: UnitPagesGrant}. The grant follows the pages at every sync, so a
# page that changes hands changes who may edit it.
ROLE_PAGES_HOOK = "navet_role_unit_pages"


def unit_pages_grants_for(role: str) -> list[UnitPagesGrant]:
    return [grant for hook in hooks.get_hooks(ROLE_PAGES_HOOK) if (grant := hook().get(role))]


def model_permissions_for(role: str) -> tuple[str, ...]:
    """The model permissions a role carries: its grant's and those other apps add."""
    added = [
        permission
        for hook in hooks.get_hooks(ROLE_PERMISSIONS_HOOK)
        for permission in hook().get(role, ())
    ]
    return (*grant_for(role).model_permissions, *added)
