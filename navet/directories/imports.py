"""Evaluation figures from a spreadsheet (W3.4): Kolada and Socialstyrelsen publish yearly
figures per provider unit as spreadsheets; an editor of the service's committee uploads one
(.xlsx or .csv with the columns provider, year, measure, value), sees every row checked, and
imports all of it or nothing.

`parse_figures` reads and checks a file without writing anything; `import_figures` writes
rows that passed, in one transaction, and refuses the lot if any row is bad. The rows travel
from the preview to the confirmation as a signed payload (`sign_rows`, `rows_from_payload`)
bound to the user who saw the preview."""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import openpyxl
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from wagtail.log_actions import log

from .models import FIRST_YEAR, EvaluationFigure, Measure, Provider, Service
from .permissions import CommitteePermissionPolicy, units_editable_by
from .validators import ORGANISATION_NUMBER, normalise_organisation_number

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
# Rows read in all, blank ones included, before the file is refused as too long.
MAX_ROWS_READ = 2 * MAX_ROWS
MAX_COLUMNS = 30
# The header row is one of the first rows (titles and notes may come before it).
HEADER_SEARCH_ROWS = 10
# An .xlsx is a zip archive: what it may unpack to, and how many parts it may have.
MAX_UNPACKED_SIZE = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 500
MAX_CELL_LENGTH = 200
# The largest value EvaluationFigure.value holds (12 digits, 2 of them decimals).
MAX_VALUE = Decimal("9999999999.99")
PAYLOAD_SALT = "navet.directories.imports.figures"
PAYLOAD_MAX_AGE = 60 * 60
LOG_ACTION = "navet.directories.import_figures"

XLSX, CSV = "xlsx", "csv"
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
COLUMNS = {
    "provider": ("provider", "utförare", "utforare"),
    "year": ("year", "år", "ar"),
    "measure": ("measure", "mått", "matt"),
    "value": ("value", "värde", "varde"),
}
TEMPLATE_HEADERS = ("utförare", "år", "mått", "värde")
NEEDED_PERMISSIONS = (
    "directories.add_evaluationfigure",
    "directories.change_evaluationfigure",
)
SPACES = re.compile(r"[\s\u00a0\u202f]+")


class FigureFileError(ValidationError):
    """The file as a whole cannot be read: nothing in it is imported."""


class ImportRefused(ValidationError):
    """The rows cannot be imported as they are: nothing is written."""


@dataclass(frozen=True)
class Cell:
    value: object
    formula: bool = False
    column: int = 0


BLANK = Cell(None)


@dataclass
class FigureRow:
    """One row of the file: what it said, what it means, and what is wrong with it."""

    number: int
    provider_text: str = ""
    measure_text: str = ""
    year_text: str = ""
    value_text: str = ""
    provider: Provider | None = None
    measure: Measure | None = None
    year: int | None = None
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    status: str = ""
    old_value: Decimal | None = None
    old_published_on: datetime.date | None = None

    @property
    def key(self) -> tuple[int, int, int] | None:
        if self.provider is None or self.measure is None or self.year is None:
            return None
        return (self.provider.pk, self.measure.pk, self.year)

    @property
    def status_label(self) -> str:
        return {
            NEW: _("New"),
            CHANGED: _("Changed"),
            UNCHANGED: _("Unchanged"),
        }.get(self.status, "")

    @property
    def value_display(self) -> str:
        return display_number(self.value)

    @property
    def old_value_display(self) -> str:
        return display_number(self.old_value)


@dataclass
class Preview:
    service: Service
    rows: list[FigureRow]

    @property
    def bad_rows(self) -> list[FigureRow]:
        return [row for row in self.rows if row.errors]

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status and not row.errors)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def display_number(value: Decimal | None) -> str:
    """87.50 as "87,5" and 100.00 as "100", in the active language's format."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return number_format(value.quantize(Decimal(1)))
    return number_format(value.normalize())


def last_year() -> int:
    """Figures may be for next year at the latest (a survey dated ahead)."""
    return timezone.localdate().year + 1


# Who may import ----------------------------------------------------------------------------


def may_import_at_all(user) -> bool:
    """Cheap: the permissions an import needs, whatever the service (for the menu)."""
    return bool(
        user.is_active
        and user.has_perms(NEEDED_PERMISSIONS)
        and CommitteePermissionPolicy(Provider).user_has_permission(user, "change")
    )


def services_for_import(user):
    """The services whose figures `user` may import: those whose providers they may change
    (their own administration's committees; every service for the infomaster) when they
    also keep evaluation figures (editors, head editors, the infomaster – not authors)."""
    if not may_import_at_all(user):
        return Service.objects.none()
    units = units_editable_by(user)
    services = Service.objects.all()
    return services if units is None else services.filter(owning_unit__in=units)


def may_import(*, user, service: Service) -> bool:
    return user is not None and services_for_import(user).filter(pk=service.pk).exists()


# Reading the file --------------------------------------------------------------------------


def _read(file) -> tuple[str, bytes]:
    name = str(getattr(file, "name", "") or "")
    if hasattr(file, "seek"):
        file.seek(0)
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise _too_large()
    data = file.read(MAX_FILE_SIZE + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_FILE_SIZE:
        raise _too_large()
    if not data.strip():
        raise FigureFileError(_("The file is empty."), code="empty")
    return name, data


def _too_large() -> FigureFileError:
    return FigureFileError(
        _("The file is larger than %(size)s MB. Split it into smaller files.")
        % {"size": MAX_FILE_SIZE // (1024 * 1024)},
        code="too_large",
    )


def _kind(name: str, data: bytes) -> str:
    """What the file is, from its name and its first bytes (which must agree)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_zip = data[:4] == b"PK\x03\x04"
    if extension in ("xls", "ods", "numbers"):
        raise FigureFileError(
            _("Save the sheet as an Excel workbook (.xlsx) or as CSV (.csv) and upload it again."),
            code="file_type",
        )
    if extension == "xlsx" or (not extension and is_zip):
        if not is_zip:
            raise FigureFileError(
                _("The file is not an Excel workbook (.xlsx), or it is damaged."), code="corrupt"
            )
        return XLSX
    if extension in ("csv", "txt") or not extension:
        if is_zip or b"\x00" in data:
            raise FigureFileError(
                _("The file is not a CSV file. Upload an .xlsx or .csv file."), code="file_type"
            )
        return CSV
    raise FigureFileError(
        _("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."), code="file_type"
    )


def _check_archive(data: bytes) -> None:
    """An .xlsx must unpack to a reasonable size before any of it is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise _corrupt() from error
    if len(members) > MAX_ARCHIVE_MEMBERS or (
        sum(member.file_size for member in members) > MAX_UNPACKED_SIZE
    ):
        raise FigureFileError(
            _("The workbook is too large when unpacked. Keep only the figures and try again."),
            code="too_large",
        )


def _corrupt() -> FigureFileError:
    return FigureFileError(
        _("The file cannot be read: it is damaged or not an Excel workbook (.xlsx)."),
        code="corrupt",
    )


def _xlsx_rows(data: bytes):
    """(row number, cells) for each row of the workbook's active sheet."""
    _check_archive(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Formulas are kept as formulas (data_only=False) so they can be refused: a
            # cached result may be stale or missing, and the import must show what it reads.
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # any damage in an uploaded file is the file's problem
        raise _corrupt() from error
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "reset_dimensions"):
            raise FigureFileError(_("The workbook has no sheet with figures."), code="empty")
        # The size the sheet claims is not trusted: every row it has is read (or refused).
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            yield (
                number,
                [
                    Cell(getattr(cell, "value", None), getattr(cell, "data_type", "") == "f", i)
                    for i, cell in enumerate(row)
                ],
            )
    except FigureFileError:
        raise
    except Exception as error:  # a damaged sheet shows only while it is read
        raise _corrupt() from error
    finally:
        workbook.close()


def _csv_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FigureFileError(
            _("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."),
            code="encoding",
        ) from error


def _csv_delimiter(text: str) -> str:
    """The separator with which the first rows hold the header: ";" (Swedish Excel), ","
    or a tab."""
    for delimiter in (";", ",", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for index, row in enumerate(reader):
                if index >= HEADER_SEARCH_ROWS:
                    break
                if _header([Cell(value, False, i) for i, value in enumerate(row)]):
                    return delimiter
        except csv.Error:
            continue
    raise _no_header()


def _csv_rows(data: bytes):
    text = _csv_text(data)
    delimiter = _csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [Cell(value, False, i) for i, value in enumerate(row[:MAX_COLUMNS])]
    except csv.Error as error:
        raise FigureFileError(
            _("The CSV file cannot be read. Check that it is a CSV file with one figure per row."),
            code="corrupt",
        ) from error


def _no_header() -> FigureFileError:
    return FigureFileError(
        _(
            "The file has no header row with the columns provider, year, measure and value "
            "(or utförare, år, mått, värde) in its first %(rows)s rows."
        )
        % {"rows": HEADER_SEARCH_ROWS},
        code="no_header",
    )


def _header(cells: list[Cell]) -> dict[str, int] | None:
    """Which column holds what, if this row is the header row."""
    names = {}
    for cell in cells:
        if cell.value is None:
            continue
        text = str(cell.value).strip().strip(":*").strip().casefold()
        for key, aliases in COLUMNS.items():
            if text in aliases and key not in names:
                names[key] = cell.column
    return names if len(names) == len(COLUMNS) else None


# Checking the rows -------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return SPACES.sub(" ", str(value)).strip()[:MAX_CELL_LENGTH]


def _name_key(text: str) -> str:
    text = SPACES.sub(" ", text).strip()
    # A CSV template writes "'=Name" for a name a spreadsheet would take for a formula.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text.casefold()


class _Lookups:
    """The service's providers and measures, looked up by what a file may call them."""

    def __init__(self, service: Service):
        self.service = service
        self.by_name: dict[str, list[Provider]] = defaultdict(list)
        self.by_number: dict[str, list[Provider]] = defaultdict(list)
        for provider in Provider.objects.filter(service=service).order_by("pk"):
            self.by_name[_name_key(provider.name)].append(provider)
            if provider.organisation_number:
                number = normalise_organisation_number(provider.organisation_number)
                self.by_number[number].append(provider)
        self.measures = {
            _name_key(measure.name): measure for measure in Measure.objects.filter(service=service)
        }

    def provider(self, text: str) -> tuple[Provider | None, str | None]:
        if ORGANISATION_NUMBER.match(text):
            found = self.by_number.get(normalise_organisation_number(text), [])
            if len(found) > 1:
                return None, _(
                    "Several providers of %(service)s have the organisation number "
                    "%(value)s: write the provider's name instead."
                ) % {"service": self.service, "value": text}
            if found:
                return found[0], None
        found = self.by_name.get(_name_key(text), [])
        if len(found) > 1:
            return None, _(
                "Several providers of %(service)s are called “%(value)s”: write the "
                "organisation number instead."
            ) % {"service": self.service, "value": text}
        if found:
            return found[0], None
        return None, _(
            "Unknown provider “%(value)s”: no provider of %(service)s has that name or "
            "organisation number."
        ) % {"service": self.service, "value": text}

    def measure(self, text: str) -> tuple[Measure | None, str | None]:
        measure = self.measures.get(_name_key(text))
        if measure is not None:
            return measure, None
        return None, _("Unknown measure “%(value)s”: %(service)s has no measure by that name.") % {
            "service": self.service,
            "value": text,
        }


def _year(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value.strip()):
        return int(value.strip())
    return None


def parse_value(value) -> Decimal | None:
    """A number as spreadsheets and people write it: 87.5, "87,5", "87,5 %", "1 234"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = SPACES.sub("", value).removesuffix("%")
        if "," in text and "." in text:
            return None
        text = text.replace(",", ".").replace("\u2212", "-")
    else:
        return None
    if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?", text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > MAX_VALUE:
        return None
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _formula_error(cell: Cell, number: int) -> str:
    return _(
        "Cell %(cell)s holds a formula. Save the sheet with values only (paste as values) "
        "and upload it again."
    ) % {"cell": f"{get_column_letter(cell.column + 1)}{number}"}


def _check_row(number: int, cells: dict[str, Cell], lookups: _Lookups) -> FigureRow:
    row = FigureRow(
        number=number,
        provider_text=_text(cells["provider"].value),
        measure_text=_text(cells["measure"].value),
        year_text=_text(cells["year"].value),
        value_text=_text(cells["value"].value),
    )
    for key in ("provider", "measure", "year", "value"):
        if cells[key].formula:
            row.errors.append(_formula_error(cells[key], number))
    formulas = {key for key, cell in cells.items() if cell.formula}

    if "provider" not in formulas:
        if not row.provider_text:
            row.errors.append(_("The provider is missing."))
        else:
            row.provider, error = lookups.provider(row.provider_text)
            if error:
                row.errors.append(error)
    if "measure" not in formulas:
        if not row.measure_text:
            row.errors.append(_("The measure is missing."))
        else:
            row.measure, error = lookups.measure(row.measure_text)
            if error:
                row.errors.append(error)
    if "year" not in formulas:
        year = _year(cells["year"].value)
        if not row.year_text:
            row.errors.append(_("The year is missing."))
        elif year is None or not FIRST_YEAR <= year <= last_year():
            row.errors.append(
                _("The year “%(value)s” is not a year from %(first)s to %(last)s.")
                % {"value": row.year_text, "first": FIRST_YEAR, "last": last_year()}
            )
        else:
            row.year = year
    if "value" not in formulas:
        if not row.value_text:
            row.errors.append(_("The value is missing. Write a value or remove the row."))
        else:
            row.value = parse_value(cells["value"].value)
            if row.value is None:
                row.errors.append(
                    _("The value “%(value)s” is not a number.") % {"value": row.value_text}
                )
    return row


def _mark_duplicates(rows: list[FigureRow]) -> None:
    first_seen: dict[tuple, int] = {}
    for row in rows:
        key = row.key
        if key is None:
            continue
        if key in first_seen:
            row.errors.append(
                _("The same provider, measure and year as row %(row)s.") % {"row": first_seen[key]}
            )
        else:
            first_seen[key] = row.number


def _existing(*, service: Service, rows: list[FigureRow], lock: bool = False) -> dict:
    years = {row.year for row in rows if row.year is not None}
    figures = EvaluationFigure.objects.filter(measure__service=service, year__in=years)
    if lock:
        figures = figures.select_for_update()
    return {(f.provider_id, f.measure_id, f.year): f for f in figures}


def _mark_status(*, service, rows, published_on) -> None:
    existing = _existing(service=service, rows=rows)
    for row in rows:
        figure = existing.get(row.key) if row.key else None
        if figure is None:
            row.status = NEW
            continue
        row.old_value, row.old_published_on = figure.value, figure.published_on
        same_date = published_on is None or figure.published_on == published_on
        row.status = UNCHANGED if figure.value == row.value and same_date else CHANGED


def parse_figures(*, file, service: Service, published_on: datetime.date | None = None) -> Preview:
    """Read and check every row of an uploaded .xlsx or .csv for `service`. Writes nothing.
    Raises FigureFileError if the file as a whole cannot be used; otherwise the preview has
    every row, each new, changed or unchanged, and the errors of the bad ones."""
    name, data = _read(file)
    kind = _kind(name, data)
    lines = _xlsx_rows(data) if kind == XLSX else _csv_rows(data)
    lookups = _Lookups(service)
    columns = None
    rows: list[FigureRow] = []
    try:
        for number, cells in lines:
            if columns is None:
                if number > HEADER_SEARCH_ROWS:
                    raise _no_header()
                columns = _header(cells)
                continue
            if number > MAX_ROWS_READ:
                raise _too_many_rows()
            values = {
                key: cells[index] if index < len(cells) else BLANK for key, index in columns.items()
            }
            if all(not cell.formula and not _text(cell.value) for cell in values.values()):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append(_check_row(number, values, lookups))
    finally:
        lines.close()
    if columns is None:
        raise _no_header()
    if not rows:
        raise FigureFileError(_("The file has no figures below its header row."), code="empty")
    _mark_duplicates(rows)
    _mark_status(service=service, rows=rows, published_on=published_on)
    return Preview(service=service, rows=rows)


def _too_many_rows() -> FigureFileError:
    return FigureFileError(
        _("The file has more than %(rows)s rows. Split it into smaller files.")
        % {"rows": MAX_ROWS},
        code="too_many_rows",
    )


# Writing -----------------------------------------------------------------------------------


def _refusals(*, rows: list[FigureRow], service: Service) -> list[str]:
    problems = []
    seen = set()
    for row in rows:
        reasons = list(row.errors)
        if row.provider is None or row.provider.service_id != service.pk:
            reasons.append(
                _("The provider is not a provider of %(service)s.") % {"service": service}
            )
        if row.measure is None or row.measure.service_id != service.pk:
            reasons.append(_("The measure is not a measure of %(service)s.") % {"service": service})
        if row.year is None or not FIRST_YEAR <= row.year <= last_year():
            reasons.append(_("The year is missing or out of range."))
        if row.value is None or abs(row.value) > MAX_VALUE:
            reasons.append(_("The value is missing or not a number."))
        if row.key is not None and row.key in seen:
            reasons.append(_("The same provider, measure and year as another row."))
        seen.add(row.key)
        problems.extend(
            _("Row %(row)s: %(reason)s") % {"row": row.number, "reason": reason}
            for reason in reasons
        )
    return problems


@transaction.atomic
def import_figures(*, rows, service: Service, published_on: datetime.date, user) -> ImportResult:
    """Write the rows of a checked file as `service`'s evaluation figures: new ones added,
    changed ones updated, in one transaction. If any row is bad, nothing is written."""
    if not may_import(user=user, service=service):
        raise PermissionDenied
    rows = list(rows)
    if not rows:
        raise ImportRefused(_("There are no figures to import."), code="empty")
    problems = _refusals(rows=rows, service=service)
    if problems:
        raise ImportRefused(problems, code="bad_rows")
    now = timezone.now()
    existing = _existing(service=service, rows=rows, lock=True)
    created, updated, unchanged = [], [], 0
    for row in rows:
        figure = existing.get(row.key)
        if figure is None:
            created.append(
                EvaluationFigure(
                    provider=row.provider,
                    measure=row.measure,
                    year=row.year,
                    value=row.value,
                    published_on=published_on,
                    imported_by=user,
                )
            )
        elif figure.value != row.value or figure.published_on != published_on:
            figure.value, figure.published_on = row.value, published_on
            figure.imported_by, figure.imported_at = user, now
            updated.append(figure)
        else:
            unchanged += 1
    EvaluationFigure.objects.bulk_create(created, batch_size=500)
    EvaluationFigure.objects.bulk_update(
        updated, ["value", "published_on", "imported_by", "imported_at"], batch_size=500
    )
    result = ImportResult(created=len(created), updated=len(updated), unchanged=unchanged)
    log(
        instance=service,
        action=LOG_ACTION,
        user=user,
        data={
            "published_on": published_on.isoformat(),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return result


# From the preview to the confirmation -------------------------------------------------------


def sign_rows(*, preview: Preview, published_on: datetime.date, user) -> str:
    """The checked rows, signed for the confirmation and bound to the user who saw them."""
    return signing.dumps(
        {
            "service": preview.service.pk,
            "published_on": published_on.isoformat(),
            "user": user.pk,
            "rows": [
                [row.number, row.provider.pk, row.measure.pk, row.year, str(row.value)]
                for row in preview.rows
                if not row.errors
            ],
        },
        salt=PAYLOAD_SALT,
        compress=True,
    )


def rows_from_payload(*, payload: str, user) -> tuple[Service, datetime.date, list[FigureRow]]:
    """The rows a preview signed, looked up again. Raises ImportRefused if the payload is
    not one this site signed for `user` within the hour, or names what no longer exists."""
    try:
        data = signing.loads(payload or "", salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
        if data["user"] != user.pk:
            raise signing.BadSignature("another user's preview")
        service = Service.objects.get(pk=data["service"])
        published_on = datetime.date.fromisoformat(data["published_on"])
        numbers = [tuple(item) for item in data["rows"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError, Service.DoesNotExist) as error:
        raise ImportRefused(
            _("The preview has expired or is not valid. Upload the file again."), code="payload"
        ) from error
    providers = Provider.objects.filter(service=service).in_bulk()
    measures = Measure.objects.filter(service=service).in_bulk()
    rows = []
    for number, provider_id, measure_id, year, value in numbers:
        row = FigureRow(
            number=number,
            provider=providers.get(provider_id),
            measure=measures.get(measure_id),
            year=year,
            value=parse_value(value),
        )
        if row.provider is None:
            row.errors.append(_("The provider has been removed since the preview."))
        if row.measure is None:
            row.errors.append(_("The measure has been removed since the preview."))
        rows.append(row)
    return service, published_on, rows


# The template to fill in ------------------------------------------------------------------


def _safe_cell(text: str) -> str:
    """Text a spreadsheet program will not take for a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def template_rows(*, service: Service, year: int | None = None) -> list[list[str]]:
    """Every provider of the service with every measure, for the year, the value left
    blank. A provider is named by its name, or its organisation number where two share a
    name."""
    year = year or timezone.localdate().year
    providers = list(Provider.objects.filter(service=service).order_by("name"))
    names = defaultdict(int)
    for provider in providers:
        names[_name_key(provider.name)] += 1
    measures = list(Measure.objects.filter(service=service).order_by("name"))
    rows = []
    for provider in providers:
        label = provider.name
        if names[_name_key(provider.name)] > 1 and provider.organisation_number:
            label = provider.organisation_number
        rows.extend([label, str(year), measure.name, ""] for measure in measures)
    return rows


def template_csv(*, service: Service) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADERS)
    for row in template_rows(service=service):
        writer.writerow([_safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(*, service: Service) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    figures = workbook.create_sheet(_("Figures"))

    def text(sheet, value: str):
        # Text a spreadsheet program would otherwise take for a formula stays text.
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        return cell

    figures.append(list(TEMPLATE_HEADERS))
    for provider, year, measure, _value in template_rows(service=service):
        figures.append([text(figures, provider), int(year), text(figures, measure), None])
    about = workbook.create_sheet(_("Providers and measures"))
    about.append([_("Provider"), _("Organisation number")])
    for provider in Provider.objects.filter(service=service).order_by("name"):
        about.append([text(about, provider.name), provider.organisation_number])
    about.append([])
    about.append([_("Measure"), _("Unit"), _("Source"), _("A higher value is better")])
    for measure in Measure.objects.filter(service=service).order_by("name"):
        about.append(
            [
                text(about, measure.name),
                measure.unit,
                text(about, measure.source),
                _("Yes") if measure.higher_is_better else _("No"),
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
