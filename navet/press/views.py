"""Media relations in the admin (Mediarelationer): inquiries, topics, subscribers, their
consents and the deliveries of releases; and the monthly summary of inquiries."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from navet.organisation.snippet_views import ScopedSnippetViewSet

from . import inquiries
from .models import Consent, Delivery, MediaInquiry, PressTopic, Subscriber
from .permissions import inquiries_visible_to


class InquiryCreateView(snippets.CreateView):
    def save_instance(self):
        self.form.instance.logged_by = self.request.user
        return super().save_instance()


class MediaInquiryViewSet(ScopedSnippetViewSet):
    model = MediaInquiry
    add_view_class = InquiryCreateView
    icon = "help"
    menu_label = _("Media inquiries")
    listed_for = ["view"]
    list_display = [
        "outlet",
        "journalist",
        "administration",
        "spokesperson",
        "status",
        DateColumn("deadline"),
        DateColumn("received_at"),
    ]
    list_filter = ["status", "administration", "topic"]
    search_fields = ["journalist", "outlet", "question", "answer"]


class PressTopicViewSet(SnippetViewSet):
    model = PressTopic
    icon = "tag"
    menu_label = _("Press topics")


class ReadOnlyListingViewSet(ScopedSnippetViewSet):
    listed_for = ["view"]


class SubscriberViewSet(ReadOnlyListingViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "all_releases", DateColumn("confirmed_at"), "unsubscribed_at"]
    list_filter = ["all_releases", "topics"]
    search_fields = ["email"]


class ConsentViewSet(ReadOnlyListingViewSet):
    model = Consent
    icon = "doc-full"
    menu_label = _("Consents")
    list_display = ["email", "requested_at", "confirmed_at", "source_url"]
    search_fields = ["email"]


class DeliveryViewSet(ReadOnlyListingViewSet):
    model = Delivery
    icon = "mail"
    menu_label = _("Deliveries")
    list_display = [
        "distribution",
        "subscriber",
        "status",
        "attempts",
        Column("last_error", label=_("last error")),
        "sent_at",
    ]
    list_filter = ["status"]


class PressViewSetGroup(SnippetViewSetGroup):
    items = (
        MediaInquiryViewSet,
        PressTopicViewSet,
        SubscriberViewSet,
        ConsentViewSet,
        DeliveryViewSet,
    )
    menu_icon = "mail"
    menu_label = _("Media relations")
    menu_name = "press"
    menu_order = 270


class InquirySummaryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """K2: the media inquiries of a month per administration and topic, also as CSV – only
    the inquiries the user may see."""

    page_title = _("Media inquiries per month")
    header_icon = "help"
    template_name = "press/admin/inquiry_summary.html"
    permission_required = "view"

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(MediaInquiry)

    def get(self, request, *args, **kwargs):
        month = inquiries.parse_month(request.GET.get("manad"))
        rows = inquiries.monthly_summary(month=month, inquiries=inquiries_visible_to(request.user))
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                inquiries.summary_csv(rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = (
                f'attachment; filename="medieforfragningar-{month:%Y-%m}.csv"'
            )
            return response
        return self.render_to_response(
            self.get_context_data(rows=rows, month=month, month_value=f"{month:%Y-%m}")
        )
