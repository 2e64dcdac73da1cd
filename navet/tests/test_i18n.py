"""Swedish first: the admin and the public pages are in Swedish by default, and every string
of our own has a Swedish translation."""

from pathlib import Path

import pytest
from django.utils import translation

from navet.organisation.roles import Role

PO_FILE = Path(__file__).resolve().parents[1] / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def _entries(text):
    """(msgid, msgstr, flags) for every entry of a .po file, continuation lines joined. For
    plural entries msgstr is every plural form joined by "|", so a missing form shows."""
    entries, current, field, flags = [], {}, None, ""
    for line in [*text.splitlines(), ""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[")):
            field, _, value = line.partition(" ")
            current[field] = value.strip().strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
        elif not line.strip() and field:
            forms = [v for k, v in sorted(current.items()) if k.startswith("msgstr[")]
            msgstr = "|".join(forms) if forms and all(forms) else current.get("msgstr", "")
            entries.append((current.get("msgid", ""), msgstr, flags, "msgid_plural" in current))
            current, field, flags = {}, None, ""
    return [entry for entry in entries if entry[0]]


def test_every_string_has_a_swedish_translation():
    entries = _entries(PO_FILE.read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, _, _ in entries if not msgstr]
    fuzzy = [msgid for msgid, _, flags, _ in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_translations_are_up_to_date():
    with translation.override("sv"):
        for msgid, msgstr, _, plural in _entries(PO_FILE.read_text(encoding="utf-8")):
            if "%(" not in msgid and not plural:
                assert translation.gettext(msgid) == msgstr.replace('\\"', '"'), msgid


def test_role_catalogue_is_named_in_swedish():
    with translation.override("sv"):
        assert str(Role.HEAD_EDITOR.label) == "Huvudansvarig redaktör"
        assert str(Role.SYSTEM_OWNER_DELEGATE.label) == "Systemägarombud"
        assert str(Role.ON_CALL_COMMUNICATOR.label) == "Kommunikatör i beredskap (KiB)"


@pytest.mark.django_db
def test_admin_is_in_swedish_by_default(client, demo_user):
    client.force_login(demo_user("infomaster"))
    response = client.get("/admin/")
    content = response.content.decode()
    assert '<html lang="sv"' in content
    assert "Sidor" in content
    assert "Organisation" in content


@pytest.mark.django_db
def test_generated_groups_have_swedish_names(demo_user):
    names = set(demo_user("huvudredaktor.utbildning").groups.values_list("name", flat=True))
    assert names == {"Huvudansvarig redaktör – Utbildningsförvaltningen"}
