"""Forms of the approval chains' actions. Wagtail's workflow forms need the page model, so
this module is imported when an action asks for it, not with the models."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


class ReasonRequiredForm(TaskStateCommentForm):
    """A refusal states its reason (W4.3): the requester and the decision log get it."""

    comment = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why the request is refused.")},
    )
