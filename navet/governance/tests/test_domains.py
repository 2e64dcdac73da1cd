"""W3.6: all external pages live under the municipality's one domain; an exception only by
the municipal director's decision. Approved exceptions in force count as the
municipality's own when links are marked, until they expire; a report lists the links to
hosts that only look like the municipality's."""

import datetime
import io

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState
from wagtail.rich_text import RichText

from navet.governance.domains import look_alike_links, outbound_links
from navet.governance.models import DomainException, OwnDomain
from navet.language.domains import OWN_DOMAINS_CACHE_KEY, own_domains
from navet.language.engine.domains import belongs_to, looks_like_ours, name_label
from navet.language.services import review_page
from navet.organisation.models import Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import new_person
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db

FESTIVAL = "linkopingsfestivalen.nu"
OURS = {"linkoping.se", "localhost", "intranet.localhost"}


def director():
    unit = Unit.objects.get(name="Kommunledningsförvaltningen")
    return new_person(username="kommundirektor.test", unit=unit, role=Role.MUNICIPAL_DIRECTOR).user


def exception_form(**fields):
    unit = Unit.objects.get(name="Kultur- och fritidsförvaltningen")
    in_a_year = timezone.localdate() + datetime.timedelta(days=365)
    return {
        "domain": FESTIVAL,
        "purpose": "Linköpingsfestivalens egen webbplats under festivalveckan.",
        "owning_unit": str(unit.pk),
        "expires_on": in_a_year.isoformat(),
        "decision_reference": "",
        **fields,
    }


def request_exception(client, demo_user, **fields):
    """A head editor asks for an exception for their administration and submits it."""
    client.force_login(demo_user("huvudredaktor.kultur"))
    response = client.post(
        reverse("wagtailsnippets_governance_domainexception:add"),
        exception_form(**fields) | {"action-submit": "action-submit"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    exception = DomainException.objects.get(domain=fields.get("domain", FESTIVAL))
    assert exception.workflow_in_progress
    assert not exception.live
    return exception


def action_url(exception, action, state):
    return reverse(
        "wagtailsnippets_governance_domainexception:workflow_action",
        args=[quote(exception.pk), action, state.pk],
    )


def approve_as(client, user, exception, *, comment=""):
    state = exception.current_workflow_task_state
    client.force_login(user)
    return client.post(action_url(exception, "approve", state), {"comment": comment})


def page_linking(*hrefs, title="Festivalveckan i Linköping"):
    unit = Unit.objects.get(name="Kultur- och fritidsförvaltningen")
    links = " ".join(f'<a href="{href}">Länk {number}</a>' for number, href in enumerate(hrefs))
    page = ContentPage(
        title=title,
        slug="festivalveckan",
        intro="Allt om festivalveckan.",
        owning_unit=unit,
        body=[("paragraph", RichText(f"<p>Läs mer: {links}</p>"))],
    )
    unit.public_section.add_child(instance=page)
    return page


def marked_external(content: str, href: str) -> bool:
    start = content.index(f'<a href="{href}"')
    anchor = content[start : content.index("</a>", start)]
    return 'class="external-link"' in anchor


# Who decides


def test_W3_6_an_exception_is_approved_by_the_municipal_director_only(client, demo_user):
    exception = request_exception(client, demo_user)
    state = exception.current_workflow_task_state
    assert state.task.name == "Kommundirektörens beslut"
    for username in ("huvudredaktor.kultur", "kommunikationsdirektor", "infomaster", "webmaster"):
        approve_as(client, demo_user(username), exception)
        exception.refresh_from_db()
        assert not exception.live, username
        assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS

    the_director = director()
    response = approve_as(client, the_director, exception, comment="Beviljas till och med 2027.")
    assert response.status_code in (200, 302)
    exception.refresh_from_db()
    assert exception.live
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    assert ModelLogEntry.objects.filter(
        object_id=str(exception.pk), action="wagtail.workflow.approve", user=the_director
    ).exists()
    assert FESTIVAL in [item.domain for item in DomainException.objects.in_force()]


def test_W3_6_a_refused_exception_keeps_its_history(client, demo_user):
    exception = request_exception(client, demo_user)
    state = exception.current_workflow_task_state
    client.force_login(director())
    refuse = action_url(exception, "reject", state)
    # A refusal states its reason.
    client.post(refuse, {"comment": ""})
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS
    client.post(refuse, {"comment": "Festivalen ryms under linkoping.se."})
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_REJECTED
    exception = DomainException.objects.get(pk=exception.pk)
    assert not exception.live
    assert exception.revisions.exists()
    refusal = ModelLogEntry.objects.get(
        object_id=str(exception.pk), action="wagtail.workflow.reject"
    )
    assert refusal.data["comment"] == "Festivalen ryms under linkoping.se."
    assert FESTIVAL not in own_domains()


# Links to it


def test_W3_6_links_to_an_approved_exception_in_force_are_not_external(
    client, demo_user, public_client
):
    page = page_linking(f"https://{FESTIVAL}/program/", "https://festivalbokning.example.org/")
    path = page.get_url_parts()[2]
    content = public_client.get(path).content.decode()
    assert marked_external(content, f"https://{FESTIVAL}/program/")  # not yet decided

    exception = request_exception(client, demo_user)
    content = public_client.get(path).content.decode()
    assert marked_external(content, f"https://{FESTIVAL}/program/")  # requested is not approved

    approve_as(client, director(), exception)
    assert FESTIVAL in own_domains()
    content = public_client.get(path).content.decode()  # the cached page was purged
    assert not marked_external(content, f"https://{FESTIVAL}/program/")
    assert marked_external(content, "https://festivalbokning.example.org/")

    # Its last day in force was yesterday: the daily command takes it away from every page.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    DomainException.objects.filter(pk=exception.pk).update(expires_on=yesterday)
    out = io.StringIO()
    call_command("expire_domain_exceptions", stdout=out)
    assert FESTIVAL in out.getvalue()
    assert cache.get(OWN_DOMAINS_CACHE_KEY) is None
    content = public_client.get(path).content.decode()
    assert marked_external(content, f"https://{FESTIVAL}/program/")

    # Run again the same day: nothing more expired, nothing purged.
    out = io.StringIO()
    call_command("expire_domain_exceptions", stdout=out)
    assert FESTIVAL not in out.getvalue()


def test_W3_6_the_language_review_questions_a_look_alike_until_its_exception_is_approved(
    client, demo_user
):
    page = page_linking(f"https://{FESTIVAL}/program/", "https://festivalbokning.example.org/")

    def questioned():
        review = review_page(ContentPage.objects.get(pk=page.pk))
        return [f.message for f in review.findings if f.rule == "W3.6.look-alike-link"]

    assert len(questioned()) == 1
    assert FESTIVAL in questioned()[0]
    exception = request_exception(client, demo_user)
    assert len(questioned()) == 1  # requested is not approved
    approve_as(client, director(), exception)
    assert questioned() == []


def test_W3_6_a_registered_own_domain_counts_as_own_at_once(public_client):
    page = page_linking("https://linkopingsbibliotek.se/")
    path = page.get_url_parts()[2]
    assert marked_external(
        public_client.get(path).content.decode(), "https://linkopingsbibliotek.se/"
    )
    OwnDomain.objects.create(name="linkopingsbibliotek.se")
    assert "linkopingsbibliotek.se" in own_domains()
    assert not marked_external(
        public_client.get(path).content.decode(), "https://linkopingsbibliotek.se/"
    )
    OwnDomain.objects.filter(name="linkopingsbibliotek.se").delete()
    assert marked_external(
        public_client.get(path).content.decode(), "https://linkopingsbibliotek.se/"
    )


# Look-alikes


@pytest.mark.parametrize(
    "host,looks",
    [
        ("linkoping-kampanj.se", True),
        ("linkopingsfestivalen.nu", True),
        ("linkoping.se.evil.com", True),
        ("LINKOPING-KAMPANJ.SE.", True),
        ("linköping.nu", True),
        ("link-oping.com", True),
        ("linkoping.se", False),
        ("www.linkoping.se", False),
        ("e-tjanster.linkoping.se", False),
        ("kommun.se", False),
        ("1177.se", False),
        ("localhost.example.com", False),  # a development host name is not a brand
        ("intranet.example.com", False),
        ("", False),
    ],
)
def test_W3_6_looks_like_ours(host, looks):
    assert looks_like_ours(host, OURS) is looks


def test_W3_6_look_alike_helpers():
    assert name_label("www.linkoping.se") == "linkoping"
    assert name_label("kommun.co.uk") == "kommun"
    assert name_label("intranet.localhost") == ""
    assert name_label("localhost") == ""
    assert belongs_to("E.Linkoping.se", {"linkoping.se"})
    assert not belongs_to("linkoping.se.evil.com", {"linkoping.se"})
    # An exception in force is ours; a look-alike of it is not.
    assert not looks_like_ours(FESTIVAL, {*OURS, FESTIVAL})
    assert looks_like_ours("linkopingsfestivalen-biljetter.nu", {*OURS, FESTIVAL})


def test_W3_6_outbound_links_come_from_the_body_and_rich_text():
    page = page_linking(
        "https://linkoping-kampanj.se/a", "/intern/sida/", "mailto:kommun@linkoping.se"
    )
    assert outbound_links(page) == ["https://linkoping-kampanj.se/a"]


def test_W3_6_the_look_alike_report_lists_links_to_unregistered_look_alikes(client, demo_user):
    DomainException.objects.create(
        domain=FESTIVAL,
        purpose="Festivalen.",
        owning_unit=Unit.objects.get(name="Kultur- och fritidsförvaltningen"),
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        decision_reference="KS 2026-12",
        live=True,
    )
    page = page_linking(
        "https://linkoping-kampanj.se/var/",
        "https://www.linkoping.se/bygglov/",
        f"https://{FESTIVAL}/",
        "https://www.1177.se/",
    )
    rows = [row for row in look_alike_links() if row.page_id == page.pk]
    assert [(row.url, row.host) for row in rows] == [
        ("https://linkoping-kampanj.se/var/", "linkoping-kampanj.se")
    ]

    client.force_login(demo_user("infomaster"))
    content = client.get(reverse("navet_look_alike_links")).content.decode()
    assert "Länkar till liknande domäner" in content
    assert "https://linkoping-kampanj.se/var/" in content
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in content
    assert "https://www.linkoping.se/bygglov/" not in content
    assert f"https://{FESTIVAL}/" not in content

    export = client.get(reverse("navet_look_alike_links") + "?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert "linkoping-kampanj.se" in csv and "Festivalveckan i Linköping" in csv
    assert client.get(reverse("navet_look_alike_links") + "?export=xlsx").status_code == 200

    # A live page of the intranet counts too; a draft does not.
    unit = Unit.objects.get(name="Kultur- och fritidsförvaltningen")
    draft = ContentPage(
        title="Utkast",
        slug="utkast",
        owning_unit=unit,
        live=False,
        body=[("paragraph", RichText('<p><a href="https://linkoping-utkast.se/">x</a></p>'))],
    )
    unit.public_section.add_child(instance=draft)
    assert "https://linkoping-utkast.se/" not in [row.url for row in look_alike_links()]


def test_W3_6_the_reports_are_for_those_who_read_the_registers(client):
    outsider = new_person(
        username="utan.roll", unit=Unit.objects.get(name="Kultur- och fritidsförvaltningen")
    ).user
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(reverse("navet_look_alike_links")).status_code in (302, 403)


# Hostile and incomplete input


@pytest.mark.parametrize(
    "domain",
    ["not a domain", "http://", "linkoping", "-linkoping.se", "a" * 64 + ".se", "<script>.se"],
)
def test_W3_6_invalid_domains_are_refused_with_a_message(client, demo_user, domain):
    exceptions, own = DomainException.objects.count(), OwnDomain.objects.count()
    client.force_login(demo_user("huvudredaktor.kultur"))
    response = client.post(
        reverse("wagtailsnippets_governance_domainexception:add"),
        exception_form(domain=domain) | {"action-submit": "action-submit"},
    )
    assert response.status_code == 200
    assert "Skriv ett domännamn som linkoping.se" in response.content.decode()
    assert DomainException.objects.count() == exceptions

    client.force_login(demo_user("webmaster"))
    response = client.post(
        reverse("wagtailsnippets_governance_owndomain:add"), {"name": domain, "note": ""}
    )
    assert response.status_code == 200
    assert "Skriv ett domännamn som linkoping.se" in response.content.decode()
    assert OwnDomain.objects.count() == own


def test_W3_6_an_address_is_stored_as_its_bare_domain(client, demo_user):
    client.force_login(demo_user("webmaster"))
    response = client.post(
        reverse("wagtailsnippets_governance_owndomain:add"),
        {"name": "https://www.Linkopingsbibliotek.se/om/", "note": "Biblioteken"},
    )
    assert response.status_code == 302
    assert OwnDomain.objects.filter(name="linkopingsbibliotek.se").exists()


def test_W3_6_an_expiry_date_in_the_past_is_refused(client, demo_user):
    exceptions = DomainException.objects.count()
    client.force_login(demo_user("huvudredaktor.kultur"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("wagtailsnippets_governance_domainexception:add"),
        exception_form(expires_on=yesterday.isoformat()) | {"action-submit": "action-submit"},
    )
    assert response.status_code == 200
    assert "Slutdatumet har redan passerat" in response.content.decode()
    assert DomainException.objects.count() == exceptions
