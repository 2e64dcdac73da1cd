"""The admin form of a function mailbox: its decided process must stay usable (K4)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class FunctionMailboxForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        statuses = self.formsets.get("statuses")
        if statuses is None or not statuses.is_valid():
            return cleaned
        kept = [
            form.cleaned_data
            for form in statuses.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(not status.get("closes_case") for status in kept):
            raise ValidationError(_("The process needs at least one open status for new cases."))
        if not any(status.get("closes_case") for status in kept):
            raise ValidationError(_("The process needs at least one status that closes a case."))
        in_use = [
            form.instance.name
            for form in statuses.deleted_forms
            if form.instance.pk and form.instance.cases.exists()
        ]
        if in_use:
            raise ValidationError(
                _("A status that cases have cannot be removed: %(names)s. Rename it instead.")
                % {"names": ", ".join(in_use)}
            )
        return cleaned
