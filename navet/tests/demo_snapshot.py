"""The test database with the demo loaded, kept between pytest sessions of the same code.

Every pytest session (the suite, and each browser and worker file in its own) needs the
migrated database with the demo municipality; building it takes most of a minute. The first
session to build it for the current code keeps a copy – an SQLite file, or a PostgreSQL
template database – with the demo's media files, and later sessions start from that copy.
The copy is keyed on everything it is built from (the code outside the tests, the pinned
dependencies, the settings the demo reads), so a change to any of them builds a new one."""

import functools
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
SNAPSHOTS = Path(tempfile.gettempdir()) / "navet-demo-snapshots"
POSTGRESQL_PREFIX = "navet_demo_snapshot_"
# Set when this session's test database came from a snapshot: the demo is already there.
restored = False


@functools.cache
def key() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(ROOT)
        if path.is_file() and not {"tests", "__pycache__"} & set(relative.parts):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update((ROOT / "requirements.lock").read_bytes())
    for name in ("NAVET_PUBLIC_HOST", "NAVET_INTRANET_HOST", "NAVET_DEMO_PASSWORD"):
        digest.update(repr(getattr(settings, name)).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:24]


def folder(vendor: str) -> Path:
    return SNAPSHOTS / f"{vendor}-{key()}"


def media(vendor: str) -> Path:
    return folder(vendor) / "media"


def restore_media(vendor: str) -> None:
    shutil.copytree(media(vendor), settings.MEDIA_ROOT, dirs_exist_ok=True)


def _publish(vendor: str, write) -> None:
    """Write a snapshot into a fresh folder and move it into place in one step, so that a
    session running at the same time never sees half of one; older snapshots go."""
    SNAPSHOTS.mkdir(exist_ok=True)
    staging = SNAPSHOTS / f".{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        write(staging)
        shutil.copytree(settings.MEDIA_ROOT, staging / "media")
        os.replace(staging, folder(vendor))
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    for old in SNAPSHOTS.glob(f"{vendor}-*"):
        if old != folder(vendor):
            shutil.rmtree(old, ignore_errors=True)


def save(connection) -> None:
    """Keep the database as it is now (migrated, the demo loaded) for later sessions."""
    vendor = connection.vendor
    if folder(vendor).exists():
        return
    if vendor == "sqlite":
        connection.ensure_connection()

        def write(staging):
            copy = sqlite3.connect(staging / "db.sqlite3")
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()

        _publish(vendor, write)
    elif vendor == "postgresql":
        template = POSTGRESQL_PREFIX + key()
        source = connection.settings_dict["NAME"]
        connection.close()
        creation = connection.creation
        with creation._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [POSTGRESQL_PREFIX + "%"],
            )
            for (name,) in cursor.fetchall():
                if name != template:
                    cursor.execute(f"DROP DATABASE IF EXISTS {creation._quote_name(name)}")
            if not creation._database_exists(cursor, template):
                cursor.execute(
                    f"CREATE DATABASE {creation._quote_name(template)} "
                    f"TEMPLATE {creation._quote_name(source)}"
                )
        _publish(vendor, lambda staging: None)


def postgresql_template(connection) -> str | None:
    """The template database with the demo for this code, if there is one."""
    template = POSTGRESQL_PREFIX + key()
    if not media("postgresql").is_dir():
        return None
    with connection.creation._nodb_cursor() as cursor:
        if connection.creation._database_exists(cursor, template):
            return template
    return None


def sqlite_file() -> Path | None:
    path = folder("sqlite") / "db.sqlite3"
    return path if path.is_file() and media("sqlite").is_dir() else None
