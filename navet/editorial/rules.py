"""The publishing rules of the web guidelines, as checks that say which rule is broken.

Used by the page forms (a friendly error on the field) and by the publish guard (nothing can
go live around them: not scheduled publishing, not approval, not code)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .checks import Problem


def resolve_owning_unit(page, *, parent=None):
    """The page's own owning unit or that of the nearest page above it (W3.3d). The one
    place where a page's sender is inherited."""
    if getattr(page, "owning_unit_id", None):
        return page.owning_unit
    if parent is not None:
        ancestors = [parent.specific, *parent.get_ancestors().reverse().specific()]
    elif page.path and page.depth and page.depth > 1:
        ancestors = page.get_ancestors().reverse().specific()
    else:
        return None
    for ancestor in ancestors:
        if getattr(ancestor, "owning_unit_id", None):
            return ancestor.owning_unit
    return None


def sender_problems(page, *, parent=None) -> list[Problem]:
    """W3.3d: a clear sender – a responsible unit and a way to contact it."""
    unit = resolve_owning_unit(page, parent=parent)
    if unit is None:
        return [
            Problem(
                "W3.3d",
                "owning_unit",
                _("The page needs a sender: choose the unit responsible for it."),
            )
        ]
    contact = getattr(page, "contact", None)
    if contact is None and not (unit.email or unit.phone):
        return [
            Problem(
                "W3.3d",
                "contact",
                _(
                    "The page needs a contact: choose a contact person, or give %(unit)s an "
                    "email address or phone number."
                )
                % {"unit": unit.name},
            )
        ]
    return []


def ingress_problems(page, *, max_length: int) -> list[Problem]:
    """W3.3c: every news item has a short ingress that states the essential."""
    ingress = (getattr(page, "ingress", "") or "").strip()
    if not ingress:
        return [
            Problem(
                "W3.3c",
                "ingress",
                _("A news item must have an ingress before it can be published."),
            )
        ]
    if len(ingress) > max_length:
        return [
            Problem(
                "W3.3c",
                "ingress",
                _("The ingress is %(length)d characters; at most %(max)d are allowed.")
                % {"length": len(ingress), "max": max_length},
            )
        ]
    return []


def original_live_by(original, moment: datetime.datetime) -> bool:
    """Whether the intranet version is live at `moment`: live now, or approved to go live
    by then."""
    if original.live and not (original.go_live_at and original.go_live_at > timezone.now()):
        return True
    scheduled = (
        original.revisions.filter(approved_go_live_at__isnull=False)
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    return scheduled is not None and scheduled <= moment


def internal_first_problems(page, *, is_intranet: bool) -> list[Problem]:
    """W3.3b: news for both internal and external readers is live on the intranet first."""
    problems = []
    if getattr(page, "also_public", False) and not is_intranet:
        problems.append(
            Problem(
                "W3.3b",
                "also_public",
                _(
                    "News for both internal and external readers is written on the intranet; "
                    "the public version follows it."
                ),
            )
        )
    original = getattr(page, "internal_original", None)
    if original is not None:
        moment = page.go_live_at if page.go_live_at and page.go_live_at > timezone.now() else None
        if not original_live_by(original, moment or timezone.now()):
            problems.append(
                Problem(
                    "W3.3b",
                    "go_live_at" if moment else None,
                    _(
                        "This news item concerns internal readers too: it cannot go live on the "
                        "public website before the intranet version (“%(title)s”) is live."
                    )
                    % {"title": original.title},
                )
            )
    return problems
