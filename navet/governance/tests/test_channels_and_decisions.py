"""K5: the common channels, digital first, others as complements. And the registers'
decision log for the web council (W4.3, W3.6, K5): who decided what, when, why and under
which reference."""

import datetime

import pytest
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log

from navet.governance.channels import channels_by_audience
from navet.governance.decisions import action_label
from navet.governance.models import Channel, ChannelAudience, ChannelKind, DomainException
from navet.organisation.models import Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import new_person

pytestmark = pytest.mark.django_db


def channel(name, *, kind, digital, priority, audiences, crisis=False):
    item = Channel(
        name=name,
        kind=kind,
        owning_unit=Unit.objects.get(name="Kommunledningsförvaltningen"),
        purpose=f"Syftet med {name}.",
        is_digital=digital,
        priority=priority,
        primary_in_crisis=crisis,
    )
    item.audiences.set(audiences)
    item.save()
    return item


@pytest.fixture
def audiences():
    residents = ChannelAudience.objects.create(name="Test: invånare", sort_order=1)
    staff = ChannelAudience.objects.create(name="Test: medarbetare", sort_order=2)
    channel(
        "Test kontaktcenter",
        kind=ChannelKind.CONTACT_CENTRE,
        digital=False,
        priority=2,
        audiences=[residents],
        crisis=True,
    )
    channel(
        "Test press",
        kind=ChannelKind.PRESS,
        digital=False,
        priority=1,
        audiences=[residents],
    )
    channel(
        "Test sociala medier",
        kind=ChannelKind.SOCIAL_MEDIA,
        digital=True,
        priority=5,
        audiences=[residents],
    )
    channel(
        "Test webben",
        kind=ChannelKind.EXTERNAL_WEB,
        digital=True,
        priority=1,
        audiences=[residents],
        crisis=True,
    )
    channel(
        "Test intranätet",
        kind=ChannelKind.INTRANET,
        digital=True,
        priority=1,
        audiences=[staff],
    )
    channel(
        "Test personaltidningen",
        kind=ChannelKind.STAFF_MAGAZINE,
        digital=False,
        priority=1,
        audiences=[staff],
    )
    return residents, staff


def test_K5_digital_channels_come_first_for_each_audience(audiences):
    residents, staff = audiences
    groups = {group.audience: group for group in channels_by_audience() if group.audience}
    for_residents = groups[residents]
    assert [entry.channel.name for entry in for_residents.entries] == [
        "Test webben",
        "Test sociala medier",
        "Test press",
        "Test kontaktcenter",
    ]
    assert [entry.digital_first for entry in for_residents.entries] == [True, False, False, False]
    assert [entry.channel.name for entry in for_residents.complements] == [
        "Test press",
        "Test kontaktcenter",
    ]
    assert [entry.channel.name for entry in groups[staff].entries] == [
        "Test intranätet",
        "Test personaltidningen",
    ]
    # A lower priority number of a non-digital channel never puts it before a digital one.
    assert groups[staff].entries[0].digital_first


def test_K5_the_admin_view_shows_digital_first_and_the_crisis_channels(
    client, demo_user, audiences
):
    client.force_login(demo_user("infomaster"))
    content = client.get(reverse("navet_channels_digital_first")).content.decode()
    assert "Kanaler – digitalt först" in content
    residents = content[content.index("Test: invånare") : content.index("Test: medarbetare")]
    order = [residents.index(name) for name in ("Test webben", "Test sociala medier", "Test press")]
    assert order == sorted(order)
    assert residents.count("Digitalt först</span>") == 1
    assert residents.index("Digitalt först</span>") < residents.index("Test sociala medier")
    assert residents.count("Primär i kris</span>") == 2
    assert "Kommunledningsförvaltningen" in residents
    assert "Syftet med Test kontaktcenter." in residents
    assert "Komplement" in residents


# The decision log


@pytest.fixture
def the_director():
    unit = Unit.objects.get(name="Kommunledningsförvaltningen")
    return new_person(username="kommundirektor.test", unit=unit, role=Role.MUNICIPAL_DIRECTOR).user


def requested_exception(client, demo_user, domain):
    client.force_login(demo_user("huvudredaktor.kultur"))
    response = client.post(
        reverse("wagtailsnippets_governance_domainexception:add"),
        {
            "domain": domain,
            "purpose": "En kampanj under eget namn.",
            "owning_unit": str(Unit.objects.get(name="Kultur- och fritidsförvaltningen").pk),
            "expires_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
            "decision_reference": "",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302
    return DomainException.objects.get(domain=domain)


def decide(client, user, exception, action, comment):
    state = exception.current_workflow_task_state
    client.force_login(user)
    url = reverse(
        "wagtailsnippets_governance_domainexception:workflow_action",
        args=[quote(exception.pk), action, state.pk],
    )
    return client.post(url, {"comment": comment})


def decision_log(client, **params):
    return client.get(reverse("navet_register_decisions"), params).content.decode()


def test_K5_W3_6_the_decision_log_lists_an_approval_with_who_when_and_reference(
    client, demo_user, the_director
):
    exception = requested_exception(client, demo_user, "linkopingsfestivalen.nu")
    decide(client, the_director, exception, "approve", "Beviljas för festivalen.")
    DomainException.objects.filter(pk=exception.pk).update(decision_reference="KS 2026-77")

    client.force_login(demo_user("infomaster"))
    content = decision_log(client)
    assert "Beslutslogg för registren" in content
    with translation.override("sv"):
        approved = action_label("wagtail.workflow.approve")
    row_start = content.index("Beviljas för festivalen.")
    row = content[content.rindex("<tr", 0, row_start) : content.index("</tr>", row_start)]
    assert "linkopingsfestivalen.nu" in row
    assert approved in row
    assert "kommundirektor.test" in row
    assert "Kommundirektörens beslut" in row
    assert "KS 2026-77" in row
    assert timezone.localtime().strftime("%Y-%m-%d") in row
    assert "Undantag från kommunens domän" in row
    edit = reverse("wagtailsnippets_governance_domainexception:edit", args=[quote(exception.pk)])
    assert edit in content
    # The request and its submission are in the log too.
    assert "huvudredaktor.kultur" in content

    export = client.get(reverse("navet_register_decisions"), {"export": "csv"})
    csv = b"".join(export.streaming_content).decode()
    heading, *lines = csv.splitlines()
    assert heading.startswith("Tid,Register,Post,Åtgärd,Vem,Steg,Kommentar eller motivering")
    approval = next(line for line in lines if "Beviljas för festivalen." in line)
    assert "kommundirektor.test" in approval and "KS 2026-77" in approval
    assert approved in approval and "linkopingsfestivalen.nu" in approval
    xlsx = client.get(reverse("navet_register_decisions"), {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_K5_W3_6_a_refusal_appears_with_its_reason(client, demo_user, the_director):
    exception = requested_exception(client, demo_user, "linkoping-kampanj.se")
    decide(client, the_director, exception, "reject", "Kampanjen ryms under linkoping.se.")
    client.force_login(demo_user("infomaster"))

    refusals = decision_log(client, action="wagtail.workflow.reject")
    assert "Kampanjen ryms under linkoping.se." in refusals
    assert "kommundirektor.test" in refusals
    with translation.override("sv"):
        assert action_label("wagtail.workflow.reject") in refusals
    assert "linkoping-kampanj.se" in refusals

    approvals = decision_log(client, action="wagtail.workflow.approve")
    assert "Kampanjen ryms under linkoping.se." not in approvals


def test_K5_the_decision_log_filters_by_register_user_and_date(client, demo_user, audiences):
    infomaster = demo_user("infomaster")
    web = Channel.objects.get(name="Test webben")
    log(web, "wagtail.edit", user=infomaster)
    outsider = DomainException.objects.create(
        domain="kampanj.example.org",
        purpose="Test.",
        owning_unit=Unit.objects.get(name="Kultur- och fritidsförvaltningen"),
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    log(outsider, "wagtail.create", user=demo_user("huvudredaktor.kultur"))
    client.force_login(infomaster)

    channels = ContentType.objects.get_for_model(Channel)
    only_channels = decision_log(client, register=channels.pk)
    assert "kampanj.example.org" not in only_channels
    assert "Test webben" in only_channels

    by_infomaster = decision_log(client, user=infomaster.pk)
    assert "kampanj.example.org" not in by_infomaster

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "kampanj.example.org" not in decision_log(client, timestamp_from=tomorrow)
    today = timezone.localdate().isoformat()
    assert "kampanj.example.org" in decision_log(client, timestamp_from=today)


def test_K5_the_registers_reports_need_the_right_to_read_the_registers(client, demo_user):
    client.force_login(demo_user("infomaster"))
    assert client.get(reverse("navet_register_decisions")).status_code == 200
    assert client.get(reverse("navet_channels_digital_first")).status_code == 200
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("navet_register_decisions") in menu
    assert reverse("navet_look_alike_links") in menu
