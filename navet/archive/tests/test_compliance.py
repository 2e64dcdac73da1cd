"""W3.7 supervision: the compliance view for the web council and the infomaster per
administration, with its trend from nightly snapshots – pages past their review date, with
language errors and their LIX, without a sender, broken links, accessibility problems and
failed captures; the link checker's politeness against a local server; the monthly email
to each head editor and the CSV export."""

import csv
import io
import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from navet.archive.linkcheck import ExternalLinkChecker, broken_internal_links, check_links
from navet.archive.models import (
    AccessibilityProblem,
    BrokenLink,
    Capture,
    CaptureStatus,
    ComplianceSnapshot,
)
from navet.archive.supervision import current_state, take_snapshots
from navet.organisation.models import Unit
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    """A small site with the habits of real ones."""

    log = []
    busy_left = {}

    def log_message(self, *args):
        pass

    def answer(self, status, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    def handle_any(self):
        Handler.log.append((self.command, self.path, time.monotonic()))
        if self.path == "/ok":
            return self.answer(200)
        if self.path == "/no-head":
            return self.answer(405 if self.command == "HEAD" else 200)
        if self.path == "/busy":
            left = Handler.busy_left.get(self.path, 2)
            Handler.busy_left[self.path] = left - 1
            if left > 0:
                return self.answer(429, [("Retry-After", "0.2")])
            return self.answer(200)
        if self.path == "/always-busy":
            return self.answer(503)
        return self.answer(404)

    do_HEAD = do_GET = handle_any


@pytest.fixture
def site():
    Handler.log, Handler.busy_left = [], {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def checker(**options):
    return ExternalLinkChecker(
        **{"pause": 0.05, "backoff": 0.05, "retries": 3, "timeout": 5, **options}
    )


def test_w3_7_link_checker_falls_back_from_head_to_get(site):
    result = checker().check(f"{site}/no-head")
    assert result.status == 200 and not result.broken
    assert [entry[0] for entry in Handler.log] == ["HEAD", "GET"]


def test_w3_7_link_checker_finds_broken_links(site):
    result = checker().check(f"{site}/gone")
    assert result.status == 404 and result.broken
    unreachable = checker().check("http://127.0.0.1:9/")
    assert unreachable.status is None and unreachable.broken and unreachable.error


def test_w3_7_link_checker_backs_off_when_the_server_is_busy(site):
    result = checker().check(f"{site}/busy")
    assert result.status == 200
    heads = [entry for entry in Handler.log if entry[1] == "/busy"]
    assert len(heads) == 3
    # The server asked for 0.2 s (Retry-After): it got them.
    assert heads[1][2] - heads[0][2] >= 0.19 and heads[2][2] - heads[1][2] >= 0.19


def test_w3_7_link_checker_gives_up_after_its_retries_with_doubling_pauses(site):
    started = time.monotonic()
    result = checker(retries=2, backoff=0.1).check(f"{site}/always-busy")
    assert result.status == 503 and result.broken
    # Three times, after 0.1 and then 0.2 s: a busy server is not asked again at once.
    assert len(Handler.log) == 3
    assert time.monotonic() - started >= 0.3


def test_w3_7_link_checker_pauses_between_requests_to_one_host(site):
    polite = checker(pause=0.3)
    for _ in range(3):
        polite.check(f"{site}/ok")
    times = [entry[2] for entry in Handler.log]
    assert all(later - earlier >= 0.29 for earlier, later in itertools.pairwise(times))


def test_w3_7_internal_links_are_checked_through_the_reference_index(demo_user):
    from wagtail.rich_text import RichText

    target = ContentPage.objects.get(title="Familjerådgivning")
    page = ContentPage.objects.get(title="Ansök om plats i förskola", locale__language_code="sv")
    page.body = [
        ("paragraph", RichText(f'<p><a linktype="page" id="{target.pk}">Familjerådgivning</a></p>'))
    ]
    page.save_revision().publish()
    assert broken_internal_links(page) == []
    target.unpublish()
    broken = broken_internal_links(page)
    assert len(broken) == 1 and broken[0].status == 404


def test_w3_7_check_links_records_broken_external_links(site):
    from wagtail.rich_text import RichText

    page = ContentPage.objects.get(title="Ansök om plats i förskola", locale__language_code="sv")
    page.body = [
        (
            "paragraph",
            RichText(f'<p><a href="{site}/gone">Borta</a> <a href="{site}/ok">Finns</a></p>'),
        )
    ]
    page.save_revision().publish()
    check_links(external=True, checker=checker())
    assert list(BrokenLink.objects.filter(page=page).values_list("url", "status")) == [
        (f"{site}/gone", 404)
    ]


def test_w3_7_the_state_counts_each_administrations_problems():
    utbildning = Unit.objects.get(name="Utbildningsförvaltningen")
    state = current_state()[utbildning.pk]
    # The demo has pages past their review date in Utbildningsförvaltningen.
    assert state.pages > 0 and state.past_review >= 1
    assert state.average_lix is not None
    page = ContentPage.objects.filter(owning_unit=utbildning, live=True).first()
    AccessibilityProblem.objects.create(page=page, rule="image-alt", description="Bild utan alt")
    BrokenLink.objects.create(page=page, url="https://exempel.invalid/", status=404)
    Capture.objects.filter(pk=Capture.objects.first().pk).update(
        status=CaptureStatus.FAILED, unit=utbildning
    )
    after = current_state()[utbildning.pk]
    assert after.accessibility_problems == state.accessibility_problems + 1
    assert after.broken_links == state.broken_links + 1
    assert after.failed_captures == state.failed_captures + 1
    assert any(finding.page_id == page.pk for finding in after.findings)


def test_w3_7_nightly_snapshots_give_the_trend(client, demo_user):
    call_command("take_compliance_snapshot", stdout=io.StringIO())
    utbildning = Unit.objects.get(name="Utbildningsförvaltningen")
    today = ComplianceSnapshot.objects.get(unit=utbildning, taken_on=timezone.localdate())
    earlier = timezone.localdate() - timezone.timedelta(days=62)
    take_snapshots(today=earlier)
    ComplianceSnapshot.objects.filter(unit=utbildning, taken_on=earlier).update(past_review=9)
    client.force_login(demo_user("huvudredaktor.utbildning"))
    response = client.get(reverse("navet_compliance"))
    states = response.context["states"]
    assert [state.unit for state in states] == [utbildning]
    assert [snapshot.past_review for snapshot in states[0].trend] == [9, today.past_review]


def test_w3_7_the_infomaster_sees_every_administration_a_head_editor_only_theirs(client, demo_user):
    client.force_login(demo_user("infomaster"))
    everyone = client.get(reverse("navet_compliance"))
    names = {str(state.unit) for state in everyone.context["states"]}
    assert {"Utbildningsförvaltningen", "Socialförvaltningen"} <= names
    client.force_login(demo_user("huvudredaktor.social"))
    html = client.get(reverse("navet_compliance")).content.decode()
    assert "Socialförvaltningen" in html and "Utbildningsförvaltningen" not in html
    # Refused: Wagtail's admin sends those without permission back to its dashboard.
    client.force_login(demo_user("redaktor.social"))
    assert client.get(reverse("navet_compliance")).status_code in (302, 403)


def test_w3_7_the_council_exports_csv(client, demo_user):
    client.force_login(demo_user("infomaster"))
    response = client.get(reverse("navet_compliance_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Förvaltning", "Publicerade sidor", "Passerat granskningsdatum"]
    assert any(row[0] == "Utbildningsförvaltningen" for row in rows[1:])


def test_w3_7_each_head_editor_gets_a_monthly_email_with_their_part(smtp_inbox, demo_user):
    call_command("send_compliance_reports", stdout=io.StringIO())
    person = demo_user("huvudredaktor.utbildning").person
    received = smtp_inbox.to(person.email)
    assert len(received) == 1
    body = received[0].get_content()
    assert "Utbildningsförvaltningen" in body and "Socialförvaltningen" not in body
    assert "Passerat granskningsdatum" in body
