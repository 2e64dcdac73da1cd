"""Template helpers for the public sites."""

import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from navet.language.documents import document_label
from navet.language.domains import own_domains

register = template.Library()

ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r"""\bhref\s*=\s*(["'])(?P<href>.*?)\1""", re.IGNORECASE | re.DOTALL)
DOCUMENT_PATH = re.compile(r"^/documents/(?P<id>\d+)/")


def is_external(href: str, domains: set[str]) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    return not any(host == domain or host.endswith("." + domain) for domain in domains)


# {{ document|document_label }}: "(PDF, 1,2 MB)", as links to documents in rich text get it.
register.filter("document_label", document_label)


@register.filter(is_safe=True)
def mark_links(html):
    """Links leaving the municipality's domain get a symbol and the hidden text "(extern
    webbplats)" (W3.4–W3.6); links to documents show their type and size, "(PDF, 1,2 MB)"."""
    html = str(html)
    if "<a" not in html:
        return mark_safe(html)  # noqa: S308 - the input is already-safe rendered HTML
    domains = own_domains()
    document_ids = {
        int(match.group("id"))
        for match in (DOCUMENT_PATH.match(href.group("href")) for href in HREF.finditer(html))
        if match
    }
    documents = get_document_model().objects.in_bulk(document_ids) if document_ids else {}

    def rewrite(anchor):
        attrs, text = anchor.group("attrs"), anchor.group("text")
        href_match = HREF.search(attrs)
        href = href_match.group("href") if href_match else ""
        document_match = DOCUMENT_PATH.match(href)
        if document_match and int(document_match.group("id")) in documents:
            meta = document_label(documents[int(document_match.group("id"))])
            if meta not in text:
                text += f' <span class="document-meta">{escape(meta)}</span>'
        elif is_external(href, domains):
            attrs += ' class="external-link"'
            text += f'<span class="visually-hidden"> {escape(_("(external website)"))}</span>'
        return f"<a{attrs}>{text}</a>"

    return mark_safe(ANCHOR.sub(rewrite, html))  # noqa: S308 - rewrites safe HTML


@register.simple_tag
def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def section_root(page):
    """The top-level section a page belongs to (the ancestor just below the start page)."""
    if page is None or page.depth < 3:
        return None
    if page.depth == 3:
        return page
    return page.get_ancestors().filter(depth=3).first()


class FragmentNode(template.Node):
    def __init__(self, name, key_expressions, nodelist):
        self.name = name
        self.key_expressions = key_expressions
        self.nodelist = nodelist

    def render(self, context):
        from navet.web import fragments

        parts = [expression.resolve(context) for expression in self.key_expressions]
        # A preview shows the draft: it never reads or writes a shared fragment.
        request = context.get("request")
        if getattr(request, "is_preview", False) or any(part in (None, "") for part in parts):
            return self.nodelist.render(context)
        return fragments.get_or_render(
            fragments.key(self.name, *parts), lambda: self.nodelist.render(context)
        )


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment "name" key1 key2 %}…{% endfragment %}: cached until the next publish.
    Rendered uncached when any key is empty (e.g. a search result page has no page key)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("fragment needs a name and at least one key")
    name = bits[1].strip("\"'")
    expressions = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, expressions, nodelist)


@register.simple_tag(takes_context=True)
def live_translations(context, page):
    """The page's published translations with their locales, in one query per request."""
    if page is None or not hasattr(page, "get_translations"):
        return []
    request = context.get("request")
    remembered = getattr(request, "_navet_translations", {}) if request is not None else {}
    if page.pk not in remembered:
        remembered[page.pk] = list(
            page.get_translations().live().select_related("locale").order_by("locale_id")
        )
        if request is not None:
            request._navet_translations = remembered
    return remembered[page.pk]


@register.simple_tag(takes_context=True)
def site_banner(context):
    """Where the site-wide banner goes (navet.web.banner): a placeholder filled in when the
    page is served, so a cached page shows the current banner. Before login the intranet
    shows none (W3.2)."""
    from django.utils.translation import get_language

    from navet.web import banner

    request, site = context.get("request"), context.get("navet")
    if request is None or site is None:
        return ""
    if site.is_intranet:
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return ""
        audience = banner.INTRANET
    else:
        audience = banner.PUBLIC
    # A fixed comment: nothing in it comes from a visitor or an editor.
    html = banner.placeholder(audience=audience, language=get_language() or "sv")
    return mark_safe(html)  # noqa: S308
