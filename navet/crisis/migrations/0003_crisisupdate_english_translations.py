# Every update so far is Swedish; its free-text English version becomes a translation in the
# English locale (the same translation key), as pages are translated.

import re

from django.conf import settings
from django.db import migrations
from django.utils.text import Truncator
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models.i18n import bootstrap_translatable_model

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# The source's fields a translation shares (see CrisisUpdate.new_translation).
SHARED = ("event_id", "sender_id", "internal_only", "translation_key")


def english_translation_fields(text: str) -> dict:
    """The old English text as a translation's headline, ingress and what has happened:
    the first sentence heads it; a text too long for an ingress keeps its whole."""
    text = text.strip()
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    fields = {"title": Truncator(first).chars(150)}
    if len(text) <= 300:
        return {**fields, "ingress": text, "what_happened": ""}
    return {**fields, "ingress": Truncator(first).chars(300), "what_happened": text}


def english_to_translations(apps, schema_editor):
    CrisisUpdate = apps.get_model("crisis", "CrisisUpdate")
    Locale = apps.get_model("wagtailcore", "Locale")
    swedish, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    bootstrap_translatable_model(CrisisUpdate, swedish)
    with_english = list(CrisisUpdate.objects.exclude(english=""))
    if not with_english:
        return
    english, _ = Locale.objects.get_or_create(language_code="en")
    for source in with_english:
        CrisisUpdate.objects.create(
            locale=english,
            created_at=source.created_at,
            written_by_id=source.written_by_id,
            **{name: getattr(source, name) for name in SHARED},
            **english_translation_fields(source.english),
        )


def translations_to_english(apps, schema_editor):
    """Back: an English translation's text returns to its source's English field (the
    whole text, as english_translation_fields kept it); other translations are dropped."""
    CrisisUpdate = apps.get_model("crisis", "CrisisUpdate")
    translations = CrisisUpdate.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
    for translation in translations.filter(locale__language_code="en"):
        CrisisUpdate.objects.filter(
            translation_key=translation.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).update(english=translation.what_happened or translation.ingress)
    translations.delete()


class Migration(migrations.Migration):
    dependencies = [("crisis", "0002_crisisupdate_translatable")]

    operations = [migrations.RunPython(english_to_translations, translations_to_english)]
