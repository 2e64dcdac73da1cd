"""The municipality's own domains (W3.6), as both the link marking and the language review
see them: the sites' host names and whatever higher apps add through the
`navet_own_domains` hook (the site identity's own domains, the register of domains and the
exceptions in force)."""

from django.core.cache import cache
from wagtail import hooks
from wagtail.models import Site

OWN_DOMAINS_CACHE_KEY = "navet:own-domains"
# A Wagtail hook: a function returning domain names that count as the municipality's own.
# Whoever changes what such a function returns deletes OWN_DOMAINS_CACHE_KEY.
OWN_DOMAINS_HOOK = "navet_own_domains"


def own_domains() -> set[str]:
    """Cached; saving a site, its identity or the register clears it."""

    def compute():
        domains = {name.lower() for name in Site.objects.values_list("hostname", flat=True)}
        for hook in hooks.get_hooks(OWN_DOMAINS_HOOK):
            domains.update(name.strip().lower() for name in hook() if name and name.strip())
        return domains

    return cache.get_or_set(OWN_DOMAINS_CACHE_KEY, compute, 300)
