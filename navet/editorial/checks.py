"""The registry of publishing checks. Every publish and every submission for approval asks
each check registered with the Wagtail hook `navet_publishing_checks` why the page may not
go live; editorial registers its own rules, other apps (the language review) theirs, each
from its own wagtail_hooks.py.

A check is called as `check(page, parent=..., publishing=...)` and returns an iterable of
`(rule, field, message)`: the rule id (W3.3c …), the form field concerned or None, and the
reason in the editor's language. `publishing` is False for a submission: a check may then
leave out what the workflow itself holds the page for."""

from typing import NamedTuple

from django.utils.translation import gettext as _
from wagtail import hooks

HOOK = "navet_publishing_checks"


class Problem(NamedTuple):
    rule: str
    field: str | None
    message: str

    def __str__(self):
        return _("%(message)s (rule %(rule)s)") % {"message": self.message, "rule": self.rule}


def publishing_problems(page, *, parent=None, publishing: bool = True) -> list[Problem]:
    """Why `page` (a draft as it would go live) may not be published."""
    return [
        Problem(*problem)
        for check in hooks.get_hooks(HOOK)
        for problem in check(page, parent=parent, publishing=publishing)
    ]
