"""Papers are documents; Wagtail serves them. Before it does, the forum's rules apply to the
document itself, not only to the lists that link it."""

from django.core.exceptions import PermissionDenied

from . import membership
from .models import Paper


def refuse_withheld_papers(document, request):
    """A paper is for its forum's members; the head editor an item could give a competitive
    advantage (W3.7) does not get that item's papers, by any address."""
    papers = list(Paper.objects.filter(document=document).select_related("item__meeting__forum"))
    if not papers or request.user.is_superuser:
        return None
    person = membership.person_of(request.user)
    for paper in papers:
        if membership.excluded_from_item(paper.item, person):
            raise PermissionDenied
    if not any(membership.is_member(paper.item.meeting.forum, person) for paper in papers):
        raise PermissionDenied
    return None
