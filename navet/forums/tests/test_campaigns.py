"""K6.1: the leadership forum's joint campaign plan: overlaps on the same audience or
channel shown, the prioritisation recorded, views per month and per channel, CSV and
iCalendar exports — on the intranet only."""

import csv
import datetime
import io

import icalendar
import pytest
from django.core.exceptions import PermissionDenied

from navet.forums import campaigns as plan
from navet.forums import services
from navet.forums.models import Campaign, CampaignStatus
from navet.governance.models import Channel, ChannelAudience
from navet.organisation.models import Unit

from .helpers import LEADERSHIP, forum, person

pytestmark = pytest.mark.django_db
INTRANET = "intranet.localhost"


def campaign(name, *, start, end, audiences=(), channels=(), owner="Utbildningsförvaltningen"):
    item = Campaign(
        name=name,
        owner=Unit.objects.get(name=owner),
        starts_on=start,
        ends_on=end,
        status=CampaignStatus.PLANNED,
    )
    item.audiences = list(audiences)
    item.channels = list(channels)
    item.save()
    return item


@pytest.fixture
def three():
    residents = ChannelAudience.objects.get(name="Invånare")
    staff = ChannelAudience.objects.get(name="Medarbetare")
    social = Channel.objects.get(name="Sociala medier")
    intranet = Channel.objects.get(name__startswith="Intranätet")
    first = campaign(
        "Test A",
        start=datetime.date(2030, 3, 1),
        end=datetime.date(2030, 3, 31),
        audiences=[residents],
        channels=[social],
    )
    same_channel = campaign(
        "Test B",
        start=datetime.date(2030, 3, 20),
        end=datetime.date(2030, 4, 10),
        audiences=[staff],
        channels=[social],
    )
    apart = campaign(
        "Test C",
        start=datetime.date(2030, 3, 5),
        end=datetime.date(2030, 3, 9),
        audiences=[staff],
        channels=[intranet],
    )
    return first, same_channel, apart


def test_k6_1_overlaps_on_the_same_audience_or_channel(three):
    first, same_channel, apart = three
    found = plan.overlaps([first, same_channel, apart])
    assert [o.other for o in found[first.pk]] == [same_channel]
    assert [str(c) for c in found[first.pk][0].channels] == ["Sociala medier"]
    # Same audience as B (staff), but B starts after C has ended.
    assert found[apart.pk] == []
    later = campaign(
        "Test D",
        start=datetime.date(2030, 4, 1),
        end=datetime.date(2030, 4, 30),
        audiences=[ChannelAudience.objects.get(name="Medarbetare")],
    )
    found = plan.overlaps([same_channel, later])
    assert [str(a) for a in found[later.pk][0].audiences] == ["Medarbetare"]


def test_k6_1_month_view_shows_campaigns_and_overlaps(client, demo_user, three):
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("kommunikationsansvarig.utbildning"))
    page = client.get("/forum/kampanjer/?manad=2030-03").content.decode()
    assert "Test A" in page and "Test B" in page and "Test C" in page
    assert "Samma kanal" in page
    april = client.get("/forum/kampanjer/?manad=2030-04").content.decode()
    assert "Test B" in april and "Test A" not in april
    # A bad month is today's month, not an error page.
    assert client.get("/forum/kampanjer/?manad=2030-13").status_code == 200


def test_k6_1_channel_view(client, demo_user, three):
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("medarbetare"))
    social = Channel.objects.get(name="Sociala medier")
    page = client.get(f"/forum/kampanjer/kanal/{social.pk}/").content.decode()
    assert "Test A" in page and "Test B" in page and "Test C" not in page


def test_k6_1_exports_csv_and_icalendar(client, demo_user, three):
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("kommunikationsansvarig.social"))
    response = client.get("/forum/kampanjer/kampanjplan.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert header[0] == "Kampanj"
    assert body["Test A"][1] == "Utbildningsförvaltningen"
    assert "Test B" in body["Test A"][-1]

    calendar = icalendar.Calendar.from_ical(client.get("/forum/kampanjer/kampanjplan.ics").content)
    events = {str(e["SUMMARY"]).split(" (")[0]: e for e in calendar.walk("VEVENT")}
    # All-day, the end exclusive (RFC 5545).
    assert events["Test A"].decoded("DTSTART") == datetime.date(2030, 3, 1)
    assert events["Test A"].decoded("DTEND") == datetime.date(2030, 4, 1)

    client.logout()
    assert client.get("/forum/kampanjer/kampanjplan.csv").status_code == 302
    assert client.get("/forum/kampanjer/kampanjplan.csv", HTTP_HOST="localhost").status_code == 404


def test_k6_1_a_spreadsheet_formula_is_not_exported_as_one(three):
    evil = campaign("=HYPERLINK(1)", start=datetime.date(2030, 3, 1), end=datetime.date(2030, 3, 2))
    text = plan.as_csv([evil])
    assert "'=HYPERLINK(1)" in text


def test_k6_1_the_leadership_forum_records_its_prioritisation(client, demo_user, three):
    first, _second, _third = three
    meeting = forum(LEADERSHIP).meetings.first()
    with pytest.raises(PermissionDenied):
        services.prioritise_campaign(
            campaign=first,
            person=person("kommunikationsansvarig.utbildning"),
            meeting=meeting,
            priority=1,
        )
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("kommunikationsdirektor"))
    client.post(
        f"/forum/kampanjer/{first.pk}/prioritera/",
        {"meeting": meeting.pk, "priority": 1, "note": "Viktigast i mars"},
    )
    first.refresh_from_db()
    assert (first.priority, first.prioritised_at, first.prioritisation_note) == (
        1,
        meeting,
        "Viktigast i mars",
    )


def test_k6_1_the_demo_plan_has_a_dozen_campaigns_with_an_overlap():
    campaigns = list(plan.planned())
    assert Campaign.objects.count() >= 12
    assert any(plan.overlaps(campaigns).values())
    assert Campaign.objects.filter(prioritised_at__forum__slug=LEADERSHIP).exists()


def test_k6_1_bad_input_is_refused_without_an_error_page(client, demo_user, three):
    first, _second, _third = three
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("kommunikationsdirektor"))
    response = client.post(
        f"/forum/kampanjer/{first.pk}/prioritera/", {"meeting": "abc", "priority": 1}
    )
    assert response.status_code == 404
    meeting = forum(LEADERSHIP).meetings.first()
    response = client.post(
        f"/forum/kampanjer/{first.pk}/prioritera/",
        {"meeting": meeting.pk, "priority": "noll"},
        follow=True,
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.priority is None
    # The calendar address form never sends anyone to another site.
    response = client.post("/forum/kalenderadress/", {"next": "https://example.com/"})
    assert response["Location"] == "/forum/"
