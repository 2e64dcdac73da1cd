"""Page types shared by the public website and the intranet."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from navet.editorial.forms import EditorialPageForm
from navet.editorial.models import EditorialPageMixin
from navet.language.panels import LanguageReviewPanel

from .blocks import BodyBlock
from .paging import page_of


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


# The page types a start page and a section page may hold. Higher apps add their own with
# `allow_in_sections` (Wagtail reads these lists when it is asked, not at import).
START_PAGE_CHILDREN = [
    "web.SectionPage",
    "web.ContentPage",
    "web.NewsIndexPage",
    "web.AccessibilityStatementPage",
]
SECTION_PAGE_CHILDREN = ["web.SectionPage", "web.ContentPage", "web.NewsIndexPage"]


def allow_in_sections(*page_types: str) -> None:
    """Let start pages and section pages hold `page_types` ("app_label.ModelName")."""
    for children in (START_PAGE_CHILDREN, SECTION_PAGE_CHILDREN):
        children.extend(page_type for page_type in page_types if page_type not in children)


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


class BasePage(EditorialPageMixin, Page):
    """Every Navet page: under the publishing rules (W3.3), reviewed for plain language
    (W3.3e), its rendered parts cached per live revision."""

    plain_language_review = True
    base_form_class = EditorialPageForm
    editorial_panels = EditorialPageMixin.editorial_panels
    search_fields = [*Page.search_fields, index.SearchField("search_stems")]

    class Meta:
        abstract = True

    def fragment_variant(self, request) -> str:
        """What besides the live revision changes the rendered content (a listing's page)."""
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Rendered fragments belong to the live revision they were rendered from (see
        # navet.web.fragments). A preview or a draft is never cached: its key is empty.
        if getattr(request, "is_preview", False) or not self.live or not self.live_revision_id:
            context["fragment_key"] = ""
        else:
            variant = self.fragment_variant(request)
            context["fragment_key"] = f"{self.pk}-{self.live_revision_id}-{variant}"
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


class RoutedPage(RoutablePageMixin, IntroPage):
    """A page whose routes show other content than its own revision (directory entries,
    register entries), with the same panels and places as an introduction page."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), LanguageReviewPanel()]
    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # No rendered fragment is kept: fragments are keyed on this page's revision alone,
        # and would be shared by every route. Navet's full-page cache keeps the addresses
        # without a query string, and a publish of what they show purges them.
        context["fragment_key"] = ""
        # Each route is its own address, not a copy of the page.
        own_path = self.get_url(request) or ""
        route = request.path[len(own_path) :] if request.path.startswith(own_path) else ""
        context["canonical_url"] = (self.get_full_url(request) or "") + route
        return context


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
    subpage_types = START_PAGE_CHILDREN
    template = "web/start_page.html"

    class Meta:
        verbose_name = _("start page")
        verbose_name_plural = _("start pages")

    # W3.7: start pages are the infomaster's.
    needs_infomaster_approval = True

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

        from .selectors import news_for_start_page

        top = self.visible_top_news()
        return news_for_start_page(
            start=self,
            window_days=EditorialSettings.load().priority_window_days,
            count=count,
            exclude=top.pk if top is not None else None,
        )

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
    subpage_types = SECTION_PAGE_CHILDREN
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

    @property
    def needs_infomaster_approval(self) -> bool:
        """The news start page, right below a start page, is the infomaster's (W3.7)."""
        return self.depth == 3

    def listing(self, request):
        """The asked-for page of the news listing; anything but a valid page number is the
        first page, so hostile query strings cannot multiply cached variants."""
        remembered = getattr(request, "_navet_listing", None)
        if remembered is not None and remembered[0] == self.pk:
            return remembered[1]
        news = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        listing = page_of(news, per_page=self.NEWS_PER_PAGE, asked=request.GET.get("sida"))
        request._navet_listing = (self.pk, listing)
        return listing

    def fragment_variant(self, request) -> str:
        return str(self.listing(request).number)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = self.listing(request)
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
        # Start pages and feeds take the newest news first.
        indexes = [models.Index(fields=["date"], name="web_newspage_date")]


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
