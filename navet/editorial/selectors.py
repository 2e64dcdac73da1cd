import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role

from .rules import resolve_owning_unit

APPROVER_ROLES = (Role.EDITOR, Role.HEAD_EDITOR)
START_PAGE_DEPTH = 2


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


def start_page_of(page, *, parent=None):
    from navet.web.models import StartPage

    anchor = page if page.path else parent
    if anchor is None or not anchor.path:
        return None
    return StartPage.objects.filter(
        path=anchor.path[: StartPage.steplen * START_PAGE_DEPTH]
    ).first()


def is_intranet_page(page, *, parent=None) -> bool:
    start = start_page_of(page, parent=parent)
    return bool(start and start.is_intranet)


def is_infomaster_page(page) -> bool:
    """Start pages and news start pages belong to the infomaster (W3.7)."""
    from navet.web.models import NewsIndexPage, StartPage

    page = page.specific
    if isinstance(page, StartPage):
        return True
    return isinstance(page, NewsIndexPage) and page.depth == START_PAGE_DEPTH + 1


def nearest_holders(*, page, roles):
    """Holders of `roles` in the page's owning unit, or the nearest unit above that has any."""
    unit = resolve_owning_unit(page)
    for candidate in unit.ancestors() if unit else []:
        users = users_holding(roles=roles, unit=candidate)
        if users.exists():
            return users
    return get_user_model().objects.none()


def approvers_for(*, page):
    """W3.7: who approves an author's submission – the nearest authorised people."""
    page = page.specific
    if is_infomaster_page(page):
        return infomasters()
    approvers = nearest_holders(page=page, roles=APPROVER_ROLES)
    return approvers if approvers.exists() else infomasters()


def head_editors_for(*, page):
    return nearest_holders(page=page, roles=[Role.HEAD_EDITOR])


def _navet_page_models():
    from wagtail.models import get_page_models

    from navet.web.models import BasePage

    return [model for model in get_page_models() if issubclass(model, BasePage)]


def pages_with_review_dates():
    """All Navet pages with their review date and owning unit, across page types (one query:
    each page type's table is joined, the values coalesced)."""
    from wagtail.models import Page

    accessors = [model._meta.model_name for model in _navet_page_models()]
    return Page.objects.annotate(
        review_by=Coalesce(*(f"{name}__review_by" for name in accessors)),
        owning_unit_id=Coalesce(*(f"{name}__owning_unit" for name in accessors)),
    )


def overdue_pages(*, today=None, units=None):
    today = today or timezone.localdate()
    pages = pages_with_review_dates().filter(live=True, review_by__lt=today)
    if units is not None:
        pages = pages.filter(owning_unit_id__in=[unit.pk for unit in units])
    return pages.order_by("review_by", "title")


def news_for_start_page(*, start, window_days: int):
    """W3.3a: news under a start page, what is important for many first. Within the last
    `window_days`, news is ordered by priority and then date; older news follows by date."""
    from django.db.models import Case, IntegerField, Value, When

    from navet.web.models import NewsPage

    cutoff = timezone.localdate() - datetime.timedelta(days=window_days)
    news = NewsPage.objects.live().descendant_of(start)
    if not start.is_intranet:
        news = news.public()
    return news.annotate(
        rank=Case(
            When(Q(date__gte=cutoff), then="priority"),
            default=Value(99),
            output_field=IntegerField(),
        )
    ).order_by("rank", "-date", "-pk")
