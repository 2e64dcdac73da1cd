"""Settings shared by every profile. Everything environment-specific comes from the
environment (see `.env.example`); the profiles in this package only choose defaults."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django.conf.locale
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str) -> list[str]:
    return [item.strip() for item in (env_str(name) or "").split(",") if item.strip()]


# The two sites served by one install (rule W3.2: the intranet requires login).
NAVET_PUBLIC_HOST = env_str("NAVET_PUBLIC_HOST", "localhost")
NAVET_INTRANET_HOST = env_str("NAVET_INTRANET_HOST", "intranet.localhost")
NAVET_SITE_PORT = env_int("NAVET_SITE_PORT", 8000)
# The site-wide banner (a crisis message) is put into each page by nginx's server-side
# includes when set, otherwise by Navet's page cache (navet.web.banner).
NAVET_BANNER_BY_PROXY = env_bool("NAVET_BANNER_BY_PROXY", False)
# Where Navet writes the copies nginx serves when the app does not answer (crisis); empty:
# none are written.
NAVET_FALLBACK_ROOT = env_str("NAVET_FALLBACK_ROOT", "")
# Whether `load_demo` may run. Production switches it off.
NAVET_DEMO_ALLOWED = True

ALLOWED_HOSTS = [NAVET_PUBLIC_HOST, NAVET_INTRANET_HOST, *env_list("DJANGO_ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "navet.organisation",
    "navet.web",
    "navet.editorial",
    "navet.language",
    "navet.intranet",
    "navet.directories",
    "navet.governance",
    "navet.crisis",
    "navet.cases",
    "navet.press",
    "navet.forums",
    "navet.archive",
    "navet.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "navet.organisation.apps.NavetUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous public pages come from the page cache before anything else runs.
    "navet.web.cache.AnonymousPageCacheMiddleware",
    # Content-Security-Policy on HTML: inside the page cache, which keeps the header.
    "navet.web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "navet.intranet.middleware.IntranetLoginRequiredMiddleware",
    "navet.organisation.middleware.RoleGroupRefreshMiddleware",
    # Sessions from the identity provider are renewed against it (signed out when refused).
    "navet.organisation.oidc.ProviderSessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a sign-in refused for too many failures into the lock-out answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "navet.urls"
# Wagtail lifts this for its own preview frames only.
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp; navet.web.csp chooses by path and sends it on HTML):
# no inline script or style, no eval, nothing from another host. The sites' policy has no
# nonce, so a page from the page cache carries a header that fits its body for everyone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The admin (/admin/, and the pages it renders for preview): a nonce for the inline scripts
# of a full page (wagtail-localize's); Wagtail's preview, a frame of the admin's own origin;
# and the <style> elements Draftail (the rich-text editor) writes. Style attributes stay
# forbidden, and with nothing loadable from elsewhere a style cannot send anything away.
NAVET_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, NONCE],
    "style-src-elem": [SELF, UNSAFE_INLINE],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
WSGI_APPLICATION = "navet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "navet.web.context_processors.navet",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'navet.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "navet",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Publishing purges Navet's page cache (and, in production, nginx's) through Wagtail's
# frontend cache.
WAGTAILFRONTENDCACHE = {"navet": {"BACKEND": "navet.web.cache.PageCacheBackend"}}
if env_str("NAVET_NGINX_PURGE_URL"):
    # nginx caches the public site only.
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "navet.web.cache.NginxPurgeBackend",
        "LOCATION": env_str("NAVET_NGINX_PURGE_URL"),
        "HOSTNAMES": [NAVET_PUBLIC_HOST, f"{NAVET_PUBLIC_HOST}:{NAVET_SITE_PORT}"],
    }

# Background work (Wagtail's own tasks included, nginx purges among them): `immediate` runs
# it at once in the process that asks (make run, the tests); `database` queues it in the
# database for `manage.py run_task_worker` (the production profile's default; it serves every
# queue, "visible" included, unless told otherwise). Navet's own tasks retry through
# navet.tasks.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default: str) -> dict:
    name = env_str("NAVET_TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"NAVET_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}"
        )
    # "visible": navet.tasks.VISIBLE_QUEUE.
    return {"default": {"BACKEND": TASK_BACKENDS[name], "QUEUES": ["default", "visible"]}}


TASKS = tasks_setting("immediate")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "navet_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/logga-in/"

# Sign-in throttling (ASVS 2.2.1) with django-axes, its records in the database; the policy is
# navet.organisation.throttling's. 5 failed sign-ins for an account (known or not) or 20 from
# one address lock it for 15 minutes; each further lock-out doubles that (30 min, 1 h, 2 h)
# and the 5th lasts until the infomaster unlocks it (Settings → Sign-in lock-outs). Failures
# are forgotten 24 hours after the last one; a successful sign-in forgets its account's.
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out attempt before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Username and password: for everyone, or only for the named emergency accounts.
    "navet.organisation.oidc.LocalAccountBackend",
    # The municipality's identity provider (OpenID Connect), when configured.
    "navet.organisation.oidc.ProviderBackend",
]
AXES_HANDLER = "navet.organisation.throttling.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5
NAVET_LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = "navet.organisation.throttling.cool_off"
NAVET_LOGIN_FIRST_COOLOFF = timedelta(minutes=15)
NAVET_LOGIN_LOCKOUTS_BEFORE_UNLOCK = 5
NAVET_LOGIN_FAILURE_MEMORY = timedelta(hours=24)
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "navet.organisation.throttling.client_username"
AXES_CLIENT_IP_CALLABLE = "navet.organisation.throttling.client_ip_address"
AXES_LOCKOUT_CALLABLE = "navet.organisation.throttling.lockout_response"
# Successful sign-ins are not stored (personal data Navet has no use for).
AXES_DISABLE_ACCESS_LOG = True
# Reverse proxies in front of Navet that write X-Forwarded-For (nginx: 1; the production
# profile's default). 0: the header is never trusted, the connection's address is the client.
NAVET_TRUSTED_PROXY_COUNT = env_int("NAVET_TRUSTED_PROXY_COUNT", 0)
# Password reset: requests per hour from one address, mails per hour to one email address.
NAVET_PASSWORD_RESETS_PER_ADDRESS = 10
NAVET_PASSWORD_RESET_MAILS_PER_EMAIL = 3

# Sign-in with the municipality's identity provider, OpenID Connect (mozilla-django-oidc;
# navet.organisation.oidc): authorization code flow with PKCE, state and nonce, RS256 ID
# tokens checked against the provider's published keys (JWKS), issuer and audience. Off
# unless NAVET_OIDC_ISSUER and NAVET_OIDC_CLIENT_ID are set. Rights still come only from
# role assignments (claims only through the mappings administrators define).
NAVET_OIDC_ISSUER = env_str("NAVET_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = env_str("NAVET_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("NAVET_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("NAVET_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("NAVET_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("NAVET_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("NAVET_OIDC_JWKS_ENDPOINT")
OIDC_RP_SCOPES = env_str("NAVET_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TOKEN_USE_BASIC_AUTH = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "navet_oidc_callback"
# A session from the provider is renewed against it (silently, prompt=none) this often: a
# person disabled at the provider is signed out of Navet within this time.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env_int("NAVET_OIDC_RENEW_SECONDS", 15 * 60)
# Claim names: the stable identifier (Entra ID: oid, which Microsoft Graph calls id), names
# and email address.
NAVET_OIDC_SUBJECT_CLAIM = env_str("NAVET_OIDC_SUBJECT_CLAIM", "sub")
NAVET_OIDC_EMAIL_CLAIM = env_str("NAVET_OIDC_EMAIL_CLAIM", "email")
NAVET_OIDC_GIVEN_NAME_CLAIM = env_str("NAVET_OIDC_GIVEN_NAME_CLAIM", "given_name")
NAVET_OIDC_FAMILY_NAME_CLAIM = env_str("NAVET_OIDC_FAMILY_NAME_CLAIM", "family_name")
# What the sign-in button calls the provider.
NAVET_OIDC_PROVIDER_NAME = env_str("NAVET_OIDC_PROVIDER_NAME", "kommunens inloggning")
# The unit a person signing in for the first time is placed in (by name); default: the
# municipality at the top of the organisation.
NAVET_OIDC_NEW_PERSON_UNIT = env_str("NAVET_OIDC_NEW_PERSON_UNIT", "")
# The daily `reconcile_leavers`: a listing of the provider's accounts in Microsoft Graph's
# shape, read with a client-credentials token (Graph: .../v1.0/users?$select=id,accountEnabled
# and the scope https://graph.microsoft.com/.default).
NAVET_OIDC_DIRECTORY_URL = env_str("NAVET_OIDC_DIRECTORY_URL", "")
NAVET_OIDC_DIRECTORY_SCOPE = env_str("NAVET_OIDC_DIRECTORY_SCOPE", "")
# Local sign-in (username and password): for everyone (the demo, make run), or, when false,
# only for the accounts named in NAVET_LOCAL_SIGN_IN_ACCOUNTS (the emergency accounts).
NAVET_LOCAL_SIGN_IN_FOR_EVERYONE = env_bool("NAVET_LOCAL_SIGN_IN_FOR_EVERYONE", True)
NAVET_LOCAL_SIGN_IN_ACCOUNTS = env_list("NAVET_LOCAL_SIGN_IN_ACCOUNTS")

LANGUAGE_CODE = "sv"
# Content languages (W3.3e: translations into relevant languages). Swedish is the default
# and has no URL prefix; the others are served under /en/, /fi/, /ar/ ...
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("fi", "Suomi"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
    ("fa", "فارسی"),
    ("ti", "ትግርኛ"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin itself is in Swedish or English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
EXTRA_LANG_INFO = {
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("NAVET_MEDIA_ROOT", str(BASE_DIR / "media")))
# The archive's WARC files (W3.7); empty: a private folder inside MEDIA_ROOT, never served.
NAVET_ARCHIVE_ROOT = env_str("NAVET_ARCHIVE_ROOT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "navet@localhost")
# Function mailboxes (navet.cases): where the cases' attachments are kept – never served as
# media; empty means MEDIA_ROOT/case-files – and the largest attachment kept (bytes).
NAVET_CASE_FILES_ROOT = env_str("NAVET_CASE_FILES_ROOT", "")
NAVET_CASE_MAX_ATTACHMENT_BYTES = env_int("NAVET_CASE_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
# The office day that answer-time goals in working hours count (local time, weekdays).
NAVET_OFFICE_HOURS = env_str("NAVET_OFFICE_HOURS", "08:00-17:00")
if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d", NAVET_OFFICE_HOURS) or (
    NAVET_OFFICE_HOURS[:5] >= NAVET_OFFICE_HOURS[6:]
):
    raise ImproperlyConfigured(
        f"NAVET_OFFICE_HOURS must be like 08:00-17:00, start before end: {NAVET_OFFICE_HOURS!r}"
    )

WAGTAIL_SITE_NAME = "Navet"
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", f"http://{NAVET_PUBLIC_HOST}:{NAVET_SITE_PORT}"
)
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL stems with its Swedish dictionary; SQLite ignores this. Both also
        # index Navet's own Swedish stems (navet.web.search).
        "SEARCH_CONFIG": "swedish",
    }
}
# Documents always go through Wagtail's serve view so collection privacy is enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars from gravatar.com would be a foreign host (and tell it who is signed in): none.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Swedish titles give ASCII slugs (å, ä, ö → a, a, o), readable in any URL.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The demo password is for local use only; production never loads the demo.
NAVET_DEMO_PASSWORD = env_str("NAVET_DEMO_PASSWORD", "navet-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NAVET_LOG_LEVEL", "INFO")},
    # One line per background task is noise; failures are still logged.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        "wagtail.frontendcache": {"level": "WARNING"},
        # Failed sign-ins and lock-outs are warnings; the rest is noise.
        "axes": {"level": "WARNING"},
    },
}
