"""Media inquiries (K2): Nyheter och media log them in the admin; the spokesperson assigned
and the administration's communications lead are told by email after the commit; who sees
which inquiry follows from role assignments; a monthly summary per administration and topic,
also as CSV."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from navet.organisation.models import Person, Unit
from navet.press import inquiries
from navet.press.models import InquiryStatus, MediaInquiry, Subscriber

from .helpers import after_commit, topic

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/snippets/press/mediainquiry/add/"
LIST_URL = "/admin/snippets/press/mediainquiry/"


def person(username) -> Person:
    return Person.objects.get(user__username=username)


def inquiry_form(**fields):
    return {
        "journalist": "Sara Lindahl",
        "outlet": "Corren",
        "journalist_email": "sara@corren.example",
        "journalist_phone": "",
        "question": "Hur många barn står i kö till förskolan?",
        "received_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "deadline": (timezone.localtime() + datetime.timedelta(hours=4)).strftime("%Y-%m-%d %H:%M"),
        "administration": Unit.objects.get(name="Utbildningsförvaltningen").pk,
        "topic": topic("skola").pk,
        "spokesperson": person("utbildningsdirektor").pk,
        "status": InquiryStatus.NEW,
        "answer": "",
        "answered_at": "",
        **fields,
    }


def test_k2_press_contact_logs_an_inquiry_and_the_spokesperson_and_lead_are_told(
    client, demo_user, smtp_inbox
):
    press = demo_user("pressekreterare")
    client.force_login(press)
    with after_commit():
        response = client.post(ADD_URL, inquiry_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    inquiry = MediaInquiry.objects.get(
        question__startswith="Hur många barn står i kö till förskolan"
    )
    assert inquiry.logged_by == press
    [to_spokesperson] = smtp_inbox.to("utbildningsdirektor@linkoping.se")
    [to_lead] = smtp_inbox.to("kommunikationsansvarig.utbildning@linkoping.se")
    assert "Corren" in to_spokesperson["Subject"]
    assert "talesperson" in to_spokesperson.get_content()
    assert "Hur många barn" in to_lead.get_content()
    assert len(smtp_inbox.messages) == 2


def test_k2_a_new_spokesperson_is_told_and_saving_again_tells_nobody(smtp_inbox):
    with after_commit():
        inquiry = MediaInquiry.objects.create(
            journalist="Johan Ek",
            outlet="SVT Öst",
            question="Varför dröjer öppnandet?",
            administration=Unit.objects.get(name="Socialförvaltningen"),
        )
    assert [m["X-Envelope-To"] for m in smtp_inbox.messages] == [
        "kommunikationsansvarig.social@linkoping.se"
    ]
    with after_commit():
        inquiry.spokesperson = person("socialdirektor")
        inquiry.save()
    assert len(smtp_inbox.to("socialdirektor@linkoping.se")) == 1
    with after_commit():
        inquiry.status = InquiryStatus.IN_PROGRESS
        inquiry.save()
    assert len(smtp_inbox.messages) == 3


def test_an_answered_inquiry_needs_its_answer(client, demo_user):
    client.force_login(demo_user("pressekreterare"))
    response = client.post(ADD_URL, inquiry_form(status=InquiryStatus.ANSWERED))
    assert response.status_code == 200
    assert "Skriv svaret" in response.content.decode()
    assert not MediaInquiry.objects.filter(question__contains="kö till förskolan").exists()


def test_hostile_input_gives_errors_not_failures(client, demo_user):
    client.force_login(demo_user("pressekreterare"))
    response = client.post(
        ADD_URL,
        inquiry_form(
            journalist="x\x00y", deadline="igår", administration="abc", question="q" * 6000
        ),
    )
    assert response.status_code == 200
    assert not MediaInquiry.objects.filter(journalist__startswith="x").exists()


def listed(client) -> str:
    response = client.get(LIST_URL)
    return response.content.decode() if response.status_code == 200 else ""


def test_k2_who_sees_which_inquiry_follows_from_role_assignments(client, demo_user):
    # Nyheter och media see everything.
    client.force_login(demo_user("pressekreterare"))
    html = listed(client)
    assert "Corren" in html and "SVT Öst" in html and "P4 Östergötland" in html
    # The communications lead of Socialförvaltningen sees that administration's only.
    client.force_login(demo_user("kommunikationsansvarig.social"))
    html = listed(client)
    assert "SVT Öst" in html and "Corren" not in html
    # A spokesperson sees those assigned to them.
    client.force_login(demo_user("utbildningsdirektor"))
    html = listed(client)
    assert "Corren" in html and "SVT Öst" not in html and "P4 Östergötland" not in html
    # Another administration's inquiry cannot be opened by its address.
    other = MediaInquiry.objects.get(outlet="SVT Öst")
    assert client.get(f"{LIST_URL}edit/{other.pk}/").status_code in (302, 403)
    # A communicator outside Nyheter och media, with no lead role, sees none.
    client.force_login(demo_user("chef.planerad"))
    assert "Corren" not in listed(client)
    # An employee without a role does not get into the admin at all.
    client.force_login(demo_user("medarbetare"))
    assert client.get(LIST_URL).status_code in (302, 403)


def test_subscribers_are_personal_data_only_for_nyheter_och_media(client, demo_user):
    client.force_login(demo_user("pressekreterare"))
    assert (
        "nyhetsdesk@corren.example"
        in client.get("/admin/snippets/press/subscriber/").content.decode()
    )
    subscriber = Subscriber.objects.get(email="nyhetsdesk@corren.example")
    edit = f"/admin/snippets/press/subscriber/edit/{subscriber.pk}/"
    assert client.get(edit).status_code in (302, 403)  # only the journalist's consent changes it
    client.force_login(demo_user("chef.planerad"))  # a communicator of Planerad kommunikation
    response = client.get("/admin/snippets/press/subscriber/")
    assert response.status_code in (302, 403)


def summary_for_this_month():
    return inquiries.monthly_summary(
        month=timezone.localdate().replace(day=1), inquiries=MediaInquiry.objects.all()
    )


def test_k2_monthly_summary_per_administration_and_topic():
    utbildning = Unit.objects.get(name="Utbildningsförvaltningen")
    now = timezone.now()
    MediaInquiry.objects.all().delete()
    for status, answered_late in (
        (InquiryStatus.ANSWERED, False),
        (InquiryStatus.ANSWERED, True),
        (InquiryStatus.NEW, False),
    ):
        MediaInquiry.objects.create(
            journalist="J",
            outlet="O",
            question="Q",
            received_at=now,
            deadline=now + datetime.timedelta(hours=1),
            answered_at=now + datetime.timedelta(hours=2 if answered_late else 0),
            answer="Svar" if status == InquiryStatus.ANSWERED else "",
            administration=utbildning,
            topic=topic("skola"),
            status=status,
        )
    [row] = summary_for_this_month()
    assert (row.administration, row.topic) == ("Utbildningsförvaltningen", "Förskola och skola")
    assert (row.received, row.answered, row.answered_by_deadline, row.open) == (3, 2, 1, 1)


def test_summary_as_csv_in_the_admin_for_what_the_user_may_see(client, demo_user):
    client.force_login(demo_user("kommunikationsansvarig.social"))
    month = timezone.localdate().strftime("%Y-%m")
    page = client.get(f"/admin/reports/medieforfragningar/?manad={month}")
    assert page.status_code == 200
    response = client.get(f"/admin/reports/medieforfragningar/?manad={month}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Förvaltning"
    assert {row[0] for row in rows[1:]} <= {"Socialförvaltningen"}
    # A hostile month is the current month, not an error.
    assert client.get("/admin/reports/medieforfragningar/?manad=9999-99").status_code == 200


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    row = inquiries.SummaryRow(administration="=HYPERLINK(1)", topic="+1")
    rows = list(csv.reader(io.StringIO(inquiries.summary_csv([row]))))
    assert rows[1][:2] == ["'=HYPERLINK(1)", "'+1"]


def test_an_employee_cannot_see_the_summary(client, demo_user):
    client.force_login(demo_user("medarbetare"))
    assert client.get("/admin/reports/medieforfragningar/").status_code in (302, 403)
