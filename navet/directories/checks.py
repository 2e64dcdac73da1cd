"""W3.4, W3.5: every entry is published in the one uniform format, or not at all. Each entry
type names its required fields (`required_for_publishing`); "email|phone" means one of them.
Registered with editorial's publishing checks, so no path publishes around it."""

from django.db import models
from django.utils.translation import gettext as _

from .models import Association, DirectoryEntry

RULE_FOR = {Association: "W3.5"}


def _filled(entry, field_name: str) -> bool:
    field = entry._meta.get_field(field_name)
    value = getattr(entry, field_name)
    if field.many_to_many or field.one_to_many:
        return value.exists() if hasattr(value, "exists") else bool(list(value.all()))
    if isinstance(field, models.ForeignKey):
        return getattr(entry, field.attname) is not None
    return bool(str(value).strip()) if value is not None else False


def _label(entry, field_name: str) -> str:
    field = entry._meta.get_field(field_name)
    return str(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name)


def uniform_format_problems(entry, *, parent=None, publishing=True) -> list[tuple]:
    if not isinstance(entry, DirectoryEntry):
        return []
    rule = RULE_FOR.get(type(entry), "W3.4")
    problems = []
    for requirement in entry.required_for_publishing:
        alternatives = requirement.split("|")
        if any(_filled(entry, name) for name in alternatives):
            continue
        labels = [_label(entry, name) for name in alternatives]
        message = (
            _("Fill in %(field)s: every entry in the directory shows it.") % {"field": labels[0]}
            if len(labels) == 1
            else _("Fill in %(first)s or %(second)s: every entry in the directory shows one.")
            % {"first": labels[0], "second": labels[1]}
        )
        problems.append((rule, alternatives[0], message))
    return problems
