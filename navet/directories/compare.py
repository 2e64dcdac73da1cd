"""Comparing providers (W3.4): which providers a reader chose, and the evaluation figures
in a form that compares – each provider's latest figure of every measure beside the
municipality's average, the mean over all live providers of the service that have a figure
for that measure and year."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg
from django.utils.formats import number_format

from .models import EvaluationFigure, Measure, Provider, Service
from .selectors import is_slug

FEWEST, MOST = 2, 4
# More `p` parameters than this are no choice a reader made in the form: the rest is unread.
MAX_ASKED = 50


@dataclass
class Selection:
    """The slugs asked for, in order, without repeats; `unknown` when something asked for
    cannot be a provider's slug."""

    slugs: list[str]
    unknown: bool = False


def selection(values: list[str]) -> Selection:
    """The `p` parameters of the compare route: anything that is not a slug is unknown."""
    slugs, unknown = [], False
    for value in values[:MAX_ASKED]:
        value = value.strip()
        if not value:
            continue
        if not is_slug(value):
            unknown = True
        elif value not in slugs:
            slugs.append(value)
    return Selection(slugs=slugs, unknown=unknown or len(values) > MAX_ASKED)


def figure_text(value, unit: str = "") -> str:
    """A figure as readers write it: "87", "87,5", "87,5 %" (the active language's decimal
    separator, no trailing zeros)."""
    if value is None:
        return ""
    value = Decimal(value)
    # normalize() alone would write 80 as 8E+1.
    whole = value == value.to_integral_value()
    value = value.quantize(Decimal(1)) if whole else value.normalize()
    text = number_format(value, use_l10n=True)
    return f"{text}\u00a0{unit}" if unit else text


@dataclass
class Figure:
    """A provider's figure of a measure for a year, with the municipality's average for the
    same measure and year."""

    measure: Measure
    year: int
    value: Decimal
    published_on: object
    average: Decimal | None

    @property
    def text(self) -> str:
        return figure_text(self.value, self.measure.unit)

    @property
    def average_text(self) -> str:
        return figure_text(self.average, self.measure.unit)


@dataclass
class MeasureFigures:
    """One measure of the service: its latest year with figures, the municipality's
    average that year, and the latest figure of each provider asked about, in their order
    (None where a provider has none)."""

    measure: Measure
    latest_year: int
    average: Decimal | None
    cells: list[Figure | None] = field(default_factory=list)

    @property
    def average_text(self) -> str:
        return figure_text(self.average, self.measure.unit)


def _rounded(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def evaluation(service: Service, providers: list[Provider]) -> list[MeasureFigures]:
    """Every measure of `service` that a live provider has a figure of, in the measures'
    order, with the latest figure of each of `providers`."""
    published = EvaluationFigure.objects.filter(
        measure__service=service, provider__service=service, provider__live=True
    )
    averages = {
        (row["measure_id"], row["year"]): _rounded(row["average"])
        for row in published.values("measure_id", "year").annotate(average=Avg("value"))
    }
    if not averages:
        return []
    latest_years: dict[int, int] = {}
    for measure_id, year in averages:
        latest_years[measure_id] = max(year, latest_years.get(measure_id, year))
    measures = Measure.objects.filter(pk__in=latest_years).order_by("name", "pk")
    results = {
        measure.pk: MeasureFigures(
            measure=measure,
            latest_year=latest_years[measure.pk],
            average=averages[(measure.pk, latest_years[measure.pk])],
        )
        for measure in measures
    }
    latest: dict[tuple[int, int], Figure] = {}
    ids = [provider.pk for provider in providers]
    # Newest first: the first figure met of a provider and measure is its latest.
    for figure in published.filter(provider_id__in=ids).order_by("-year", "-published_on"):
        key = (figure.measure_id, figure.provider_id)
        if key not in latest:
            latest[key] = Figure(
                measure=results[figure.measure_id].measure,
                year=figure.year,
                value=figure.value,
                published_on=figure.published_on,
                average=averages.get((figure.measure_id, figure.year)),
            )
    for result in results.values():
        result.cells = [latest.get((result.measure.pk, provider_id)) for provider_id in ids]
    return list(results.values())
