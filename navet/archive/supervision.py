"""The web council's and the infomaster's supervision (W3.7): for each administration, what
of its live pages breaks the publishing rules – review date passed (W3.3d), language errors
and LIX (W3.3e), no clear sender (W3.3d), broken links, accessibility problems – and which
archive captures failed; a snapshot every night gives the trend."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from navet.editorial.models import EditorialPageMixin
from navet.editorial.rules import sender_problems
from navet.language.models import PageLanguageReview
from navet.organisation.models import Unit, UnitKind

from .models import AccessibilityProblem, BrokenLink, Capture, CaptureStatus, ComplianceSnapshot

TOP_KINDS = (UnitKind.ADMINISTRATION, UnitKind.COMPANY)


def administration_of(unit: Unit | None, *, units: dict[int, Unit]) -> Unit | None:
    """The administration (or municipal company) a unit belongs to; a unit outside every
    administration answers for itself."""
    if unit is None:
        return None
    current, seen = unit, set()
    while current is not None and current.pk not in seen:
        if current.kind in TOP_KINDS:
            return current
        seen.add(current.pk)
        current = units.get(current.parent_id)
    return unit


@dataclass
class PageFinding:
    page_id: int
    title: str
    administration_id: int | None
    past_review: bool = False
    review_by: object = None
    language_errors: int = 0
    lix: float | None = None
    without_sender: bool = False
    broken_links: list = field(default_factory=list)
    accessibility: list = field(default_factory=list)

    @property
    def has_problem(self) -> bool:
        return bool(
            self.past_review
            or self.language_errors
            or self.without_sender
            or self.broken_links
            or self.accessibility
        )


@dataclass
class AdministrationState:
    unit: Unit | None
    pages: int = 0
    past_review: int = 0
    language_errors: int = 0
    lix_values: list = field(default_factory=list)
    without_sender: int = 0
    broken_links: int = 0
    accessibility_problems: int = 0
    failed_captures: int = 0
    findings: list = field(default_factory=list)

    @property
    def average_lix(self) -> float | None:
        if not self.lix_values:
            return None
        return round(sum(self.lix_values) / len(self.lix_values), 1)


def editorial_page_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, EditorialPageMixin) and not model._meta.abstract
    ]


def live_pages():
    for model in editorial_page_models():
        # A page of a subclass is listed by its own model only.
        yield from model.objects.live().exact_type(model).select_related("owning_unit")


def current_state(*, today=None) -> dict[int | None, AdministrationState]:
    """Every administration's state now, with the pages that have a problem."""
    today = today or timezone.localdate()
    units = {unit.pk: unit for unit in Unit.objects.all()}
    reviews = {review.page_id: review for review in PageLanguageReview.objects.all()}
    broken = defaultdict(list)
    for link in BrokenLink.objects.all():
        broken[link.page_id].append(link)
    problems = defaultdict(list)
    for problem in AccessibilityProblem.objects.all():
        problems[problem.page_id].append(problem)
    states: dict[int | None, AdministrationState] = {}

    def state_for(administration):
        key = administration.pk if administration else None
        if key not in states:
            states[key] = AdministrationState(unit=administration)
        return states[key]

    for page in live_pages():
        administration = administration_of(
            units.get(page.owning_unit_id) if page.owning_unit_id else None, units=units
        )
        state = state_for(administration)
        review = reviews.get(page.pk)
        finding = PageFinding(
            page_id=page.pk,
            title=page.title,
            administration_id=administration.pk if administration else None,
            past_review=bool(page.review_by and page.review_by < today),
            review_by=page.review_by,
            language_errors=review.errors if review else 0,
            lix=review.lix if review and review.words else None,
            without_sender=bool(sender_problems(page)),
            broken_links=broken.get(page.pk, []),
            accessibility=problems.get(page.pk, []),
        )
        state.pages += 1
        state.past_review += finding.past_review
        state.language_errors += bool(finding.language_errors)
        if finding.lix is not None:
            state.lix_values.append(finding.lix)
        state.without_sender += finding.without_sender
        state.broken_links += len(finding.broken_links)
        state.accessibility_problems += len(finding.accessibility)
        if finding.has_problem:
            state.findings.append(finding)
    for record in Capture.objects.filter(status=CaptureStatus.FAILED):
        unit = units.get(record.unit_id) if record.unit_id else None
        state_for(administration_of(unit, units=units)).failed_captures += 1
    return states


@transaction.atomic
def take_snapshots(*, today=None) -> list[ComplianceSnapshot]:
    """Tonight's snapshot of every administration (replacing one already taken today)."""
    today = today or timezone.localdate()
    snapshots = []
    for state in current_state(today=today).values():
        if state.unit is None:
            continue
        snapshot, _created = ComplianceSnapshot.objects.update_or_create(
            taken_on=today,
            unit=state.unit,
            defaults={
                "pages": state.pages,
                "past_review": state.past_review,
                "language_errors": state.language_errors,
                "average_lix": state.average_lix,
                "without_sender": state.without_sender,
                "broken_links": state.broken_links,
                "accessibility_problems": state.accessibility_problems,
                "failed_captures": state.failed_captures,
            },
        )
        snapshots.append(snapshot)
    return snapshots


def trend(*, unit_ids, days: int = 365) -> dict[int, list[ComplianceSnapshot]]:
    since = timezone.localdate() - datetime.timedelta(days=days)
    found = defaultdict(list)
    for snapshot in ComplianceSnapshot.objects.filter(
        unit_id__in=unit_ids, taken_on__gte=since
    ).order_by("taken_on"):
        found[snapshot.unit_id].append(snapshot)
    return found
