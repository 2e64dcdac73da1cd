"""The public pages of the directories: a page that lists the services residents choose a
provider for, with a page per service, per provider and a comparison (W3.4); and a page that
lists the associations the municipality supports (W3.5). Both are routable pages whose
routes show the live entries."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from navet.web.models import RoutedPage, SiteIdentity, allow_in_sections

from . import compare, jsonld, selectors
from .filters import ProviderFilterForm


class ServiceDirectoryPage(RoutedPage):
    """Välja utförare (W3.4): every live service with all its live providers in one
    uniform format, filtered on the server and compared side by side.

    Routes below the page:
      ""                              the services
      "<service>/"                    a service, its requirements and its providers
      "<service>/jamfor/?p=a&p=b"     two to four of its providers side by side
      "<service>/<provider>/"         a provider in the uniform format
    """

    template = "directories/service_directory_page.html"

    class Meta:
        verbose_name = _("service directory")
        verbose_name_plural = _("service directories")

    # Addresses of the routes.

    def route_url(self, request, name: str, **kwargs) -> str:
        return self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs)

    def route_full_url(self, request, name: str, **kwargs) -> str:
        return (self.get_full_url(request) or "") + self.reverse_subpage(name, kwargs=kwargs)

    def _with_urls(self, request, service, providers) -> None:
        for provider in providers:
            provider.page_url = self.route_url(
                request, "provider", service_slug=service.slug, provider_slug=provider.slug
            )

    def _organisation_name(self, request) -> str:
        return SiteIdentity.for_request(request).organisation_name

    def _service_jsonld(self, request, service, providers):
        return jsonld.government_service(
            service,
            url=self.route_full_url(request, "service", service_slug=service.slug),
            operator_name=self._organisation_name(request),
            providers=[
                (
                    provider,
                    self.route_full_url(
                        request,
                        "provider",
                        service_slug=service.slug,
                        provider_slug=provider.slug,
                    ),
                )
                for provider in providers
            ],
        )

    @staticmethod
    def _live_service(slug: str):

        service = selectors.live_service(slug)
        if service is None:
            raise Http404
        return service

    # The routes.

    @path("")
    def index_route(self, request, *args, **kwargs):

        services = list(selectors.live_services())
        for service in services:
            service.page_url = self.route_url(request, "service", service_slug=service.slug)
        structured = [
            jsonld.government_service(
                service,
                url=self.route_full_url(request, "service", service_slug=service.slug),
                operator_name=self._organisation_name(request),
            )
            for service in services
        ]
        return self.render(
            request,
            context_overrides={
                "services": services,
                "structured_data": jsonld.script(structured) if structured else "",
            },
        )

    @path("<slug:service_slug>/", name="service")
    def service_route(self, request, service_slug):

        service = self._live_service(service_slug)
        every_provider = selectors.live_providers(service)
        total = every_provider.count()
        form = ProviderFilterForm(request.GET, options=selectors.filter_options(service))
        providers = list(selectors.filtered_providers(every_provider, **form.criteria()))
        self._with_urls(request, service, providers)
        shown_in_data = providers if not form.is_filtering else list(every_provider)
        return self.render(
            request,
            template="directories/service_page.html",
            context_overrides={
                "service": service,
                "requirements": list(service.requirements.all()),
                "providers": providers,
                "total": total,
                "form": form,
                "service_url": self.route_url(request, "service", service_slug=service.slug),
                "compare_url": self.route_url(request, "compare", service_slug=service.slug),
                "structured_data": jsonld.script(
                    self._service_jsonld(request, service, shown_in_data)
                ),
            },
        )

    # Before the provider route: "jamfor" is the comparison, not a provider.
    @path("<slug:service_slug>/jamfor/", name="compare")
    def compare_route(self, request, service_slug):

        service = self._live_service(service_slug)
        chosen = compare.selection(request.GET.getlist("p"))
        too_many = len(chosen.slugs) > compare.MOST
        providers = [] if too_many else selectors.providers_with_slugs(service, chosen.slugs)
        unknown = not too_many and (chosen.unknown or len(providers) < len(chosen.slugs))
        comparable = compare.FEWEST <= len(providers) <= compare.MOST
        context = {
            "service": service,
            "service_url": self.route_url(request, "service", service_slug=service.slug),
            "compare_url": self.route_url(request, "compare", service_slug=service.slug),
            "too_many": too_many,
            "unknown": unknown,
            "comparable": comparable,
            "chosen_count": len(chosen.slugs) if too_many else len(providers),
            "fewest": compare.FEWEST,
            "most": compare.MOST,
        }
        if comparable:
            self._with_urls(request, service, providers)
            context.update(
                providers=providers,
                measures=compare.evaluation(service, providers),
                structured_data=jsonld.script(self._service_jsonld(request, service, providers)),
            )
        else:
            # The choice again, without JavaScript: every provider, the chosen ones ticked.
            every_provider = list(selectors.live_providers(service))
            self._with_urls(request, service, every_provider)
            context.update(choices=every_provider, chosen=set(chosen.slugs))
        return self.render(
            request, template="directories/compare_page.html", context_overrides=context
        )

    @path("<slug:service_slug>/<slug:provider_slug>/", name="provider")
    def provider_route(self, request, service_slug, provider_slug):

        service = self._live_service(service_slug)
        provider = selectors.live_provider(service, provider_slug)
        if provider is None:
            raise Http404
        provider.page_url = self.route_url(
            request, "provider", service_slug=service.slug, provider_slug=provider.slug
        )
        return self.render(
            request,
            template="directories/provider_page.html",
            context_overrides={
                "service": service,
                "provider": provider,
                "measures": compare.evaluation(service, [provider]),
                "reports": list(provider.reports.all()),
                "service_url": self.route_url(request, "service", service_slug=service.slug),
                "structured_data": jsonld.script(
                    self._service_jsonld(request, service, [provider])
                ),
            },
        )


class AssociationDirectoryPage(RoutedPage):
    """The associations the municipality supports (W3.5): the uniform overview with a
    filter, a page per association, and the form on which an association proposes changes
    to its own entry. The routes' work is in `associations`."""

    template = "directories/association_directory_page.html"

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")

    def serve(self, request, view=None, args=None, kwargs=None):
        # A preview (or any call without a route) shows the overview.
        if view is None:
            return self.association_index(request)
        return super().serve(request, view, args, kwargs)

    @path("", name="index")
    def association_index(self, request):
        from .associations import directory_index

        return directory_index(self, request)

    @path("<slug:slug>/", name="association")
    def association_page(self, request, slug):
        from .associations import association_detail

        return association_detail(self, request, slug)

    @path("<slug:slug>/foresla-andring/", name="propose_change")
    def propose_change(self, request, slug):
        from .associations import propose_change

        return propose_change(self, request, slug)

    @path("<slug:slug>/foresla-andring/tack/", name="propose_change_thanks")
    def propose_change_thanks(self, request, slug):
        from .associations import propose_change_thanks

        return propose_change_thanks(self, request, slug)


allow_in_sections("directories.ServiceDirectoryPage", "directories.AssociationDirectoryPage")
