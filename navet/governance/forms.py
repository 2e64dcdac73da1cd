from wagtail.admin.forms import WagtailAdminModelForm


class RegisterRequestForm(WagtailAdminModelForm):
    """A request is made for one's own part of the organisation: the unit list holds only
    those units, so a request cannot be placed where someone else decides."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # Imported here: the permissions read the models, which name this form.
        from .permissions import units_managed_by

        units = units_managed_by(for_user) if for_user is not None else None
        if units is not None and "owning_unit" in self.fields:
            field = self.fields["owning_unit"]
            field.queryset = field.queryset.filter(pk__in=units)
        if self.is_bound and "owning_unit" in self.fields:
            # The unit chooser shows the posted value by looking the unit up, which fails on
            # a value that is not an id (a hand-made request): the field then has no value,
            # and the form says so, rather than an error page.
            key = self.add_prefix("owning_unit")
            posted = self.data.get(key)
            if posted and not str(posted).isdigit():
                self.data = self.data.copy()
                self.data[key] = ""
