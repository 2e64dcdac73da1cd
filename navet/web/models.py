"""Page types shared by the public website and the intranet."""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from navet.editorial.forms import EditorialPageForm
from navet.language.panels import LanguageReviewPanel

from .blocks import BodyBlock


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value: str) -> None:
    """WCAG 1.4.3: white text on the brand colour needs a contrast of at least 4.5:1."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError(_("Write the colour as # and six hex digits, e.g. #00508c."))
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _("White text on %(colour)s has a contrast of %(ratio)s:1; at least 4.5:1 is needed.")
            % {"colour": value, "ratio": f"{ratio:.1f}".replace(".", ",")}
        )


class Priority(models.IntegerChoices):
    """W3.3a: what is important for many is prioritised."""

    IMPORTANT_FOR_MANY = 1, _("Important for many")
    NORMAL = 2, _("Normal")
    LOW = 3, _("Low")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public website")
    INTRANET = "intranet", _("Intranet (requires login)")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who the site speaks for, shown in its header and footer."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=120, default="Linköpings kommun"
    )
    site_label = models.CharField(
        _("site label"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to the name, e.g. 'Intranät'."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header beside the name; its alt text is the organisation name."),
    )
    own_domains = models.CharField(
        _("the municipality's own domains"),
        max_length=255,
        blank=True,
        help_text=_(
            "Comma separated, e.g. 'linkoping.se'. Links to other domains are marked as "
            "external (W3.6). The sites' own host names always count."
        ),
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[validate_brand_colour],
        help_text=_("Header and link colour, e.g. #00508c. Must contrast with white text."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("site_label"),
        FieldPanel("logo"),
        FieldPanel("brand_colour"),
        FieldPanel("own_domains"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("postal_address"),
    ]

    class Meta:
        verbose_name = _("site identity")


class SenderMixin(models.Model):
    """Every page has a clear sender (W3.3d): the unit that answers for it and a contact.
    The owning unit is inherited from the page above when left empty."""

    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owning unit (sender)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the unit that owns the section."),
    )
    contact = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to show the unit's own contact details."),
    )

    sender_panels = [
        MultiFieldPanel(
            [FieldPanel("owning_unit"), FieldPanel("contact")],
            heading=_("Sender (W3.3d)"),
        )
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.inherit_owning_unit()
        return super().save(*args, **kwargs)

    def inherit_owning_unit(self) -> None:
        if self.owning_unit_id is not None or self.depth is None or self.depth <= 1:
            return
        for ancestor in self.get_ancestors().specific().order_by("-depth"):
            unit_id = getattr(ancestor, "owning_unit_id", None)
            if unit_id is not None:
                self.owning_unit_id = unit_id
                return

    @cached_property
    def sender(self) -> dict:
        unit = self.owning_unit
        person = self.contact
        return {
            "unit": unit,
            "name": person.full_name if person else None,
            "title": person.title if person else "",
            "email": (person.email if person and person.email else unit.email if unit else ""),
            "phone": (person.phone if person and person.phone else unit.phone if unit else ""),
        }


class BasePage(SenderMixin, Page):
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "When the page must be checked again (W3.3d). Set on publishing if empty or passed."
        ),
    )

    base_form_class = EditorialPageForm
    editorial_panels = [*SenderMixin.sender_panels, FieldPanel("review_by")]
    search_fields = [*Page.search_fields, index.SearchField("search_stems")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fragments of this page are cached per page (and page of a listing) until the next
        # publish; see navet.web.fragments.
        listing_page = request.GET.get("sida", "")[:6]
        context["fragment_key"] = f"{self.pk}-{listing_page}"
        request.navet_page = self
        return context

    def search_text(self) -> str:
        """The text a reader searches in: title, introduction or ingress, body."""
        parts = [self.title, getattr(self, "intro", ""), getattr(self, "ingress", "")]
        body = getattr(self, "body", None)
        if body:
            parts += body.stream_block.get_searchable_content(body)
        return " ".join(str(part) for part in parts if part)

    def search_stems(self) -> str:
        from .search import stems

        return stems(self.search_text())

    def publish(self, revision, user=None, **kwargs):
        """Every publish – now, scheduled, after approval – passes the publishing rules."""
        from navet.editorial.services import publish_guarded

        return publish_guarded(
            page=self, revision=revision, user=user, publish=super().publish, **kwargs
        )


class IntroPage(BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A short description shown first and in lists and search results."),
    )

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class StartPage(IntroPage):
    audience = models.CharField(
        _("site"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    top_news = models.ForeignKey(
        "web.NewsPage",
        verbose_name=_("top news"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first and largest on the start page. Chosen by the infomaster (W3.3a)."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("top_news"),
        FieldPanel("body"),
        LanguageReviewPanel(),
    ]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "web.SectionPage",
        "web.ContentPage",
        "web.NewsIndexPage",
        "web.AccessibilityStatementPage",
    ]
    template = "web/start_page.html"

    class Meta:
        verbose_name = _("start page")
        verbose_name_plural = _("start pages")

    @property
    def is_intranet(self) -> bool:
        return self.audience == Audience.INTRANET

    @classmethod
    def main(cls, audience: str) -> "StartPage | None":
        """The site's start page in the default language (Swedish), not a translation."""
        return cls.objects.filter(audience=audience, locale=Locale.get_default()).first()

    def clean(self):
        super().clean()
        # A public start page must never show an intranet news item (W3.2).
        if self.top_news_id and self.pk and not self.top_news.is_descendant_of(self):
            raise ValidationError({"top_news": _("The top news must be a news item on this site.")})

    def latest_news(self, count: int = 8) -> list:
        from navet.editorial.models import EditorialSettings
        from navet.editorial.selectors import news_for_start_page

        news = news_for_start_page(
            start=self, window_days=EditorialSettings.load().priority_window_days
        )
        top = self.visible_top_news()
        if top is not None:
            news = news.exclude(pk=top.pk)
        return list(news.select_related("owning_unit")[:count])

    def visible_top_news(self):
        top = self.top_news if self.top_news_id else None
        if top is None or not top.live or not top.is_descendant_of(self):
            return None
        return top

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: nothing is queried when the page's content fragment is already cached.
        context["top_news"] = SimpleLazyObject(self.visible_top_news)
        context["latest_news"] = SimpleLazyObject(self.latest_news)
        context["sections"] = self.get_children().live().in_menu().specific()
        return context


class SectionPage(IntroPage):
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review pages every (months)"),
        null=True,
        blank=True,
        help_text=_("For the pages of this section. Leave empty for the default (W3.3d)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        LanguageReviewPanel(),
    ]
    settings_panels = [
        *Page.settings_panels,
        *BasePage.editorial_panels,
        FieldPanel("review_interval_months"),
    ]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = ["web.SectionPage", "web.ContentPage", "web.NewsIndexPage"]
    search_fields = [*IntroPage.search_fields, index.SearchField("body")]
    template = "web/section_page.html"

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().specific()
        return context


class ContentPage(IntroPage):
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    is_easy_to_read = models.BooleanField(
        _("written in easy-to-read Swedish"),
        default=False,
        help_text=_("Lättläst: the language review holds it to LIX 30 and 15 words a sentence."),
    )
    easy_to_read_version = models.ForeignKey(
        "self",
        verbose_name=_("easy-to-read version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A version of this page in easy-to-read Swedish, linked from the page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("is_easy_to_read"), FieldPanel("easy_to_read_version")]),
        LanguageReviewPanel(),
    ]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage", "web.ContentPage"]
    subpage_types = ["web.ContentPage"]
    search_fields = [*IntroPage.search_fields, index.SearchField("body")]
    template = "web/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class NewsIndexPage(IntroPage):
    NEWS_PER_PAGE = 10

    content_panels = [*Page.content_panels, FieldPanel("intro"), LanguageReviewPanel()]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = ["web.NewsPage"]
    template = "web/news_index_page.html"

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        paginator = Paginator(news, self.NEWS_PER_PAGE)
        try:
            context["news"] = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            context["news"] = paginator.page(1)
        return context


class NewsPage(BasePage):
    date = models.DateField(_("news date"), default=timezone.localdate)
    ingress = models.TextField(
        _("ingress"),
        blank=True,
        help_text=_("The lead: the most important thing, in one or two sentences (W3.3c)."),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    also_public = models.BooleanField(
        _("concerns external readers too"),
        default=False,
        help_text=_(
            "For intranet news: also publish it on the public website – always after the "
            "intranet (W3.3b)."
        ),
    )
    internal_original = models.ForeignKey(
        "self",
        verbose_name=_("intranet version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_versions",
        editable=False,
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("ingress"),
        FieldRowPanel([FieldPanel("priority"), FieldPanel("also_public"), LanguageReviewPanel()]),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.NewsIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("ingress"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    template = "web/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"


class AccessibilityStatementPage(BasePage):
    """Tillgänglighetsredogörelse: the statement lag (2018:1937) requires, with the parts
    DIGG's model statement asks for. Linked from every page's footer."""

    organisation_name = models.CharField(_("public body"), max_length=150)
    service_name = models.CharField(
        _("service"), max_length=150, help_text=_("The website or e-service the statement covers.")
    )
    compliance_status = models.CharField(
        _("compliance status"), max_length=10, choices=ComplianceStatus.choices
    )
    non_compliant_content = RichTextField(
        _("non-accessible content and why"),
        blank=True,
        features=["bold", "link", "ul", "ol", "h3"],
        help_text=_("What is not accessible, which WCAG criteria it fails, and when it is fixed."),
    )
    unreasonable_burden = RichTextField(
        _("disproportionate burden"),
        blank=True,
        features=["bold", "link", "ul", "ol", "h3"],
        help_text=_("Content exempted because fixing it would be an unreasonable burden, and why."),
    )
    outside_scope = RichTextField(
        _("content outside the law's scope"),
        blank=True,
        features=["bold", "link", "ul", "ol", "h3"],
    )
    evaluation_method = RichTextField(
        _("how the site was evaluated"), features=["bold", "link", "ul", "ol"]
    )
    assessment_date = models.DateField(_("date of assessment"))
    last_updated = models.DateField(_("statement last updated"))
    feedback_email = models.EmailField(_("email for reporting problems"), blank=True)
    feedback_url = models.URLField(_("form for reporting problems"), blank=True)
    complaint_url = models.URLField(
        _("DIGG's complaint form"),
        default=DIGG_COMPLAINT_URL,
        help_text=_("Where to complain to the supervisory authority (DIGG)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("service_name")]),
        FieldPanel("compliance_status"),
        FieldPanel("non_compliant_content"),
        FieldPanel("unreasonable_burden"),
        FieldPanel("outside_scope"),
        FieldPanel("evaluation_method"),
        FieldRowPanel([FieldPanel("assessment_date"), FieldPanel("last_updated")]),
        FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_url")]),
        FieldPanel("complaint_url"),
        LanguageReviewPanel(),
    ]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "web/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        super().clean()
        if not (self.feedback_email or self.feedback_url):
            raise ValidationError(
                {"feedback_email": _("Give an email address or a form for reporting problems.")}
            )
        if self.compliance_status != ComplianceStatus.FULL and not self.non_compliant_content:
            raise ValidationError(
                {
                    "non_compliant_content": _(
                        "Describe what is not accessible when the site is not fully compliant."
                    )
                }
            )
