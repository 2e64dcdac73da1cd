"""The filter of a service's providers on its public page (W3.4): plain GET parameters, so
it works without JavaScript and every choice is a link one can share. Only the areas,
languages, profiles and kinds of operator the live providers have are offered; any other
value – an old bookmark, a hostile query string – is left out, never looked up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Operator


class ProviderFilterForm(forms.Form):
    omrade = forms.ChoiceField(label=_("Area"), required=False)
    sprak = forms.ChoiceField(label=_("Language spoken"), required=False)
    profil = forms.ChoiceField(label=_("Profile"), required=False)
    regi = forms.MultipleChoiceField(
        label=_("Operated by"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data, *, options: dict):
        super().__init__(data)
        self.fields["omrade"].choices = [
            ("", _("All areas")),
            *((area.slug, area.name) for area in options["areas"]),
        ]
        self.fields["sprak"].choices = [
            ("", _("All languages")),
            *((language.code, language.name) for language in options["languages"]),
        ]
        self.fields["profil"].choices = [
            ("", _("All profiles")),
            *((profile.slug, profile.name) for profile in options["profiles"]),
        ]
        labels = dict(Operator.choices)
        self.fields["regi"].choices = [(value, labels[value]) for value in options["operators"]]
        self.has_profiles = bool(options["profiles"])

    def criteria(self) -> dict:
        """The valid choices, as keyword arguments of `selectors.filtered_providers`."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "area": cleaned.get("omrade", ""),
            "language": cleaned.get("sprak", ""),
            "profile": cleaned.get("profil", ""),
            "operators": list(cleaned.get("regi", [])),
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.criteria().values())

    @property
    def left_out_choices(self) -> bool:
        """Some asked-for value is not among the choices and was left out."""
        return bool(self.errors)
