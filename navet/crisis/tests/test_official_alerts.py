"""Official alerts in (K4): a CAP 1.2 feed, served here from a local file on loopback, is
read by the scheduled command; an actual alert for the municipality's code becomes a
suggested event for the on-call communicator to confirm – never published by itself."""

import functools
import http.server
import threading
from io import StringIO

import pytest
from django.core.management import call_command

from navet.crisis import services
from navet.crisis.alerts import parse
from navet.crisis.models import CrisisEvent, CrisisSettings, EventStatus, Level, LogAction

from .helpers import after_commit

pytestmark = pytest.mark.django_db


def cap_alert(identifier, *, code="0580", status="Actual", msg_type="Alert", severity="Severe"):
    return f"""
  <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
    <identifier>{identifier}</identifier>
    <sender>vma@sr.se</sender>
    <sent>2026-11-20T10:00:00+01:00</sent>
    <status>{status}</status>
    <msgType>{msg_type}</msgType>
    <scope>Public</scope>
    <info>
      <language>sv-SE</language>
      <category>Safety</category>
      <event>Brand</event>
      <urgency>Immediate</urgency>
      <severity>{severity}</severity>
      <certainty>Observed</certainty>
      <headline>Viktigt meddelande till allmänheten i Linköping</headline>
      <description>Rök från en brand i Tornby. Stäng dörrar och fönster.</description>
      <area>
        <areaDesc>Linköpings kommun</areaDesc>
        <geocode><valueName>Kommunkod</valueName><value>{code}</value></geocode>
      </area>
    </info>
  </alert>"""


def feed(*alerts):
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        + "".join(
            f"<entry><content type='application/xml'>{alert}</content></entry>" for alert in alerts
        )
        + "</feed>"
    ).encode()


@pytest.fixture
def served(tmp_path):
    """A feed file served over HTTP on loopback; returns a function that writes it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = CrisisSettings.load()
    settings.cap_feed_url = f"http://127.0.0.1:{server.server_address[1]}/cap.xml"
    settings.cap_area_code = "0580"
    settings.save()

    def write(content: bytes):
        (tmp_path / "cap.xml").write_bytes(content)

    yield write
    server.shutdown()
    server.server_close()


def read():
    out = StringIO()
    call_command("read_official_alerts", stdout=out)
    return out.getvalue()


def test_k4_an_alert_for_the_municipality_is_suggested_once_never_published(
    served, public_client, demo_user
):
    served(
        feed(
            cap_alert("vma-1"),
            cap_alert("vma-other-municipality", code="0581"),
            cap_alert("vma-exercise", status="Exercise"),
        )
    )
    assert "1 suggested" in read()
    event = CrisisEvent.objects.get(alert_identifier="vma-1")
    assert event.status == EventStatus.SUGGESTED and event.level == Level.SERIOUS
    assert event.title == "Viktigt meddelande till allmänheten i Linköping"
    assert event.log.get().action == LogAction.SUGGESTED
    assert "0 suggested" in read()
    assert CrisisEvent.objects.filter(alert_identifier__startswith="vma").count() == 1
    # Nothing reaches readers until the on-call communicator confirms it.
    assert "crisis-banner" not in public_client.get("/").content.decode()
    with after_commit():
        services.confirm_start(user=demo_user("kib"), event=event)
    event.refresh_from_db()
    assert event.is_active and event.started_at is not None


def test_a_feed_that_cannot_be_read_is_logged_and_skipped(served, caplog):
    served(b"<feed><not-closed>")
    assert "0 suggested" in read()
    assert "Couldn't read the official alerts" in caplog.text


def test_a_single_cap_alert_document_and_cancellations():
    assert [alert.identifier for alert in parse(cap_alert("a").encode(), area_code="0580")] == ["a"]
    assert parse(cap_alert("b", msg_type="Cancel").encode(), area_code="0580") == []
    assert parse(cap_alert("c", severity="Extreme").encode(), area_code="0580")[0].level == 3


def test_security_entities_and_other_schemes_are_refused(settings):
    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'
    with pytest.raises(Exception):  # noqa: B017 - defusedxml's refusal
        parse(bomb, area_code="0580")
    crisis = CrisisSettings.load()
    crisis.cap_feed_url = "file:///etc/passwd"
    crisis.cap_area_code = "0580"
    crisis.save()
    assert read().startswith("0 suggested")
