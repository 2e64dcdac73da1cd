"""The public pages of the directories: a page that lists the services residents choose a
provider for, with a page per service, per provider and a comparison (W3.4); and a page that
lists the associations the municipality supports (W3.5). Both are routable pages whose
routes show the live entries."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from navet.language.panels import LanguageReviewPanel
from navet.web.models import BasePage, IntroPage, allow_in_sections


class ServiceDirectoryPage(RoutablePageMixin, IntroPage):
    content_panels = [*Page.content_panels, FieldPanel("intro"), LanguageReviewPanel()]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = []
    template = "directories/service_directory_page.html"

    class Meta:
        verbose_name = _("service directory")
        verbose_name_plural = _("service directories")


class AssociationDirectoryPage(RoutablePageMixin, IntroPage):
    content_panels = [*Page.content_panels, FieldPanel("intro"), LanguageReviewPanel()]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = []
    template = "directories/association_directory_page.html"

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")


allow_in_sections("directories.ServiceDirectoryPage", "directories.AssociationDirectoryPage")
