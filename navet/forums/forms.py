from django import forms
from django.utils.translation import gettext_lazy as _

from navet.organisation.models import Person, Unit

from .models import ExtraMemberKind, MeetingKind, MinutesAudience


class ProposeItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=3000, required=False, widget=forms.Textarea
    )


class ScheduleMeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)


class SeriesForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))


class ExtraMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.all())
    kind = forms.ChoiceField(label=_("As"), choices=ExtraMemberKind.choices)
    expertise = forms.CharField(label=_("Area"), max_length=120, required=False)


class CompetitiveForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("May give a competitive advantage to"),
        queryset=Unit.objects.all(),
        required=False,
    )


class PaperForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"))


class PublishMinutesForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Publish to"), choices=MinutesAudience.choices, widget=forms.RadioSelect
    )


class SubstituteConsentForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Person.objects.none())
    substitute = forms.ModelChoiceField(label=_("Substitute"), queryset=Person.objects.all())
    question = forms.CharField(label=_("For the question"), max_length=200)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Person.objects.filter(pk__in=[p.pk for p in members])


class PrioritiseForm(forms.Form):
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=99)
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)
