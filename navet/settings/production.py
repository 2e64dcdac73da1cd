"""The production profile: PostgreSQL, Redis, HTTPS. Refuses to start half-configured."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool, env_int, env_str, tasks_setting

DEBUG = False
NAVET_DEMO_ALLOWED = False

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "in production (see .env.example)."
    )
if env_str("DATABASE_URL") is None or DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database in production.")
# The page cache and the sessions are shared by every app-server process: Redis.
if not env_str("REDIS_URL"):
    raise ImproperlyConfigured("REDIS_URL must name a Redis server in production.")
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Background work goes through the database queue, run by `manage.py run_task_worker`
# (make serve-production supervises two: one for the "visible" queue, one for all).
TASKS = tasks_setting("database")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx is in front (deploy/nginx.conf.template) and writes the client's address into
# X-Forwarded-For; sign-in throttling counts that address (0 if nothing is in front).
NAVET_TRUSTED_PROXY_COUNT = env_int("NAVET_TRUSTED_PROXY_COUNT", 1)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Only `make serve-production` on loopback (plain http) turns these off.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True

NAVET_SITE_PORT = env_int("NAVET_SITE_PORT", 443)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{NAVET_PUBLIC_HOST}")  # noqa: F405
