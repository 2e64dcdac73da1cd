"""The demo municipality's crisis communication (K2, K4): Nyheter och media runs it, and a
past water-supply disruption shows an ended event with its updates – intranet first – their
translations (W3.3e) and its log. The event is invented. Loading is idempotent: what exists
is left as it is."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

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


# The updates' translations, by their headline: English for all, Finnish (a national
# minority language) for the first.
WATER_TRANSLATIONS = {
    "Inget vatten i delar av Ryd och Västra Valla": {
        "en": {
            "title": "No water in parts of Ryd and Västra Valla",
            "ingress": "A water main has burst. Households in Ryd and Västra Valla have no water.",
            "what_happened": "A large water main burst on Rydsvägen this morning.",
            "what_it_means": "You may have little or no water from the tap during the day.",
            "what_we_do": "Tekniska verken is repairing the main. We are setting out water tanks.",
            "what_to_do": "Fetch water at the tanks. Bring your own containers.",
            "learn_more": "Call 013-20 60 00 or read linkoping.se/kris.",
        },
        "fi": {
            "title": "Ei vettä osissa Rydiä ja Västra Vallaa",
            "ingress": (
                "Vesijohto on rikkoutunut. Rydin ja Västra Vallan kotitalouksissa ei ole vettä."
            ),
            "what_happened": "Suuri vesijohto rikkoutui Rydsvägenillä tänä aamuna.",
            "what_it_means": "Hanasta voi tulla vain vähän tai ei lainkaan vettä päivän aikana.",
            "what_we_do": "Tekniska verken korjaa johtoa. Asetamme esille vesisäiliöitä.",
            "what_to_do": "Hae vettä säiliöiltä. Ota mukaan omat kanisterit.",
            "learn_more": "Soita 013-20 60 00 tai lue linkoping.se/kris.",
        },
    },
    "Till personalen i Ryd: förskolor och äldreboenden": {
        "en": {
            "title": "To staff in Ryd: preschools and care homes",
            "ingress": "Preschools and care homes in Ryd get bottled water before lunch.",
            "what_happened": "The water is shut off in Ryd and Västra Valla.",
            "what_we_do": "The catering unit delivers bottled water to every unit before lunch.",
            "what_to_do": "Call your manager if your unit has not received water by noon.",
        },
    },
    "Vattnet är tillbaka i Ryd och Västra Valla": {
        "en": {
            "title": "The water is back in Ryd and Västra Valla",
            "ingress": "The main is repaired. The water returns during the afternoon.",
            "what_happened": "Tekniska verken has repaired the broken main.",
            "what_it_means": "The water may be cloudy for a while. It is not dangerous.",
            "what_to_do": "Run the cold tap for a few minutes until the water is clear.",
            "learn_more": "Call Tekniska verken's customer service on 013-20 80 00.",
        },
    },
}


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
        update = CrisisUpdate.objects.create(
            event=event,
            locale=Locale.get_default(),
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
        _translate(update, WATER_TRANSLATIONS[title], written=written, author=author)
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


def _translate(update, translations: dict, *, written, author) -> None:
    for language, texts in translations.items():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        translation = update.new_translation(locale)
        translation.created_at = written
        translation.written_by = author
        for name, text in texts.items():
            setattr(translation, name, text)
        translation.save()


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
