"""Content-Security-Policy for both sites and the admin (OWASP ASVS 4.0 V14.4.3).

django-csp builds the header; this middleware chooses the policy by path – the admin's
(`NAVET_ADMIN_CONTENT_SECURITY_POLICY`) under /admin/ and for the previews it frames, the
sites' (`CONTENT_SECURITY_POLICY`) everywhere else – and sends it on HTML responses only.
Neither policy allows inline script, eval or anything from another host. The sites' policy
has no nonce, so a page from the page cache carries a header that fits its body for everyone.

Wagtail's admin writes a few inline `<script>`s that start its widgets and panels (choosers,
date pickers, inline panels). Navet writes each call as inert JSON instead, and a Stimulus
controller in a static file (navet/js/wagtail-init.js) makes the same call when the element
appears – on page load and in the HTML that modals insert later, where a nonce from another
response would not do. See `deferred_init`, `render_chooser` and the templates in
web/templates/wagtailadmin/. wagtail-localize's two full pages keep their inline scripts with
this response's nonce (web/templates/wagtail_localize/); the admin is never cached."""

import json

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

ADMIN_PREFIX = "/admin/"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() in HTML_TYPES


def is_admin_request(request) -> bool:
    """The admin's own pages, and the pages it renders for preview and moderation: Wagtail
    serves them through the middleware with a request for the page's own path, and shows
    them in a frame of the admin."""
    return request.path_info.startswith(ADMIN_PREFIX) or getattr(request, "is_dummy", False)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the admin and one for the sites, on HTML
    responses only (a CSP means nothing to a feed or an image, and Chromium's PDF viewer would
    obey the `object-src 'none'` of a PDF's own response)."""

    def process_response(self, request, response):
        if not is_html(response):
            response._csp_exempt = True
            response._csp_exempt_ro = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.NAVET_ADMIN_CONTENT_SECURITY_POLICY)
        return parts


# What the Stimulus controller `navet-init` may call: Wagtail's own initialisers and nothing
# else, so markup injected into the admin cannot call any function it likes.
CONSTRUCTORS = (
    "InlinePanel",
    "MultipleChooserPanel",
    "Chooser",
    "PageChooser",
    "ImageChooser",
    "DocumentChooser",
    "SnippetChooser",
)
FUNCTIONS = ("initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser")
# As json_script: nothing in the JSON can end the element or start markup.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def deferred_init(function: str, *args, new: bool = False) -> str:
    """`<script>[new] function(...args)</script>` without inline script: the call as inert
    JSON, made by the `navet-init` controller."""
    if function not in (CONSTRUCTORS if new else FUNCTIONS):
        raise ValueError(f"{function} is not a Wagtail initialiser navet-init may call")
    call = json.dumps({"function": function, "new": new, "args": args}, cls=DjangoJSONEncoder)
    return mark_safe(  # noqa: S308 - JSON with <, > and & escaped
        '<script type="application/json" data-controller="navet-init">'
        f"{call.translate(JSON_ESCAPES)}</script>"
    )


_wagtail_render = BaseChooser.render


def render_chooser(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render (choosers of pages, images, documents, snippets, tasks), its
    `<script>new PageChooser(id, options)</script>` made a deferred call."""
    if type(self).render_js_init is BaseChooser.render_js_init:
        make = (self.js_constructor, True)
    elif isinstance(self, AdminTaskChooser):
        make = ("createTaskChooser", False)
    else:  # A chooser with its own script: left as it is (and reported by the browser).
        return _wagtail_render(self, name, value, attrs, renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    try:
        value_data = self.get_value_data(value)
    except (ValueError, TypeError, ValidationError):
        # A posted value that is no id: shown as nothing chosen, beside the field's error.
        value_data = None
    widget_html = self.render_html(name, value_data, attrs)
    function, new = make
    args = (id_, self.get_js_init_options(id_, name, value_data)) if new else (id_,)
    return mark_safe(widget_html + deferred_init(function, *args, new=new))  # noqa: S308


def install() -> None:
    BaseChooser.render = render_chooser
