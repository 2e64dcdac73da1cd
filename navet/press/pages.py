"""The press room on the public website (K5: press releases and conferences).

A press release and a press invitation are Navet pages under the same publishing rules and
approval as news: a sender (W3.3d), an ingress (W3.3c), and – when the release concerns the
staff too – its intranet news live first (W3.3b). An embargo is Wagtail's scheduled
publishing: until the embargo time the page is not live, so it is in no listing, feed,
search, sitemap or cache, and no email about it is sent.

Routes below the press room:
  ""                        the latest releases, coming press conferences, spokespeople
  "amne/<topic>/"           the releases and invitations on one topic
  "flode/", "amne/<topic>/flode/"   the same as Atom feeds
  "prenumerera/"            the subscription form (double opt-in)
  "prenumerera/skickat/"    what happens next"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Collection, Page
from wagtail.search import index

from navet.editorial.selectors import is_intranet_page
from navet.language.panels import LanguageReviewPanel
from navet.web.blocks import BodyBlock, DocumentLinkBlock
from navet.web.models import BasePage, RoutedPage, allow_in_sections
from navet.web.paging import page_of

EMBARGO_HELP = _(
    "Embargo: set the go-live time under “Publishing schedule” and send the release for "
    "approval or publish it. Until that time it is not on the website, in any feed or search, "
    "and nothing is emailed; at that time it is published and sent to the subscribers once."
)


def is_restricted(media) -> bool:
    """Whether an image or document is in a collection that needs login (the intranet's).
    The collection is read afresh: a collection object kept in memory may hold a tree path
    that has changed since."""
    if media is None:
        return False
    return Collection.objects.get(pk=media.collection_id).get_view_restrictions().exists()


class PressItemPage(BasePage):
    """What press releases and press invitations share."""

    ingress = models.TextField(
        _("ingress"),
        blank=True,
        help_text=_("The lead: the most important thing, in one or two sentences (W3.3c)."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("From the public website's collections; the media may use it."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    attachments = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("attachments"),
        blank=True,
        help_text=_("Documents from the public website's collections."),
    )
    topics = ParentalManyToManyField(
        "press.PressTopic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    internal_original = models.ForeignKey(
        "web.NewsPage",
        verbose_name=_("intranet news published first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "When the release concerns the staff too: their news on the intranet. The release "
            "cannot go live before it (W3.3b)."
        ),
    )

    settings_panels = [*Page.settings_panels, *BasePage.editorial_panels]
    parent_page_types = ["press.PressRoomPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("ingress"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if is_restricted(self.image):
            errors["image"] = _(
                "The image is in a collection that needs login. Choose one from the public "
                "website's collections (W3.2)."
            )
        if any(is_restricted(block.value["document"]) for block in self.attachments or []):
            errors["attachments"] = _(
                "An attachment is in a collection that needs login. Choose documents from the "
                "public website's collections (W3.2)."
            )
        if self.internal_original_id and not is_intranet_page(self.internal_original):
            errors["internal_original"] = _(
                "Choose a news item on the intranet: the staff's version of the release."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at

    def topic_list(self) -> list:
        return list(self.topics.all())


class PressReleasePage(PressItemPage):
    content_panels = [
        *Page.content_panels,
        HelpPanel(EMBARGO_HELP),
        FieldPanel("ingress"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        FieldRowPanel([FieldPanel("topics"), FieldPanel("internal_original")]),
        LanguageReviewPanel(),
    ]
    template = "press/press_release_page.html"

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")


class PressInvitationPage(PressItemPage):
    """An invitation to a press conference or another event for the media."""

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    registration_deadline = models.DateTimeField(_("register by"), null=True, blank=True)
    registration = models.CharField(
        _("how to register"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Anmäl dig till press@linkoping.se”."),
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(EMBARGO_HELP),
        FieldPanel("ingress"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("registration")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        FieldRowPanel([FieldPanel("topics"), FieldPanel("internal_original")]),
        LanguageReviewPanel(),
    ]
    template = "press/press_invitation_page.html"

    class Meta:
        verbose_name = _("press invitation")
        verbose_name_plural = _("press invitations")

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.error_dict)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [ValidationError(_("The end must be after the start."))]
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = [
                ValidationError(_("The last day to register must be before the start."))
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def registration_open(self) -> bool:
        return self.registration_deadline is None or self.registration_deadline > timezone.now()


PRESS_ITEM_TYPES = (PressReleasePage, PressInvitationPage)
FEED_ROUTE = "flode/"


class PressRoomPage(RoutedPage):
    RELEASES_PER_PAGE = 10

    parent_page_types = ["web.StartPage", "web.SectionPage"]
    subpage_types = ["press.PressReleasePage", "press.PressInvitationPage"]
    template = "press/press_room_page.html"

    class Meta:
        verbose_name = _("press room")
        verbose_name_plural = _("press rooms")

    def get_cached_paths(self):
        """Publishing a release purges the press room (its parent) with every route that
        lists releases, in every language prefix."""
        from .models import PressTopic

        topic_paths = [
            f"amne/{slug}/" for slug in PressTopic.objects.values_list("slug", flat=True)
        ]
        return [
            "/",
            FEED_ROUTE,
            *topic_paths,
            *(topic_path + FEED_ROUTE for topic_path in topic_paths),
        ]

    def items(self, *, topic=None, types=PRESS_ITEM_TYPES):
        """The live press items of this room that anyone may read, newest first."""
        items = Page.objects.live().public().child_of(self).type(*types)
        if topic is not None:
            items = items.filter(
                Q(pk__in=PressReleasePage.objects.filter(topics=topic).values("pk"))
                | Q(pk__in=PressInvitationPage.objects.filter(topics=topic).values("pk"))
            )
        return items.order_by("-first_published_at", "-pk")

    def coming_invitations(self):
        return (
            PressInvitationPage.objects.live()
            .public()
            .child_of(self)
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at")
        )

    def serve(self, request, view=None, args=None, kwargs=None):
        # A preview (or any call without a route) shows the room itself.
        if view is None:
            return self.index_route(request)
        return super().serve(request, view, args, kwargs)

    def _listing_context(self, request, *, topic=None, types=PRESS_ITEM_TYPES) -> dict:
        from . import selectors

        listing = page_of(
            self.items(topic=topic, types=types),
            per_page=self.RELEASES_PER_PAGE,
            asked=request.GET.get("sida"),
        )
        listing.object_list = list(listing.object_list.specific())
        base = self.get_url(request) or ""
        return {
            "items": listing,
            "topics": selectors.topics_in_use(room=self),
            "room_url": base,
            "feed_url": base + (f"amne/{topic.slug}/" if topic else "") + FEED_ROUTE,
            "subscribe_url": base + self.reverse_subpage("subscribe"),
            "topic": topic,
        }

    @path("", name="index")
    def index_route(self, request):
        from . import selectors

        # Invitations are listed by their time, above the releases.
        context = self._listing_context(request, types=(PressReleasePage,))
        context["invitations"] = list(self.coming_invitations())
        context["press_contacts"] = selectors.press_contacts()
        return self.render(request, context_overrides=context)

    @path("amne/<slug:topic_slug>/", name="topic")
    def topic_route(self, request, topic_slug):
        from . import selectors

        topic = selectors.topic_or_404(topic_slug)
        return self.render(
            request,
            template="press/press_topic.html",
            context_overrides=self._listing_context(request, topic=topic),
        )

    @path(FEED_ROUTE, name="feed")
    def feed_route(self, request):
        from .feeds import PressFeed

        return PressFeed()(request, room=self)

    @path("amne/<slug:topic_slug>/" + FEED_ROUTE, name="topic_feed")
    def topic_feed_route(self, request, topic_slug):
        from . import selectors
        from .feeds import PressFeed

        return PressFeed()(request, room=self, topic=selectors.topic_or_404(topic_slug))

    @path("prenumerera/", name="subscribe")
    def subscribe_route(self, request):
        from .public_views import subscribe

        return subscribe(self, request)

    @path("prenumerera/skickat/", name="subscribe_sent")
    def subscribe_sent_route(self, request):
        from .public_views import subscribe_sent

        return subscribe_sent(self, request)


allow_in_sections("press.PressRoomPage")
