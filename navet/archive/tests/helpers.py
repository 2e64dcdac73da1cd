import subprocess
import sys
from pathlib import Path

from navet.archive.capture import archive_root
from navet.archive.models import Capture
from navet.archive.replay import read_warc
from navet.editorial.tests.helpers import after_commit


def publish(obj, user=None):
    """Publish `obj` as `user`, and run what waits for the commit (the capture)."""
    with after_commit():
        revision = obj.save_revision(user=user)
        revision.publish(user=user)
    obj.refresh_from_db()
    return obj


def latest_capture(obj) -> Capture:
    return Capture.objects.for_object(obj).order_by("-pk").first()


def warc_path(record: Capture) -> Path:
    return archive_root() / record.warc_file


def stored(record: Capture):
    return read_warc(warc_path(record))


def warcio_check(path: Path) -> subprocess.CompletedProcess:
    """warcio's own validator: every record's digests and structure."""
    warcio = Path(sys.executable).with_name("warcio")
    return subprocess.run(
        [str(warcio), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )
