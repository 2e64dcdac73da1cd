"""Crisis updates' translations (W3.3e: translations into relevant languages) on Wagtail's
locales, as pages are translated: shown only where their Swedish source is live (W3.3b),
under the language's prefix (/en/kris/<id>/), and left out of the Swedish language review."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Locale

from navet.crisis import services
from navet.crisis.fallback import copy_of, write_fallback_pages
from navet.crisis.models import CrisisEvent, CrisisUpdate, LogAction

from .helpers import after_commit, publish_everywhere, start, write

pytestmark = pytest.mark.django_db

ENGLISH = {
    "title": "The power is out in Skäggetorp",
    "ingress": "The power is out in Skäggetorp. It will be back this evening.",
    "what_happened": "A fault in a switchgear cut the power this morning.",
    "what_to_do": "Keep the fridge closed. Call 112 only in an emergency.",
}


def translate(user, update, language="en", **fields):
    return services.translate_update(
        user=user, update=update, language=language, **{**ENGLISH, **fields}
    )


def test_w3_3e_a_translation_is_a_row_in_the_locale_with_the_source_translation_key(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    translation = translate(kib, update)
    assert translation.locale.language_code == "en"
    assert translation.translation_key == update.translation_key
    assert update.locale == Locale.get_default()
    # Wagtail's own machinery finds it.
    assert update.get_translation(Locale.objects.get(language_code="en")) == translation
    assert translation.sender == update.sender and translation.event == update.event
    # It is never published itself: its source is.
    assert translation.intranet_published_at is None and translation.public_published_at is None
    assert update.event.log.filter(action=LogAction.TRANSLATED).exists()


def test_w3_3e_a_second_save_corrects_the_translation(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    translate(kib, update)
    corrected = translate(kib, update, title="Power cut in Skäggetorp")
    assert corrected.title == "Power cut in Skäggetorp"
    assert update.get_translations().count() == 1


def test_w3_3e_the_translation_is_shown_under_the_language_prefix(demo_user, public_client):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    untranslated = write(kib, event, title="Skolorna i Skäggetorp har öppet")
    publish_everywhere(kib, update)
    publish_everywhere(kib, untranslated)
    translate(kib, update)

    page = public_client.get(f"/en/kris/{event.pk}/").content.decode()
    assert '<html lang="en"' in page
    assert f'aria-labelledby="update-{update.pk}" lang="en"' in page
    assert ENGLISH["title"] in page and ENGLISH["ingress"] in page
    # Not yet translated: the Swedish text, marked Swedish.
    assert f'aria-labelledby="update-{untranslated.pk}" lang="sv"' in page
    assert untranslated.title in page
    assert event.public_path(language="en") == f"/en/kris/{event.pk}/"


def test_w3_3e_the_swedish_page_links_each_update_to_its_translations(demo_user, public_client):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    publish_everywhere(kib, update)
    translate(kib, update)
    translate(kib, update, language="fi", title="Sähkökatko Skäggetorpissa")

    page = public_client.get(f"/kris/{event.pk}/").content.decode()
    assert '<html lang="sv"' in page and update.title in page
    assert ENGLISH["title"] not in page
    assert f'href="/en/kris/{event.pk}/#update-{update.pk}" lang="en"' in page
    assert f'href="/fi/kris/{event.pk}/#update-{update.pk}" lang="fi"' in page
    assert f"/ar/kris/{event.pk}/" not in page


def test_w3_3b_translation_not_public_before_source(demo_user, public_client, intranet_client):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    translate(kib, update)
    assert public_client.get(f"/en/kris/{event.pk}/").status_code == 404

    services.publish_on_intranet(user=kib, update=update)
    # Live on the intranet only: not on the public website in any language.
    assert public_client.get(f"/en/kris/{event.pk}/").status_code == 404
    intranet_client.force_login(demo_user("redaktor.social"))
    assert ENGLISH["title"] in intranet_client.get(f"/en/kris/{event.pk}/").content.decode()

    services.publish_publicly(user=kib, update=update)
    assert ENGLISH["title"] in public_client.get(f"/en/kris/{event.pk}/").content.decode()


def test_w3_3b_an_internal_only_update_translation_is_not_public(
    demo_user, public_client, intranet_client
):
    kib = demo_user("kib")
    event = start(kib)
    publish_everywhere(kib, write(kib, event))
    internal = write(kib, event, title="Till personalen: samling i stadshuset", internal_only=True)
    services.publish_on_intranet(user=kib, update=internal)
    translation = translate(kib, internal, title="To staff: meet in the town hall")
    assert translation.internal_only

    page = public_client.get(f"/en/kris/{event.pk}/").content.decode()
    assert "To staff: meet in the town hall" not in page
    intranet_client.force_login(demo_user("redaktor.social"))
    page = intranet_client.get(f"/en/kris/{event.pk}/").content.decode()
    assert "To staff: meet in the town hall" in page


def test_w3_3e_translations_are_not_held_to_the_swedish_language_review(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    services.publish_on_intranet(user=kib, update=update)
    # One long English sentence the Swedish review would stop in a Swedish update.
    long_sentence = (
        "Anyone who lives in the affected areas and has not received any water since this "
        "morning should wait for the tanker to arrive at the place we announced earlier today "
        "and bring their own containers, as many as they can carry, to the tanker."
    )
    translation = translate(kib, update, what_happened=long_sentence)
    assert translation.what_happened == long_sentence


def test_w3_3e_only_content_languages_and_swedish_sources_are_translated(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    with pytest.raises(ValidationError):
        translate(kib, update, language="xx")
    with pytest.raises(ValidationError):
        translate(kib, update, language="sv")
    with pytest.raises(ValidationError):
        translate(kib, translate(kib, update))
    assert not Locale.objects.filter(language_code="xx").exists()


def test_w3_3e_the_desk_lists_and_offers_translations(client, demo_user):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    services.publish_on_intranet(user=kib, update=update)
    translate(kib, update)
    client.force_login(kib)

    page = client.get(f"/admin/kris/{event.pk}/").content.decode()
    assert ENGLISH["title"] in page
    assert f"/admin/kris/uppdatering/{update.pk}/oversatt/fi/" in page
    assert f"/admin/kris/uppdatering/{update.pk}/oversatt/sv/" not in page

    form = client.get(f"/admin/kris/uppdatering/{update.pk}/oversatt/fi/")
    assert form.status_code == 200 and 'lang="fi"' in form.content.decode()
    response = client.post(
        f"/admin/kris/uppdatering/{update.pk}/oversatt/fi/",
        {
            "title": "Sähkökatko Skäggetorpissa",
            "ingress": "Sähköt ovat poikki Skäggetorpissa. Ne palaavat tänä iltana.",
            "what_happened": "Kytkinlaitoksen vika katkaisi sähköt tänä aamuna.",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/kris/{event.pk}/"
    assert update.get_translation(Locale.objects.get(language_code="fi")).title == (
        "Sähkökatko Skäggetorpissa"
    )


def test_w3_3e_the_desk_refuses_an_empty_translation_in_swedish(client, demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    client.force_login(kib)
    response = client.post(f"/admin/kris/uppdatering/{update.pk}/oversatt/en/", {"title": ""})
    assert response.status_code == 200
    assert "Det här fältet är obligatoriskt" in response.content.decode()
    assert not update.get_translations().exists()


def test_w3_3e_hostile_language_codes_give_404(client, demo_user, public_client):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    publish_everywhere(kib, update)
    client.force_login(kib)
    for code in ("xx", "sv", "en-x-evil", "%3Cscript%3E"):
        assert client.get(f"/admin/kris/uppdatering/{update.pk}/oversatt/{code}/").status_code == (
            404
        )
        assert client.post(
            f"/admin/kris/uppdatering/{update.pk}/oversatt/{code}/", ENGLISH
        ).status_code == (404)
    assert public_client.get(f"/xx/kris/{event.pk}/").status_code == 404
    assert not update.get_translations().exists()


def test_k2_others_may_not_translate(client, demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    client.force_login(demo_user("huvudredaktor.utbildning"))
    response = client.post(f"/admin/kris/uppdatering/{update.pk}/oversatt/en/", ENGLISH)
    assert response.status_code in (302, 403)
    assert not update.get_translations().exists()


def test_w3_3e_the_fallback_keeps_copies_of_the_translated_pages(demo_user, settings, tmp_path):
    settings.NAVET_FALLBACK_ROOT = str(tmp_path)
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        update = write(kib, event)
        publish_everywhere(kib, update)
        translate(kib, update)
    copies = tmp_path / "public"
    copy = (copies / "en" / "kris" / str(event.pk) / "index.html").read_text()
    assert ENGLISH["title"] in copy and 'class="fallback-note" role="status" lang="sv"' in copy
    assert (copies / "kris" / str(event.pk) / "index.html").exists()
    assert not (copies / "fi" / "kris" / str(event.pk)).exists()


def test_w3_3e_the_old_english_text_becomes_a_translation():
    migration = importlib.import_module(
        "navet.crisis.migrations.0003_crisisupdate_english_translations"
    )
    short = migration.english_translation_fields("Water is back. Run the tap first.")
    assert short == {
        "title": "Water is back.",
        "ingress": "Water is back. Run the tap first.",
        "what_happened": "",
    }
    long_text = "The main burst this morning. " + "Fetch water at the tanks. " * 20
    fields = migration.english_translation_fields(long_text)
    assert fields["title"] == "The main burst this morning."
    assert len(fields["ingress"]) <= 300 and fields["what_happened"] == long_text.strip()


def test_w3_3e_the_demo_event_is_translated(public_client):
    event = CrisisEvent.objects.get(title__startswith="Störning i vattenförsörjningen")
    sources = event.updates.sources()
    assert sources.count() == 3
    for update in sources:
        assert update.get_translations().filter(locale__language_code="en").exists()
    assert CrisisUpdate.objects.filter(event=event, locale__language_code="fi").count() == 1
    page = public_client.get(f"/en/kris/{event.pk}/").content.decode()
    assert "The water is back in Ryd and Västra Valla" in page
    assert "To staff in Ryd" not in page


def test_w3_3e_a_removed_translation_leaves_the_swedish_update_in_its_place(
    demo_user, public_client
):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    publish_everywhere(kib, update)
    with after_commit():
        translate(kib, update)
    assert ENGLISH["title"] in public_client.get(f"/en/kris/{event.pk}/").content.decode()

    with after_commit():
        services.remove_translation(user=kib, update=update, language="en")
    assert not update.get_translations().exists()
    page = public_client.get(f"/en/kris/{event.pk}/").content.decode()
    assert ENGLISH["title"] not in page
    assert f'aria-labelledby="update-{update.pk}" lang="sv"' in page and update.title in page
    removed = event.log.get(action=LogAction.TRANSLATION_REMOVED)
    assert removed.actor == kib and update.title in removed.detail
    # Nothing left to remove: said, and the log is unchanged.
    with pytest.raises(ValidationError):
        services.remove_translation(user=kib, update=update, language="en")
    assert event.log.filter(action=LogAction.TRANSLATION_REMOVED).count() == 1


def test_k2_only_the_crisis_leaders_remove_a_translation(demo_user, client):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    translate(kib, update)
    editor = demo_user("redaktor.social")
    with pytest.raises(PermissionDenied):
        services.remove_translation(user=editor, update=update, language="en")
    client.force_login(editor)
    url = f"/admin/kris/uppdatering/{update.pk}/oversatt/en/"
    # Wagtail's refusal: back to the admin's start with a message.
    refused = client.post(url, {"remove": "1"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert update.get_translations().count() == 1


def test_w3_3e_the_desk_removes_a_translation_from_its_form(client, demo_user):
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    client.force_login(kib)
    url = f"/admin/kris/uppdatering/{update.pk}/oversatt/en/"
    # Nothing to remove before there is a translation.
    assert 'name="remove"' not in client.get(url).content.decode()
    translate(kib, update)
    assert 'name="remove"' in client.get(url).content.decode()

    response = client.post(url, {"remove": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/kris/{event.pk}/"
    assert "Översättningen till English är borttagen." in response.content.decode()
    assert not update.get_translations().exists()
    # Asked again: a clear refusal, no error page.
    response = client.post(url, {"remove": "1"}, follow=True)
    assert "Uppdateringen har ingen översättning till det språket." in response.content.decode()


def test_w3_3e_a_removed_translation_leaves_no_copy_for_when_navet_is_down(
    demo_user, settings, tmp_path
):
    settings.NAVET_FALLBACK_ROOT = str(tmp_path)
    kib = demo_user("kib")
    event = start(kib)
    update = write(kib, event)
    publish_everywhere(kib, update)
    translate(kib, update)
    copy = copy_of(tmp_path, event.public_path(language="en"))
    write_fallback_pages()
    assert ENGLISH["title"] in copy.read_text()

    services.remove_translation(user=kib, update=update, language="en")
    write_fallback_pages()
    # The copy nginx serves when Navet does not answer shows the Swedish update again.
    assert ENGLISH["title"] not in copy.read_text()
    assert update.title in copy.read_text()
    # Languages never translated get no copy.
    assert not copy_of(tmp_path, event.public_path(language="fi")).exists()


def test_w3_3e_only_a_translation_of_the_swedish_update_is_removed(demo_user):
    kib = demo_user("kib")
    update = write(kib, start(kib))
    translation = translate(kib, update)
    with pytest.raises(ValidationError):
        services.remove_translation(user=kib, update=translation, language="sv")
    with pytest.raises(ValidationError):
        services.remove_translation(user=kib, update=update, language="sv")
    assert CrisisUpdate.objects.filter(pk__in=[update.pk, translation.pk]).count() == 2
