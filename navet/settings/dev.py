"""`make run`: the embedded profile on a developer's machine (SQLite, local-memory cache)."""

from .base import *  # noqa: F403
from .base import env_str

DEBUG = True
# A key for local development only; the production profile refuses to start without its own.
SECRET_KEY = "django-insecure-navet-local-development-only"  # noqa: S105
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
INTERNAL_IPS = ["127.0.0.1"]
# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
