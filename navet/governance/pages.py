"""Kommunens officiella konton (W4.3): the approved accounts, so that a resident can check
that an account speaking for the municipality is real; also as JSON."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from navet.language.panels import LanguageReviewPanel
from navet.web.models import BasePage, IntroPage, allow_in_sections


class OfficialAccountsPage(RoutablePageMixin, IntroPage):
    content_panels = [*Page.content_panels, FieldPanel("intro"), LanguageReviewPanel()]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = []
    template = "governance/official_accounts_page.html"

    class Meta:
        verbose_name = _("official accounts")
        verbose_name_plural = _("official accounts pages")


allow_in_sections("governance.OfficialAccountsPage")
