"""The crisis banner in the site-wide banner slot (navet.web.banner): the latest update of
every active event, on every page of the site, linking to the event's page."""

from django.template.loader import render_to_string

from .selectors import banner_items


def crisis_banner(*, audience: str, language: str) -> str:
    items = banner_items(audience=audience)
    if not items:
        return ""
    return render_to_string("crisis/banner.html", {"items": items, "audience": audience})
