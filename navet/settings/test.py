"""`make test`: SQLite unless DATABASE_URL names another database (CI runs PostgreSQL too)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env_str

DEBUG = False
SECRET_KEY = "navet-test-suite-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Nothing the tests generate lands in the work tree. Uploaded and generated files (demo
# images, renditions, documents) go to a fresh folder per test run, removed when the process
# that made it exits; processes it starts with these settings (a task worker) inherit it.
if os.environ.get("NAVET_TEST_MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["NAVET_TEST_MEDIA_ROOT"])
else:
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="navet-test-media-"))
    os.environ["NAVET_TEST_MEDIA_ROOT"] = str(MEDIA_ROOT)
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# The test database is SQLite in memory anyway; commands run with these settings outside
# pytest (`make check-migrations`) must not create navet.sqlite3 either.
if not env_str("DATABASE_URL"):
    DATABASES["default"]["NAME"] = ":memory:"
# Django's backends, but each pytest session starts from the demo snapshot when the code has
# not changed since one was kept (navet.tests.demo_snapshot).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.sqlite3": "navet.tests.db.sqlite3",
    "django.db.backends.postgresql": "navet.tests.db.postgresql",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
