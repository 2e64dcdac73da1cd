from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import DraftStateMixin, Page


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return capfirst(model._meta.verbose_name) if model else obj.model


def archived_content_types():
    """Page types and registers (models with drafts that are published)."""
    ids = [
        content_type.pk
        for content_type in ContentType.objects.all()
        if (model := content_type.model_class()) is not None
        and issubclass(model, (Page, DraftStateMixin))
        and not model._meta.abstract
        and model is not Page
    ]
    return ContentType.objects.filter(pk__in=ids)


class RetentionDecisionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["content_type"]
        self.fields["content_type"] = ContentTypeChoiceField(
            queryset=archived_content_types(),
            required=False,
            label=field.label,
            help_text=field.help_text,
        )
