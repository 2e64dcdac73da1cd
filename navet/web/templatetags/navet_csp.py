"""Wagtail's inline start-up scripts as calls the Content-Security-Policy allows (navet.web.csp)."""

import json

from django import template

from navet.web.csp import deferred_init as render_deferred_init

register = template.Library()


@register.simple_tag
def deferred_init(function, *args, new=False):
    """`{% deferred_init "initDateChooser" id config %}` in place of
    `<script>initDateChooser(id, config)</script>`."""
    return render_deferred_init(function, *args, new=new)


@register.filter
def from_json(value):
    """Options Wagtail hands its templates as JSON text, as the value they stand for."""
    return json.loads(value)
