"""The demo municipality's crisis communication (K2, K4): Nyheter och media runs it, and a
past water-supply disruption shows an ended event with its updates – intranet first – and
its log. The event is invented. Loading is idempotent: what exists is left as it is."""

import datetime

from django.utils import timezone

from navet.crisis.models import (
    CrisisEvent,
    CrisisLogEntry,
    CrisisSettings,
    CrisisUpdate,
    EventStatus,
    Level,
    LogAction,
    OnCallShift,
    UpdateStatus,
)

CRISIS_UNIT = "Nyheter och media"
WATER_EVENT = "Störning i vattenförsörjningen i Ryd och Västra Valla"

# (minutes after the start, headline, ingress, answers, easy-to-read, for staff only,
#  minutes from the intranet to the public website or None)
WATER_UPDATES = [
    (
        20,
        "Inget vatten i delar av Ryd och Västra Valla",
        "En vattenledning har gått sönder. Hushåll i Ryd och Västra Valla har inget vatten.",
        {
            "what_happened": "En stor vattenledning gick sönder vid Rydsvägen i morse.",
            "what_it_means": "Du kan ha inget eller lite vatten i kranen under dagen.",
            "what_we_do": "Tekniska verken lagar ledningen. Vi ställer ut vattentankar.",
            "what_to_do": "Hämta vatten vid tankarna. Ta med egna dunkar.",
            "learn_more": "Ring 013-20 60 00 eller läs på linkoping.se/kris.",
        },
        "Vattenledningen vid Rydsvägen är trasig. Du kan inte få vatten i kranen i dag. "
        "Hämta vatten vid tankarna.",
        False,
        5,
    ),
    (
        45,
        "Till personalen i Ryd: förskolor och äldreboenden",
        "Förskolor och äldreboenden i Ryd får vatten på flaska före lunch.",
        {
            "what_happened": "Vattnet är avstängt i Ryd och Västra Valla.",
            "what_we_do": "Kostenheten kör ut vatten på flaska till varje enhet före lunch.",
            "what_to_do": "Ring din chef om din enhet inte har fått vatten klockan tolv.",
        },
        "",
        True,
        None,
    ),
    (
        240,
        "Vattnet är tillbaka i Ryd och Västra Valla",
        "Ledningen är lagad. Vattnet kommer tillbaka under eftermiddagen.",
        {
            "what_happened": "Tekniska verken har lagat den trasiga ledningen.",
            "what_it_means": "Vattnet kan vara grumligt en stund. Det är inte farligt.",
            "what_to_do": "Spola kallvatten i några minuter tills det blir klart.",
            "learn_more": "Ring Tekniska verkens kundservice på 013-20 80 00.",
        },
        "Ledningen är lagad. Du får vatten igen i eftermiddag. Spola lite vatten först.",
        False,
        3,
    ),
]


def load_crisis(*, units: dict, people: dict) -> None:
    settings = CrisisSettings.load()
    if settings.crisis_unit_id is None:
        settings.crisis_unit = units[CRISIS_UNIT]
        settings.save()
    if not CrisisEvent.objects.filter(title=WATER_EVENT).exists():
        _water_event(units=units, people=people)
    load_roster(people=people)


def _water_event(*, units: dict, people: dict) -> None:
    kib = people["kib"].user
    press = people["pressekreterare"].user
    started = timezone.now().replace(
        hour=7, minute=40, second=0, microsecond=0
    ) - datetime.timedelta(days=40)
    event = CrisisEvent.objects.create(
        title=WATER_EVENT,
        level=Level.DISTURBANCE,
        affected_area="Ryd och Västra Valla",
        responsible_unit=units["Miljö- och samhällsbyggnadsförvaltningen"],
        status=EventStatus.ENDED,
        created_at=started,
        created_by=kib,
        started_at=started,
        handed_over_at=started + datetime.timedelta(hours=3),
        ended_at=started + datetime.timedelta(hours=6),
    )
    entries = [(started, LogAction.STARTED, kib, WATER_EVENT)]
    for minutes, title, ingress, answers, easy, internal, public_after in WATER_UPDATES:
        written = started + datetime.timedelta(minutes=minutes - 10)
        intranet = started + datetime.timedelta(minutes=minutes)
        public = intranet + datetime.timedelta(minutes=public_after) if public_after else None
        author = kib if minutes < 180 else press
        CrisisUpdate.objects.create(
            event=event,
            title=title,
            ingress=ingress,
            easy_to_read=easy,
            internal_only=internal,
            sender=units[CRISIS_UNIT],
            status=UpdateStatus.PUBLISHED,
            created_at=written,
            written_by=author,
            intranet_published_at=intranet,
            public_published_at=public,
            **answers,
        )
        entries += [
            (written, LogAction.UPDATE_WRITTEN, author, title),
            (intranet, LogAction.PUBLISHED_INTRANET, author, title),
        ]
        if public:
            entries.append((public, LogAction.PUBLISHED_PUBLIC, author, title))
    entries += [
        (event.handed_over_at, LogAction.HANDED_OVER, kib, str(event.responsible_unit)),
        (event.ended_at, LogAction.ENDED, press, ""),
    ]
    for at, action, user, detail in sorted(entries, key=lambda entry: entry[0]):
        CrisisLogEntry.objects.create(
            event=event,
            at=at,
            action=action,
            actor=user,
            actor_name=user.get_full_name(),
            detail=detail,
        )


# The on-call communicators from last week on, in turn; one coming week is left open to
# show a gap.
ROSTER = [
    "pressekreterare",
    "kib",
    "pressekreterare",
    "kib",
    "pressekreterare",
    "kib",
    None,
    "pressekreterare",
]


def load_roster(*, people: dict) -> None:
    from navet.crisis.roster import week_start

    if OnCallShift.objects.exists():
        return
    first = week_start(timezone.localdate()) - datetime.timedelta(weeks=1)
    for number, username in enumerate(ROSTER):
        if username is not None:
            OnCallShift.objects.create(
                starts_on=first + datetime.timedelta(weeks=number), person=people[username]
            )
