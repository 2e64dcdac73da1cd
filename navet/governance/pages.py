"""Kommunens officiella konton (W4.3): the approved accounts, so that a resident can check
that an account speaking for the municipality is real; also as JSON.

Routes below the page:
  ""        the approved accounts by platform, and where to report a fake one
  "json/"   the same as open data (JSON, readable from any site)

The open data's address ends in "json/", not ".json": Wagtail serves pages only at paths
of letters, digits, hyphens and slashes."""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from navet.web.models import RoutedPage, SiteIdentity, allow_in_sections

JSON_ROUTE = "json/"


class OfficialAccountsPage(RoutedPage):
    template = "governance/official_accounts_page.html"

    class Meta:
        verbose_name = _("official accounts")
        verbose_name_plural = _("official accounts pages")

    def get_cached_paths(self):
        # Publishing the page itself purges its open data too, in every language prefix.
        return ["/", JSON_ROUTE]

    def serve(self, request, view=None, args=None, kwargs=None):
        # A preview (or any call without a route) shows the list.
        if view is None:
            return self.index_route(request)
        return super().serve(request, view, args, kwargs)

    @path("", name="index")
    def index_route(self, request):
        from . import accounts

        identity = SiteIdentity.for_request(request)
        return self.render(
            request,
            context_overrides={
                "platforms": accounts.by_platform(accounts.approved_accounts()),
                "contact_email": identity.contact_email,
                "json_url": (self.get_url(request) or "") + self.reverse_subpage("json"),
            },
        )

    @path(JSON_ROUTE, name="json")
    def json_route(self, request):
        from . import accounts

        identity = SiteIdentity.for_request(request)
        data = {
            "title": self.title,
            "page": self.get_full_url(request),
            "organisation": identity.organisation_name,
            "accounts": [accounts.as_data(account) for account in accounts.approved_accounts()],
        }
        response = JsonResponse(
            data,
            json_dumps_params={"ensure_ascii": False, "indent": 2},
            content_type="application/json; charset=utf-8",
        )
        response["Access-Control-Allow-Origin"] = "*"
        # Navet's page cache keeps only some headers, not this one: a kept copy would lose
        # it. "private" keeps this answer out of Navet's cache and any proxy's.
        response["Cache-Control"] = "private"
        return response


allow_in_sections("governance.OfficialAccountsPage")
