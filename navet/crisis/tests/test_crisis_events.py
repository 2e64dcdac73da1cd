"""Crisis events and their updates: who leads them (K2, K4), intranet first (W3.3b), the
language review (W3.3e), two-person confirmation and the log for the evaluation."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from navet.crisis import services
from navet.crisis.models import (
    CrisisEvent,
    CrisisSettings,
    CrisisUpdate,
    EventStatus,
    Level,
    LogAction,
    UpdateStatus,
)
from navet.organisation.models import Unit

from .helpers import after_commit, publish_everywhere, start, write

pytestmark = pytest.mark.django_db


def test_k2_the_on_call_communicator_starts_an_event_and_it_is_logged(demo_user):
    event = start(demo_user("kib"))
    assert event.status == EventStatus.ACTIVE and event.started_at is not None
    entry = event.log.get()
    assert entry.action == LogAction.STARTED and entry.actor_name == "Erik Sandberg"


@pytest.mark.parametrize(
    "username", ["kib", "infomaster", "pressekreterare"], ids=["kib", "infomaster", "nyheter"]
)
def test_k2_crisis_leaders_come_from_role_assignments(demo_user, username):
    assert start(demo_user(username)).is_active


@pytest.mark.parametrize(
    "username", ["chef.planerad", "huvudredaktor.utbildning", "kommunikationsansvarig.utbildning"]
)
def test_k2_others_may_not_start_a_crisis(demo_user, username):
    with pytest.raises(PermissionDenied, match="K2"):
        start(demo_user(username))
    assert not CrisisEvent.objects.exists() or not CrisisEvent.objects.active().exists()


def test_k2_an_ended_assignment_no_longer_leads(demo_user):
    kib = demo_user("kib")
    kib.person.role_assignments.update(valid_to=timezone.localdate() - timezone.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        start(kib)


def test_k4_the_administration_takes_over_after_the_hand_over(demo_user):
    kib, lead = demo_user("kib"), demo_user("kommunikationsansvarig.utbildning")
    event = start(kib, unit=Unit.objects.get(name="Utbildningsförvaltningen"))
    with pytest.raises(PermissionDenied, match="K4"):
        write(lead, event)
    services.hand_over(user=kib, event=event)
    update = write(lead, event)
    services.publish_on_intranet(user=lead, update=update)
    services.end_event(user=lead, event=event)
    actions = list(event.log.values_list("action", flat=True))
    assert actions == [
        LogAction.STARTED,
        LogAction.HANDED_OVER,
        LogAction.UPDATE_WRITTEN,
        LogAction.PUBLISHED_INTRANET,
        LogAction.ENDED,
    ]
    # Another administration's lead does not take over.
    other = start(kib)
    services.hand_over(user=kib, event=other)
    with pytest.raises(PermissionDenied):
        write(demo_user("kommunikationsansvarig.social"), other)


def test_w3_3b_an_update_goes_live_on_the_intranet_before_the_public_website(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    with pytest.raises(ValidationError, match=r"W3\.3b"):
        services.publish_publicly(user=kib, update=update)
    update.refresh_from_db()
    assert update.public_published_at is None
    publish_everywhere(kib, update)
    update.refresh_from_db()
    assert update.intranet_published_at < update.public_published_at


def test_w3_3b_the_database_refuses_public_before_intranet(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisUpdate.objects.filter(pk=update.pk).update(public_published_at=timezone.now())


def test_w3_3b_an_update_for_staff_only_stays_on_the_intranet(
    demo_user, public_client, intranet_client
):
    kib = demo_user("kib")
    event = start(kib)
    public = write(kib, event)
    publish_everywhere(kib, public)
    internal = write(kib, event, title="Till personalen: samling i stadshuset", internal_only=True)
    services.publish_on_intranet(user=kib, update=internal)
    with pytest.raises(ValidationError, match=r"W3\.3b"):
        services.publish_publicly(user=kib, update=internal)

    page = public_client.get(event.public_path()).content.decode()
    assert public.title in page and internal.title not in page
    intranet_client.force_login(demo_user("redaktor.social"))
    page = intranet_client.get(event.public_path()).content.decode()
    assert public.title in page and internal.title in page


def test_w3_2_the_intranet_crisis_page_needs_login(demo_user, intranet_client):
    kib = demo_user("kib")
    event = start(kib)
    services.publish_on_intranet(user=kib, update=write(kib, event))
    response = intranet_client.get(event.public_path())
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_the_public_page_waits_for_a_public_update(demo_user, public_client):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    services.publish_on_intranet(user=kib, update=update)
    assert public_client.get(event.public_path()).status_code == 404
    services.publish_publicly(user=kib, update=update)
    page = public_client.get(event.public_path()).content.decode()
    assert update.ingress in page
    assert "Avsändare" in page and "Nyheter och media" in page
    assert "Vad har hänt" in page or "vad har hänt" in page.lower()


def test_w3_3e_the_language_review_stops_an_update(demo_user):
    kib = demo_user("kib")
    long_sentence = (
        "Den som bor i de berörda områdena och inte har fått något vatten sedan i morse bör "
        "vänta på att tankbilen kommer till den plats som vi har meddelat tidigare i dag."
    )
    update = write(kib, start(kib), easy_to_read=long_sentence)
    with pytest.raises(ValidationError, match=r"W3\.3e"):
        services.publish_on_intranet(user=kib, update=update)
    update.refresh_from_db()
    assert update.intranet_published_at is None


def test_two_person_confirmation_from_the_configured_level(demo_user):
    settings = CrisisSettings.load()
    settings.two_person_from_level = Level.SERIOUS
    settings.save()
    kib, press = demo_user("kib"), demo_user("pressekreterare")

    assert start(kib, level=Level.DISTURBANCE).is_active
    event = start(kib, level=Level.SERIOUS)
    assert event.status == EventStatus.AWAITING_CONFIRMATION
    with pytest.raises(ValidationError, match="andra person"):
        services.confirm_start(user=kib, event=event)
    assert services.confirm_start(user=press, event=event).is_active

    update = write(kib, event)
    services.publish_on_intranet(user=kib, update=update)
    update.refresh_from_db()
    assert update.status == UpdateStatus.AWAITING_CONFIRMATION
    assert update.intranet_published_at is None
    with pytest.raises(ValidationError):
        services.publish_on_intranet(user=kib, update=update)
    services.publish_on_intranet(user=press, update=update)
    update.refresh_from_db()
    assert update.intranet_published_at is not None
    actions = list(event.log.values_list("action", "actor_name"))
    assert (LogAction.ASKED_TO_PUBLISH, "Erik Sandberg") in actions
    assert (LogAction.PUBLISHED_INTRANET, "Maria Holm") in actions


def test_the_desk_in_the_admin(client, demo_user):
    client.force_login(demo_user("kib"))
    assert client.get("/admin/kris/").status_code == 200
    response = client.post(
        "/admin/kris/",
        {
            "title": "Brand i Tornby",
            "level": "1",
            "affected_area": "Tornby",
            "responsible_unit": Unit.objects.get(name="Kultur- och fritidsförvaltningen").pk,
        },
    )
    event = CrisisEvent.objects.get(title="Brand i Tornby")
    assert response.status_code == 302 and response["Location"] == f"/admin/kris/{event.pk}/"
    fields = {
        "title": "Rök över Tornby",
        "ingress": "Det brinner i ett lager i Tornby. Stäng fönster och ventilation.",
        "what_happened": "Ett lager brinner sedan klockan tio.",
        "sender": Unit.objects.get(name="Nyheter och media").pk,
    }
    assert client.post(f"/admin/kris/{event.pk}/", fields).status_code == 302
    update = event.updates.get()
    client.post(f"/admin/kris/uppdatering/{update.pk}/public/")
    update.refresh_from_db()
    assert update.public_published_at is None
    client.post(f"/admin/kris/uppdatering/{update.pk}/intranet/")
    client.post(f"/admin/kris/uppdatering/{update.pk}/public/")
    update.refresh_from_db()
    assert update.public_published_at is not None
    page = client.get(f"/admin/kris/{event.pk}/").content.decode()
    assert "Publicerad på den externa webbplatsen" in page or "Publicerad" in page


def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(client, demo_user):
    client.force_login(demo_user("kib"))
    response = client.post("/admin/kris/", {"title": "", "level": "9"})
    assert response.status_code == 200
    assert not CrisisEvent.objects.filter(title="").exists()
    errors = response.context["form"].errors
    assert {"title", "level", "affected_area", "responsible_unit"} <= set(errors)
    assert errors["title"] == ["Det här fältet är obligatoriskt"]
    assert "Det här fältet är obligatoriskt" in response.content.decode()


def test_k2_the_desk_is_closed_to_others(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert client.get("/admin/kris/").status_code in (302, 403)
    event = start(demo_user("kib"))
    assert client.post(f"/admin/kris/{event.pk}/end/").status_code in (302, 403)
    event.refresh_from_db()
    assert event.is_active


def test_the_log_is_exported_as_csv_for_the_evaluation(client, demo_user):
    kib = demo_user("kib")
    event = start(kib, title="=HYPERLINK(angrepp)")
    publish_everywhere(kib, write(kib, event))
    services.end_event(user=kib, event=event)
    client.force_login(kib)
    response = client.get(f"/admin/kris/{event.pk}/logg.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tid", "Åtgärd", "Av", "Detalj"]
    actions = [row[1] for row in rows[1:]]
    assert actions[0] == "Startad" and actions[-1] == "Avslutad"
    assert all(not row[3].startswith("=") for row in rows[1:])


def test_the_demo_has_a_past_water_supply_event():
    event = CrisisEvent.objects.get(title__startswith="Störning i vattenförsörjningen")
    assert event.status == EventStatus.ENDED
    assert event.updates.sources().count() == 3 and event.log.count() >= 8
    for update in event.updates.sources().exclude(public_published_at=None):
        assert update.intranet_published_at < update.public_published_at


def test_changes_reach_readers_after_the_commit(demo_user, settings, tmp_path):
    settings.NAVET_FALLBACK_ROOT = str(tmp_path)
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        publish_everywhere(kib, write(kib, event))
    assert (tmp_path / "public" / "index.html").exists()
    assert (tmp_path / "public" / "kris" / str(event.pk) / "index.html").exists()
