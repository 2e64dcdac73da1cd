"""Links in a site's main menu besides its sections: reader-facing views of higher apps that
are not Wagtail pages (the intranet's forums, cases and on-call roster). Apps add them through
the Wagtail hook `navet_site_menu_links`: a function called with `audience` ("public" or
"intranet") returning [(label, URL name), ...]."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks

MENU_LINKS_HOOK = "navet_site_menu_links"


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str


def menu_links(*, audience: str) -> list[MenuLink]:
    return [
        MenuLink(label=str(label), url=reverse(url_name))
        for hook in hooks.get_hooks(MENU_LINKS_HOOK)
        for label, url_name in hook(audience=audience)
    ]
