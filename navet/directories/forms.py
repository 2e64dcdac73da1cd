from wagtail.admin.forms import WagtailAdminModelForm

from navet.editorial.forms import PublishingChecksFormMixin

from .permissions import units_editable_by


class DirectoryEntryForm(PublishingChecksFormMixin, WagtailAdminModelForm):
    """Checked against the publishing rules like a page's form (W3.4: the uniform format).
    An editor chooses only among their own administration's committees and services: an
    entry cannot be made someone else's to get round the permissions (W3.4)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        units = units_editable_by(for_user) if for_user is not None else None
        if units is None:
            return
        if "owning_unit" in self.fields:
            self.fields["owning_unit"].queryset = self.fields["owning_unit"].queryset.filter(
                pk__in=units
            )
        if "service" in self.fields:
            self.fields["service"].queryset = self.fields["service"].queryset.filter(
                owning_unit__in=units
            )
