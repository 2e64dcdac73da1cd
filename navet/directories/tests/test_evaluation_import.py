"""W3.4: the published evaluations of a service's providers come from spreadsheets (Kolada,
Socialstyrelsen, the municipality's own follow-up). An editor of the service's committee
uploads one, sees every row checked with a clear error per bad row, and imports all of it or
nothing."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from navet.directories import imports
from navet.directories.models import EvaluationFigure, Measure

from . import factories

pytestmark = pytest.mark.django_db

URL = "/admin/directories/import-figures/"
CONFIRM_URL = "/admin/directories/import-figures/confirm/"
TEMPLATE_URL = "/admin/directories/import-figures/template/"
PUBLISHED = datetime.date(2025, 10, 14)
HEADER = ("provider", "year", "measure", "value")


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def service():
    entry = factories.service(name="Hemtjänst i test", unit="Socialförvaltningen")
    factories.provider(entry, name="Omsorg Ett", organisation_number="556677-8899")
    factories.provider(entry, name="Omsorg Två")
    Measure.objects.create(
        service=entry, name="Andel nöjda brukare", unit="%", source="Socialstyrelsen"
    )
    Measure.objects.create(
        service=entry,
        name="Antal olika personal under 14 dagar",
        source="Kommunens uppföljning",
        higher_is_better=False,
    )
    return entry


@pytest.fixture
def school_service():
    entry = factories.service(name="Förskola i test", unit="Utbildningsförvaltningen")
    factories.provider(entry, name="Förskolan Ett")
    Measure.objects.create(service=entry, name="Andel nöjda vårdnadshavare", source="Enkät")
    return entry


def xlsx(rows, *, header=HEADER, name="siffror.xlsx", before=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in before:
        sheet.append(list(line))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(text, *, name="siffror.csv", bom=True, encoding="utf-8"):
    data = text.encode(encoding)
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data)


def figures(service):
    return {
        (f.provider.name, f.measure.name, f.year): f.value
        for f in EvaluationFigure.objects.filter(measure__service=service).select_related(
            "provider", "measure"
        )
    }


def errors(preview):
    return {row.number: " ".join(row.errors) for row in preview.bad_rows}


def user(demo_user, username="huvudredaktor.social"):
    return demo_user(username)


# Reading good files ------------------------------------------------------------------------


def test_W3_4_a_good_xlsx_is_previewed_then_imported(service, demo_user):
    upload = xlsx(
        [
            ("Omsorg Ett", 2025, "Andel nöjda brukare", 87.5),
            ("Omsorg Två", 2025, "Andel nöjda brukare", 91),
            ("Omsorg Ett", 2025, "Antal olika personal under 14 dagar", 12),
        ]
    )
    preview = imports.parse_figures(file=upload, service=service)
    assert not preview.has_errors
    assert [row.number for row in preview.rows] == [2, 3, 4]
    assert {row.status for row in preview.rows} == {imports.NEW}
    assert figures(service) == {}, "the preview writes nothing"

    result = imports.import_figures(
        rows=preview.rows, service=service, published_on=PUBLISHED, user=user(demo_user)
    )
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert figures(service) == {
        ("Omsorg Ett", "Andel nöjda brukare", 2025): Decimal("87.50"),
        ("Omsorg Två", "Andel nöjda brukare", 2025): Decimal("91.00"),
        ("Omsorg Ett", "Antal olika personal under 14 dagar", 2025): Decimal("12.00"),
    }
    figure = EvaluationFigure.objects.filter(measure__service=service).first()
    assert figure.published_on == PUBLISHED
    assert figure.imported_by.username == "huvudredaktor.social"


def test_W3_4_a_csv_with_swedish_headers_and_decimal_comma(service, demo_user):
    upload = csv_file(
        "Utförare;År;Mått;Värde\n"
        "556677-8899;2024;Andel nöjda brukare;87,5\n"
        "omsorg två;2024;ANDEL NÖJDA BRUKARE;91 %\n"
        ";;;\n"
        "Omsorg Två;2024;Antal olika personal under 14 dagar; 1 012,25\n"
    )
    preview = imports.parse_figures(file=upload, service=service)
    assert not preview.has_errors, errors(preview)
    assert [(row.number, row.provider.name, row.value) for row in preview.rows] == [
        (2, "Omsorg Ett", Decimal("87.50")),
        (3, "Omsorg Två", Decimal("91.00")),
        (5, "Omsorg Två", Decimal("1012.25")),
    ]
    imports.import_figures(
        rows=preview.rows, service=service, published_on=PUBLISHED, user=user(demo_user)
    )
    assert len(figures(service)) == 3


def test_W3_4_a_csv_with_commas_without_bom_and_title_rows(service):
    upload = csv_file(
        "Vad tycker de äldre om äldreomsorgen? 2025\n"
        "\n"
        "Provider,Year,Measure,Value,Comment\n"
        'Omsorg Ett,2025,Andel nöjda brukare,"88,0",from Kolada\n',
        bom=False,
    )
    preview = imports.parse_figures(file=upload, service=service)
    assert not preview.has_errors, errors(preview)
    assert preview.rows[0].number == 4
    assert preview.rows[0].value == Decimal("88.00")


def test_W3_4_xlsx_row_numbers_are_the_sheets(service):
    upload = xlsx(
        [("Omsorg Ett", 2025, "Andel nöjda brukare", "okänt")],
        before=[("Kolada, export 2025-11-01",), ()],
    )
    preview = imports.parse_figures(file=upload, service=service)
    assert errors(preview) == {4: "Värdet ”okänt” är inte ett tal."}


# Bad rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row,message",
    [
        (
            ("Okänd AB", 2025, "Andel nöjda brukare", 80),
            "Okänd utförare ”Okänd AB”: ingen utförare av Hemtjänst i test har det namnet eller "
            "organisationsnumret.",
        ),
        (
            ("Omsorg Ett", 2025, "Nöjdhet", 80),
            "Okänt mått ”Nöjdhet”: Hemtjänst i test har inget mått med det namnet.",
        ),
        (
            ("Omsorg Ett", 1989, "Andel nöjda brukare", 80),
            "Året ”1989” är inte ett år från 1990 till",
        ),
        (
            ("Omsorg Ett", "tjugo", "Andel nöjda brukare", 80),
            "Året ”tjugo” är inte ett år",
        ),
        (("Omsorg Ett", 2025, "Andel nöjda brukare", "många"), "Värdet ”många” är inte ett tal."),
        (("Omsorg Ett", 2025, "Andel nöjda brukare", "1,5.2"), "Värdet ”1,5.2” är inte ett tal."),
        (("Omsorg Ett", 2025, "Andel nöjda brukare", None), "Värde saknas."),
        (("Omsorg Ett", "²⁰²⁵", "Andel nöjda brukare", 80), "Året ”²⁰²⁵” är inte ett år"),
        (("Omsorg Ett", 2025, "Andel nöjda brukare", "٨٠"), "Värdet ”٨٠” är inte ett tal."),
        (("Omsorg Ett", 2025, "Andel nöjda brukare", "1e999999"), "är inte ett tal."),
        ((None, 2025, "Andel nöjda brukare", 80), "Utförare saknas."),
        (("Omsorg Ett", None, "Andel nöjda brukare", 80), "År saknas."),
        (("Omsorg Ett", 2025, None, 80), "Mått saknas."),
        (
            ("Omsorg Ett", 2025, "Andel nöjda brukare", "=80+1"),
            "Cellen D2 innehåller en formel.",
        ),
        (
            ("556677-8890", 2025, "Andel nöjda brukare", 80),
            "Okänd utförare ”556677-8890”",
        ),
    ],
)
def test_W3_4_a_bad_row_has_its_own_clear_message(service, row, message):
    preview = imports.parse_figures(file=xlsx([row]), service=service)
    assert preview.has_errors
    assert message in errors(preview)[2]


def test_W3_4_next_year_is_the_last_year_allowed(service):
    next_year = timezone.localdate().year + 1
    rows = [
        ("Omsorg Ett", next_year, "Andel nöjda brukare", 80),
        ("Omsorg Ett", next_year + 1, "Andel nöjda brukare", 80),
    ]
    preview = imports.parse_figures(file=xlsx(rows), service=service)
    assert list(errors(preview)) == [3]


def test_W3_4_a_duplicate_row_names_the_first(service):
    rows = [
        ("Omsorg Ett", 2025, "Andel nöjda brukare", 80),
        ("Omsorg Två", 2025, "Andel nöjda brukare", 80),
        ("556677-8899", 2025, "andel nöjda brukare", 81),
    ]
    preview = imports.parse_figures(file=xlsx(rows), service=service)
    assert errors(preview) == {4: "Samma utförare, mått och år som rad 2."}


def test_W3_4_an_ambiguous_provider_is_an_error(service):
    twin = factories.provider(service, name="Omsorg Ett bis")
    type(twin).objects.filter(pk=twin.pk).update(name="Omsorg Ett")
    preview = imports.parse_figures(
        file=xlsx([("Omsorg Ett", 2025, "Andel nöjda brukare", 80)]), service=service
    )
    assert "Flera utförare av Hemtjänst i test heter ”Omsorg Ett”" in errors(preview)[2]


def test_W3_4_a_provider_of_another_service_is_unknown(service, school_service):
    preview = imports.parse_figures(
        file=xlsx([("Förskolan Ett", 2025, "Andel nöjda brukare", 80)]), service=service
    )
    assert "Okänd utförare ”Förskolan Ett”" in errors(preview)[2]


def test_W3_4_a_half_bad_file_changes_nothing(service, demo_user):
    imports.import_figures(
        rows=imports.parse_figures(
            file=xlsx([("Omsorg Ett", 2024, "Andel nöjda brukare", 70)]), service=service
        ).rows,
        service=service,
        published_on=PUBLISHED,
        user=user(demo_user),
    )
    before_count = EvaluationFigure.objects.count()
    before = figures(service)
    rows = [
        ("Omsorg Ett", 2024, "Andel nöjda brukare", 75),
        ("Omsorg Två", 2025, "Andel nöjda brukare", 80),
        ("Omsorg Tre", 2025, "Andel nöjda brukare", 90),
    ]
    preview = imports.parse_figures(file=xlsx(rows), service=service)
    assert list(errors(preview)) == [4]
    with pytest.raises(imports.ImportRefused) as refusal:
        imports.import_figures(
            rows=preview.rows, service=service, published_on=PUBLISHED, user=user(demo_user)
        )
    assert "Rad 4: Okänd utförare ”Omsorg Tre”" in " ".join(refusal.value.messages)
    assert EvaluationFigure.objects.count() == before_count
    assert (
        figures(service)
        == before
        == {("Omsorg Ett", "Andel nöjda brukare", 2024): Decimal("70.00")}
    )


def test_W3_4_a_half_bad_file_offers_no_import_in_the_admin(client, demo_user, service):
    client.force_login(user(demo_user))
    before = EvaluationFigure.objects.count()
    rows = [("Omsorg Ett", 2025, "Andel nöjda brukare", 75), ("Omsorg Ett", 2025, "Fel mått", 1)]
    response = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx(rows)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rader med fel: 1. Inget har importerats." in html
    assert "Okänt mått ”Fel mått”" in html
    assert 'name="payload"' not in html
    assert EvaluationFigure.objects.count() == before


def test_W3_4_a_reimport_updates_the_values(service, demo_user):
    first = [
        ("Omsorg Ett", 2025, "Andel nöjda brukare", 80),
        ("Omsorg Två", 2025, "Andel nöjda brukare", 85),
    ]
    imports.import_figures(
        rows=imports.parse_figures(file=xlsx(first), service=service).rows,
        service=service,
        published_on=PUBLISHED,
        user=user(demo_user),
    )
    second = [
        ("Omsorg Ett", 2025, "Andel nöjda brukare", 82.5),
        ("Omsorg Två", 2025, "Andel nöjda brukare", 85),
        ("Omsorg Två", 2025, "Antal olika personal under 14 dagar", 9),
    ]
    preview = imports.parse_figures(file=xlsx(second), service=service, published_on=PUBLISHED)
    assert [(row.status, row.old_value) for row in preview.rows] == [
        (imports.CHANGED, Decimal("80.00")),
        (imports.UNCHANGED, Decimal("85.00")),
        (imports.NEW, None),
    ]
    result = imports.import_figures(
        rows=preview.rows, service=service, published_on=PUBLISHED, user=user(demo_user)
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert figures(service)[("Omsorg Ett", "Andel nöjda brukare", 2025)] == Decimal("82.50")
    assert EvaluationFigure.objects.filter(measure__service=service).count() == 3


def test_W3_4_a_new_publication_date_updates_the_figure(service, demo_user):
    rows = [("Omsorg Ett", 2025, "Andel nöjda brukare", 80)]
    for published_on in (PUBLISHED, PUBLISHED + datetime.timedelta(days=30)):
        preview = imports.parse_figures(file=xlsx(rows), service=service, published_on=published_on)
        imports.import_figures(
            rows=preview.rows, service=service, published_on=published_on, user=user(demo_user)
        )
    figure = EvaluationFigure.objects.get(measure__service=service)
    assert figure.published_on == PUBLISHED + datetime.timedelta(days=30)


# The admin -------------------------------------------------------------------------------


def test_W3_4_the_admin_flow_upload_preview_confirm(client, demo_user, service):
    client.force_login(user(demo_user))
    page = client.get(URL)
    assert page.status_code == 200
    assert "Importera utvärderingssiffror" in page.content.decode()
    rows = [
        ("Omsorg Ett", 2025, "Andel nöjda brukare", 87.5),
        ("Omsorg Två", 2025, "Andel nöjda brukare", 91),
    ]
    preview = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx(rows)}
    )
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Alla rader är rätt: 2 nya, 0 ändrade och 0 oförändrade siffror." in html
    assert "87,5" in html
    assert figures(service) == {}, "nothing is written before the confirmation"

    payload = preview.context["payload"]
    done = client.post(CONFIRM_URL, {"payload": payload})
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("wagtailsnippets_directories_evaluationfigure:list"))
    assert len(figures(service)) == 2
    followed = client.get(done["Location"])
    assert "2 nya, 0 ändrade, 0 oförändrade" in followed.content.decode()
    # The import is in the service's history, with who did it.
    entry = ModelLogEntry.objects.get(action=imports.LOG_ACTION, object_id=str(service.pk))
    assert entry.user.username == "huvudredaktor.social"
    assert entry.data["created"] == 2
    history = client.get(f"/admin/snippets/directories/service/history/{service.pk}/")
    assert "Importera utvärderingssiffror" in history.content.decode()


def test_W3_4_a_tampered_or_foreign_payload_is_refused(client, demo_user, service):
    client.force_login(user(demo_user))
    rows = [("Omsorg Ett", 2025, "Andel nöjda brukare", 87.5)]
    preview = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx(rows)}
    )
    payload = preview.context["payload"]
    data = signing.loads(payload, salt=imports.PAYLOAD_SALT)
    data["rows"][0][4] = "1.00"
    forged = signing.dumps(data, salt="another salt")
    response = client.post(CONFIRM_URL, {"payload": forged}, follow=True)
    assert "Förhandsgranskningen har gått ut eller är inte giltig" in response.content.decode()
    assert figures(service) == {}

    client.force_login(demo_user("infomaster"))
    response = client.post(CONFIRM_URL, {"payload": payload}, follow=True)
    assert "Förhandsgranskningen har gått ut eller är inte giltig" in response.content.decode()
    assert figures(service) == {}


def test_W3_4_an_editor_of_another_administration_gets_403(client, demo_user, service):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    rows = [("Omsorg Ett", 2025, "Andel nöjda brukare", 87.5)]
    response = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx(rows)}
    )
    assert response.status_code == 403
    assert client.get(f"{TEMPLATE_URL}?service={service.pk}").status_code == 403
    # Their own services are offered, not the other administration's.
    page = client.get(URL)
    if page.status_code == 200:
        assert f'value="{service.pk}"' not in page.content.decode()
    assert figures(service) == {}
    with pytest.raises(PermissionDenied):
        imports.import_figures(
            rows=imports.parse_figures(file=xlsx(rows), service=service).rows,
            service=service,
            published_on=PUBLISHED,
            user=demo_user("huvudredaktor.utbildning"),
        )


def test_W3_4_the_service_list_holds_only_the_users_services(
    client, demo_user, service, school_service
):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    html = client.get(URL).content.decode()
    assert f'value="{school_service.pk}"' in html
    assert f'value="{service.pk}"' not in html
    client.force_login(demo_user("infomaster"))
    html = client.get(URL).content.decode()
    assert f'value="{school_service.pk}"' in html and f'value="{service.pk}"' in html


def test_W3_4_authors_and_people_without_roles_get_403(client, demo_user, service):
    client.force_login(demo_user("forfattare.social"))
    assert client.get(URL).status_code == 403
    response = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx([])}
    )
    assert response.status_code == 403
    assert "Du får inte importera utvärderingssiffror" in response.content.decode()
    client.force_login(demo_user("medarbetare"))
    assert client.get(URL).status_code in (302, 403), "no admin access at all"
    assert imports.services_for_import(demo_user("forfattare.social")).count() == 0


def test_W3_4_the_infomaster_imports_for_any_service(client, demo_user, service):
    client.force_login(demo_user("infomaster"))
    rows = [("Omsorg Ett", 2025, "Andel nöjda brukare", 87.5)]
    preview = client.post(
        URL, {"service": service.pk, "published_on": "2025-10-14", "file": xlsx(rows)}
    )
    assert preview.status_code == 200
    client.post(CONFIRM_URL, {"payload": preview.context["payload"]})
    assert len(figures(service)) == 1


def test_W3_4_the_import_is_in_the_reports_menu_only_for_importers(client, demo_user):
    client.force_login(user(demo_user))
    assert URL in client.get("/admin/").content.decode()
    client.force_login(demo_user("forfattare.social"))
    assert URL not in client.get("/admin/").content.decode()


def test_W3_4_the_template_lists_providers_and_measures_and_imports_back(
    client, demo_user, service
):
    client.force_login(user(demo_user))
    response = client.get(f"{TEMPLATE_URL}?service={service.pk}&format=xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("utförare", "år", "mått", "värde")
    assert len(rows) == 1 + 2 * 2
    filled = [(*row[:3], 50) for row in rows[1:]]
    preview = imports.parse_figures(file=xlsx(filled), service=service)
    assert not preview.has_errors, errors(preview)

    response = client.get(f"{TEMPLATE_URL}?service={service.pk}&format=csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "utförare;år;mått;värde"
    assert "Omsorg Två;" in text
    filled = "\n".join(line + "12,5" for line in text.splitlines()[1:])
    preview = imports.parse_figures(
        file=csv_file("utförare;år;mått;värde\n" + filled), service=service
    )
    assert not preview.has_errors, errors(preview)
    assert len(preview.rows) == 4


# Hostile files ------------------------------------------------------------------------------


def _file_error(upload, service):
    with pytest.raises(imports.FigureFileError) as error:
        imports.parse_figures(file=upload, service=service)
    return error.value


@pytest.mark.parametrize(
    "upload,code",
    [
        (SimpleUploadedFile("siffror.xlsx", b"This is not a spreadsheet at all."), "corrupt"),
        (SimpleUploadedFile("siffror.xlsx", b"PK\x03\x04 broken zip"), "corrupt"),
        (SimpleUploadedFile("siffror.csv", b"%PDF-1.4\x00\x01binary"), "file_type"),
        (SimpleUploadedFile("siffror.exe", b"MZ\x90\x00"), "file_type"),
        (SimpleUploadedFile("siffror.xls", b"\xd0\xcf\x11\xe0"), "file_type"),
        (SimpleUploadedFile("siffror.csv", b""), "empty"),
        (SimpleUploadedFile("siffror.csv", b"  \n\n"), "empty"),
        (SimpleUploadedFile("siffror.csv", "utförare;år\nå;ä".encode("latin-1")), "encoding"),
        (SimpleUploadedFile("siffror.csv", b"a;b;c;d\n1;2;3;4\n"), "no_header"),
        (SimpleUploadedFile("siffror.csv", "utförare;år;mått;värde\n".encode()), "empty"),
        (
            SimpleUploadedFile(
                "siffror.csv", ('utförare;år;mått;värde\n"' + "x" * 200_000 + '";1;2;3\n').encode()
            ),
            "corrupt",
        ),
    ],
)
def test_W3_4_a_hostile_or_broken_file_gets_a_clear_error(service, upload, code):
    assert _file_error(upload, service).code == code


def test_W3_4_a_file_over_the_size_limit_is_refused(service, monkeypatch):
    monkeypatch.setattr(imports, "MAX_FILE_SIZE", 1000)
    upload = csv_file("utförare;år;mått;värde\n" + "Omsorg Ett;2025;Andel nöjda brukare;1\n" * 50)
    assert _file_error(upload, service).code == "too_large"


def test_W3_4_too_many_rows_are_refused(service):
    line = "Omsorg Ett;2025;Andel nöjda brukare;1\n"
    upload = csv_file("utförare;år;mått;värde\n" + line * (imports.MAX_ROWS + 1))
    error = _file_error(upload, service)
    assert error.code == "too_many_rows"
    assert f"fler än {imports.MAX_ROWS} rader" in error.messages[0]


def test_W3_4_a_sheet_reaching_far_down_is_refused_quickly(service):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(HEADER))
    sheet.append(["Omsorg Ett", 2025, "Andel nöjda brukare", 1])
    sheet.cell(row=1_000_000, column=1, value="långt ner")
    out = io.BytesIO()
    workbook.save(out)
    error = _file_error(SimpleUploadedFile("siffror.xlsx", out.getvalue()), service)
    assert error.code == "too_many_rows"


def test_W3_4_a_sheet_claiming_a_small_size_is_read_to_its_end(service):
    """The size a sheet claims is not trusted: no row beyond it is silently dropped."""
    upload = xlsx([("Omsorg Ett", 2025, "Andel nöjda brukare", 1), ("Okänd", 2025, "X", 1)])
    data = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(upload.read())) as source,
        zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="A1:D3"\s*/>', b'<dimension ref="A1:D2"/>', content
                )
                assert b'<dimension ref="A1:D2"/>' in content
            target.writestr(member, content)
    preview = imports.parse_figures(
        file=SimpleUploadedFile("siffror.xlsx", data.getvalue()), service=service
    )
    assert list(errors(preview)) == [3]


def test_W3_4_a_zip_bomb_is_refused_before_it_is_unpacked(service, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_SIZE", 1024 * 1024)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (4 * 1024 * 1024))
    assert len(data.getvalue()) < 100_000
    error = _file_error(SimpleUploadedFile("siffror.xlsx", data.getvalue()), service)
    assert error.code == "too_large"


def test_W3_4_hostile_files_never_give_a_server_error(client, demo_user, service):
    client.force_login(user(demo_user))
    for upload in (
        SimpleUploadedFile("siffror.xlsx", b"PK\x03\x04 broken zip"),
        SimpleUploadedFile("siffror.csv", b""),
        SimpleUploadedFile("siffror.png", b"\x89PNG\r\n"),
        csv_file("utförare;år;mått;värde\n" + "a;2025;b;1\n" * (imports.MAX_ROWS + 1)),
    ):
        response = client.post(
            URL, {"service": service.pk, "published_on": "2025-10-14", "file": upload}
        )
        assert response.status_code == 200, upload.name
        assert 'name="payload"' not in response.content.decode()
        assert response.context["form"].errors
    assert figures(service) == {}
