"""Official alerts in: a CAP 1.2 feed (the format of Krisinformation.se and VMA) read on a
schedule (`manage.py read_official_alerts`). An actual alert whose area carries the
municipality's code becomes a suggested crisis event for the on-call communicator to
confirm or dismiss – never published by itself. Each alert is suggested once; one that
cannot be read is logged and skipped."""

import logging
from dataclasses import dataclass
from urllib.request import Request, urlopen

from defusedxml import ElementTree
from django.db import IntegrityError, transaction

from .models import CrisisEvent, CrisisSettings, EventStatus, Level, LogAction
from .services import log

logger = logging.getLogger(__name__)
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
MAX_BYTES = 5 * 1024 * 1024
LEVELS = {"Extreme": Level.EXTRAORDINARY, "Severe": Level.SERIOUS}


@dataclass(frozen=True)
class Alert:
    identifier: str
    headline: str
    area: str
    level: int
    description: str


def _text(element, name: str) -> str:
    found = element.find(CAP + name)
    return (found.text or "").strip() if found is not None else ""


def parse(document: bytes, *, area_code: str) -> list[Alert]:
    """The actual, new or updated alerts in `document` (one CAP alert, or a feed holding
    several) whose area has `area_code` among its geocodes."""
    root = ElementTree.fromstring(document)
    alerts = [root] if root.tag == CAP + "alert" else list(root.iter(CAP + "alert"))
    found = []
    for alert in alerts:
        if _text(alert, "status") != "Actual" or _text(alert, "msgType") == "Cancel":
            continue
        for info in alert.findall(CAP + "info"):
            areas = [
                area
                for area in info.findall(CAP + "area")
                if any(_text(code, "value") == area_code for code in area.findall(CAP + "geocode"))
            ]
            if not areas:
                continue
            found.append(
                Alert(
                    identifier=_text(alert, "identifier"),
                    headline=(_text(info, "headline") or _text(info, "event"))[:150],
                    area=", ".join(_text(area, "areaDesc") for area in areas)[:200],
                    level=LEVELS.get(_text(info, "severity"), Level.DISTURBANCE),
                    description=_text(info, "description"),
                )
            )
            break
    return [alert for alert in found if alert.identifier and alert.headline]


def fetch(url: str) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"Not a web address: {url}")
    request = Request(url, headers={"Accept": "application/xml"})  # noqa: S310 - checked
    with urlopen(request, timeout=15) as response:  # noqa: S310 - checked above
        return response.read(MAX_BYTES + 1)[:MAX_BYTES]


def suggest(alert: Alert, *, settings) -> CrisisEvent | None:
    """A suggested event for the alert, once."""
    if CrisisEvent.objects.filter(alert_identifier=alert.identifier).exists():
        return None
    try:
        with transaction.atomic():
            event = CrisisEvent.objects.create(
                title=alert.headline,
                level=alert.level,
                affected_area=alert.area or "–",
                responsible_unit=settings.crisis_unit,
                status=EventStatus.SUGGESTED,
                alert_identifier=alert.identifier,
            )
            log(event=event, action=LogAction.SUGGESTED, detail=alert.description[:2000])
    except IntegrityError:
        return None
    return event


def read_official_alerts() -> list[CrisisEvent]:
    settings = CrisisSettings.load()
    if not (settings.cap_feed_url and settings.cap_area_code and settings.crisis_unit_id):
        return []
    try:
        alerts = parse(fetch(settings.cap_feed_url), area_code=settings.cap_area_code)
    except Exception:
        logger.exception("Couldn't read the official alerts at %s", settings.cap_feed_url)
        return []
    suggested = []
    for alert in alerts:
        try:
            event = suggest(alert, settings=settings)
        except Exception:
            logger.exception("Couldn't suggest an event for the alert %s", alert.identifier)
            continue
        if event is not None:
            suggested.append(event)
    return suggested
