from django.contrib.auth import get_user_model
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, get_page_models

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role

from .models import EditorialPageMixin
from .rules import resolve_owning_unit

APPROVER_ROLES = (Role.EDITOR, Role.HEAD_EDITOR)
SITE_ROOT_DEPTH = 2


def users_holding(*, roles, unit=None):
    """Active accounts with an active assignment of one of `roles` (in `unit`, if given)."""
    assignments = RoleAssignment.objects.active().filter(role__in=roles)
    if unit is not None:
        assignments = assignments.filter(unit=unit)
    return (
        get_user_model()
        .objects.filter(is_active=True, person__role_assignments__in=assignments)
        .distinct()
        .order_by("username")
    )


def infomasters():
    return users_holding(roles=[Role.INFOMASTER])


def site_root_of(page, *, parent=None):
    """The start page of the site the page is on (or will be, below `parent`)."""
    anchor = page if page.path else parent
    if anchor is None or not anchor.path:
        return None
    root = Page.objects.filter(path=anchor.path[: Page.steplen * SITE_ROOT_DEPTH]).first()
    return root.specific if root else None


def is_intranet_page(page, *, parent=None) -> bool:
    """Whether the page is on the intranet: its start page says so (`is_intranet`)."""
    return bool(getattr(site_root_of(page, parent=parent), "is_intranet", False))


def nearest_holders(*, page, roles):
    """Holders of `roles` in the page's owning unit, or the nearest unit above that has any."""
    unit = resolve_owning_unit(page)
    for candidate in unit.ancestors() if unit else []:
        users = users_holding(roles=roles, unit=candidate)
        if users.exists():
            return users
    return get_user_model().objects.none()


def approvers_for(*, page):
    """W3.7: who approves an author's submission – the nearest authorised people. `page` may
    also be a directory entry, which names its own unit."""
    page = getattr(page, "specific", page)
    if getattr(page, "needs_infomaster_approval", False):
        return infomasters()
    approvers = nearest_holders(page=page, roles=APPROVER_ROLES)
    return approvers if approvers.exists() else infomasters()


def head_editors_for(*, page):
    return nearest_holders(page=page, roles=[Role.HEAD_EDITOR])


def _reviewed_page_models():
    return [model for model in get_page_models() if issubclass(model, EditorialPageMixin)]


def pages_with_review_dates():
    """All Navet pages with their review date and owning unit, across page types (one query:
    each page type's table is joined, the values coalesced)."""
    accessors = [model._meta.model_name for model in _reviewed_page_models()]
    return Page.objects.annotate(
        review_by=Coalesce(*(f"{name}__review_by" for name in accessors)),
        owning_unit_id=Coalesce(*(f"{name}__owning_unit" for name in accessors)),
    )


# Other apps' models with a review date (directory entries) are listed by functions registered
# with this Wagtail hook: `() -> [model, ...]`; each has `live`, `review_by` and an owning unit.
REVIEWED_MODELS_HOOK = "navet_reviewed_models"


def overdue_entries(*, today=None) -> list:
    """Live objects other than pages whose review date has passed."""
    today = today or timezone.localdate()
    return [
        entry
        for hook in hooks.get_hooks(REVIEWED_MODELS_HOOK)
        for model in hook()
        for entry in model.objects.filter(live=True, review_by__lt=today).order_by("review_by")
    ]


def overdue_pages(*, today=None, units=None):
    today = today or timezone.localdate()
    pages = pages_with_review_dates().filter(live=True, review_by__lt=today)
    if units is not None:
        pages = pages.filter(owning_unit_id__in=[unit.pk for unit in units])
    return pages.order_by("review_by", "title")
