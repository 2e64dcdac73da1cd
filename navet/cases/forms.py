"""Forms of the cases: the employee's request on the intranet and the staff's work on a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.organisation.models import Unit

from .models import CaseStatus, FunctionMailbox

MAX_TEXT = 20000


class CaseRequestForm(forms.Form):
    """K4: an administration asks the communications staff for support."""

    mailbox = forms.ModelChoiceField(
        label=_("What do you need help with?"),
        queryset=FunctionMailbox.objects.filter(open_to_intranet=True),
        empty_label=_("Choose a function mailbox"),
        error_messages={
            "required": _("Choose the function mailbox your request is for."),
            "invalid_choice": _("Choose one of the function mailboxes in the list."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Your administration or unit"),
        queryset=Unit.objects.all(),
        error_messages={
            "required": _("Choose the administration or unit the request comes from."),
            "invalid_choice": _("Choose one of the units in the list."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={
            "required": _("Write a short subject."),
            "max_length": _("The subject may be at most %(limit_value)d characters."),
        },
    )
    description = forms.CharField(
        label=_("Describe what you need"),
        help_text=_("What it is about, by when you need it and who else is concerned."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Describe what you need help with."),
            "max_length": _("The description may be at most %(limit_value)d characters."),
        },
    )

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError(_("Write a short subject."))
        return subject

    def clean_description(self):
        return self.cleaned_data["description"].strip()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Answer"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Write the answer before sending it."),
            "max_length": _("The answer may be at most %(limit_value)d characters."),
        },
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write the answer before sending it."))
        return body


class StatusForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("Status"),
        queryset=CaseStatus.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the statuses of the process.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = case.mailbox.statuses.order_by("sort_order", "pk")
        self.fields["status"].initial = case.status_id
