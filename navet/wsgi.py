import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings.dev")

application = get_wsgi_application()


def _prepare_every_language() -> None:
    """Each worker reads the messages and builds the address index of every language when
    it starts, not while it answers the first reader of each – in a crisis, the banner is
    refreshed in all languages at once."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            get_resolver().reverse_dict  # noqa: B018 - built on first use, per language


_prepare_every_language()
