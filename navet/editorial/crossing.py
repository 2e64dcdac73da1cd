"""W3.2 and W3.7: the public website and the intranet are two sites of one page tree, and a
page never crosses between them by a move, a copy or an alias – that would publish intranet
content openly, without approval and without the rules. A copy into the other site may be
made, but only as an unpublished draft that then goes through the rules and approval like
any new page."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .selectors import site_root_of

MOVE_REFUSAL = _(
    "A page cannot be moved between the public website and the intranet (rules W3.2, "
    "W3.7). Copy it instead: the copy is a draft that must be approved."
)
ALIAS_REFUSAL = _(
    "An alias cannot show a page on the other site (rules W3.2, W3.7). Make a copy: it "
    "is a draft that must be approved."
)
COPY_AS_DRAFT = _(
    "The copy is on the other site, so it is an unpublished draft: it is published through "
    "the rules and approval like any new page (rules W3.2, W3.7)."
)


def crosses_sites(page, destination) -> bool:
    """Whether `page` placed below `destination` would be on another site."""
    here, there = site_root_of(page), site_root_of(destination)
    return here is None or there is None or here.pk != there.pk or destination.depth < 2


def refuse_cross_site_move(page, destination) -> None:
    """Every move, whatever starts it (the admin, a bulk action, code), passes here."""
    if crosses_sites(page, destination):
        raise PermissionDenied(str(MOVE_REFUSAL))


def posted_destination(request, field: str):
    """The destination page a form posts, or None."""
    value = request.POST.get(field, "")
    return Page.objects.filter(pk=int(value)).first() if value.isdigit() else None


def unpublish_copies(page) -> None:
    """Copies into the other site never start live, whichever way they were made."""
    for copy in [page, *page.get_descendants()]:
        if copy.live:
            copy.specific.unpublish(log_action="wagtail.unpublish")
