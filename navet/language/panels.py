from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class LanguageReviewPanel(Panel):
    """Shows the plain-language and accessibility findings for the draft being edited."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Language review (W3.3e)"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "language/panels/review.html"

        def get_context_data(self, parent_context=None):
            from .services import review_page

            context = super().get_context_data(parent_context)
            context["review"] = review_page(self.instance) if self.instance.pk else None
            return context
