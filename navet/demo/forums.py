"""The demo municipality's forums and networks (K3, K6, seed 000 section 6; W3.7, seed 003
section 3.7.7), a year of meetings with agendas and two published sets of minutes, and a
joint campaign plan with overlaps (K6.1).

Who sits where is not listed here: each forum names roles, and the members follow from the
demo's role assignments. The head of Planerad kommunikation gets the manager's role of the
unit, which makes him the web council's chair. Loading is idempotent."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from navet.forums import services as forum_services
from navet.forums.models import (
    Admission,
    AgendaItem,
    Campaign,
    CampaignStatus,
    ExtraMember,
    ExtraMemberKind,
    Forum,
    MeetingKind,
    Minutes,
    MinutesAudience,
    NetworkMembership,
    Paper,
    ParticipantRule,
)
from navet.forums.recurrence import local_zone
from navet.governance.models import Channel, ChannelAudience
from navet.intranet.services import protect_collection
from navet.organisation.models import Person, RoleAssignment, Unit, UnitKind
from navet.organisation.roles import Role

from .media import make_pdf

STAFF = "Kommunikations- och utvecklingsstaben"
PLANERAD = "Planerad kommunikation"
ALL_MONTHS_BUT_JULY = "BYMONTH=1,2,3,4,5,6,8,9,10,11,12"

# The roles of communication work (the communication network is open to them all).
COMMUNICATION_ROLES = [
    (Role.COMMUNICATIONS_LEAD, "Kommunikationschefer och kommunikationsansvariga"),
    (Role.COMMUNICATOR, "Kommunikatörer"),
    (Role.HEAD_EDITOR, "Huvudredaktörer"),
    (Role.EDITOR, "Webbredaktörer"),
    (Role.INFOMASTER, "Infomaster"),
    (Role.WEBMASTER, "Webmaster"),
    (Role.ON_CALL_COMMUNICATOR, "Kommunikatörer i beredskap"),
    (Role.PRESS_CONTACT, "Pressansvariga"),
]

# (slug, name, data). Rules: (label, role, unit name or None, units below, unit kind, admission)
FORUMS = [
    (
        "ledningsforum-kommunikation",
        "Ledningsforum kommunikation",
        {
            "purpose": (
                "Driver det strategiska kommunikationsarbetet på kommunövergripande nivå och "
                "gör gemensamma prioriteringar av insatser. Forumet bistår kommunikations- "
                "och utvecklingsdirektören i strategiska vägval och i samordning och "
                "planering av kommunövergripande kommunikationsinsatser, till exempel "
                "gemensam planering av kampanjer i sociala medier och på stortavlor."
            ),
            "chair": (Role.SYSTEM_OWNER_DELEGATE, STAFF),
            "secretary": None,
            "frequency": "En gång per månad och ett par planeringsdagar om året",
            "recurrence": f"FREQ=MONTHLY;BYDAY=1TU;{ALL_MONTHS_BUT_JULY}",
            "time": datetime.time(9),
            "minutes": 120,
            "location": "Stadshuset, sammanträdesrum Stångån",
            "substitutes_need_consent": True,
            "rules": [
                (
                    "Kommunikationschef eller kommunikationsansvarig för respektive förvaltning",
                    Role.COMMUNICATIONS_LEAD,
                    None,
                    False,
                    UnitKind.ADMINISTRATION,
                    Admission.MEMBER,
                ),
                (
                    "Enhetschefer från Kommunikations- och utvecklingsstaben",
                    Role.MANAGER,
                    STAFF,
                    True,
                    "",
                    Admission.MEMBER,
                ),
            ],
        },
    ),
    (
        "webbrad",
        "Webbrådet",
        {
            "purpose": (
                "Driver utveckling och förvaltning av kommunens webbplatser: "
                "informationsstruktur, innehåll och frågor av redaktionell karaktär. "
                "Bereder styrdokument och större förändringar av webbplatserna."
            ),
            "chair": (Role.MANAGER, PLANERAD),
            "secretary": (Role.INFOMASTER, None),
            "frequency": "En gång per månad",
            "recurrence": f"FREQ=MONTHLY;BYDAY=3WE;{ALL_MONTHS_BUT_JULY}",
            "time": datetime.time(13),
            "minutes": 120,
            "location": "Stadshuset, sammanträdesrum Tinnerbäcken",
            "substitutes_need_consent": False,
            "rules": [
                (
                    "Huvudredaktörerna för externwebben från respektive förvaltning",
                    Role.HEAD_EDITOR,
                    None,
                    False,
                    UnitKind.ADMINISTRATION,
                    Admission.MEMBER,
                ),
                (
                    "Medarbetare från webbteamet (Planerad kommunikation)",
                    Role.COMMUNICATOR,
                    PLANERAD,
                    False,
                    "",
                    Admission.MEMBER,
                ),
            ],
        },
    ),
    (
        "kommunikationsnatverket",
        "Kommunikationsnätverket",
        {
            "purpose": (
                "Informerar om viktiga frågor och pågående projekt i "
                "kommunikationsverksamheten, delar erfarenheter och höjer kompetensen i hela "
                "verksamheten. Deltagandet är frivilligt. Varje förvaltnings "
                "kommunikationsansvariga för viktig information vidare till dem som inte "
                "kan delta."
            ),
            "chair": (Role.SYSTEM_OWNER_DELEGATE, STAFF),
            "secretary": (Role.MANAGER, PLANERAD),
            "frequency": "4–6 gånger per år",
            "recurrence": "FREQ=MONTHLY;BYMONTH=2,4,6,9,11;BYDAY=2TH",
            "time": datetime.time(13),
            "minutes": 180,
            "location": "Konsert & Kongress, sal Linköping",
            "substitutes_need_consent": False,
            "rules": [
                (label, role, None, False, "", Admission.MAY_JOIN)
                for role, label in COMMUNICATION_ROLES
            ],
        },
    ),
    (
        "lilla-koncernnatverket",
        "Det lilla koncernnätverket",
        {
            "purpose": (
                "Arbetar gemensamt för att påverka platsvarumärket Linköping i positiv "
                "riktning, delar information om större kommunikationsinsatser kopplade till "
                "platsen och skapar förutsättningar för erfarenhetsutbyte."
            ),
            "chair": (Role.SYSTEM_OWNER_DELEGATE, STAFF),
            "secretary": None,
            "frequency": "Tre till fyra gånger per år",
            "recurrence": "FREQ=MONTHLY;BYMONTH=3,5,9,11;BYDAY=1WE",
            "time": datetime.time(9),
            "minutes": 120,
            "location": "Stadshuset",
            "substitutes_need_consent": False,
            "rules": [
                (
                    "Kommunikations- och marknadschefer för bolag inom koncernen",
                    Role.COMMUNICATIONS_LEAD,
                    None,
                    False,
                    UnitKind.COMPANY,
                    Admission.MEMBER,
                ),
                (
                    "Kommunikationsansvarig för Kultur- och fritidsförvaltningen",
                    Role.COMMUNICATIONS_LEAD,
                    "Kultur- och fritidsförvaltningen",
                    False,
                    "",
                    Admission.MEMBER,
                ),
                (
                    "Kommunikationsansvarig för Miljö- och samhällsbyggnadsförvaltningen",
                    Role.COMMUNICATIONS_LEAD,
                    "Miljö- och samhällsbyggnadsförvaltningen",
                    False,
                    "",
                    Admission.MEMBER,
                ),
                (
                    "Enhetschefer från Kommunikations- och utvecklingsstaben",
                    Role.MANAGER,
                    STAFF,
                    True,
                    "",
                    Admission.MEMBER,
                ),
            ],
        },
    ),
    (
        "stora-koncernnatverket",
        "Det stora koncernnätverket",
        {
            "purpose": (
                "Inspirerar och kompetensutvecklar koncernens kommunikationsmedarbetare och "
                "stimulerar till nätverkande över organisationsgränserna."
            ),
            "chair": (Role.SYSTEM_OWNER_DELEGATE, STAFF),
            "secretary": (Role.MANAGER, PLANERAD),
            "frequency": "En gång per år",
            "recurrence": "FREQ=YEARLY;BYMONTH=10;BYDAY=3TH",
            "time": datetime.time(9),
            "minutes": 420,
            "location": "Konsert & Kongress",
            "substitutes_need_consent": False,
            "rules": [
                (label, role, None, False, "", Admission.MEMBER)
                for role, label in COMMUNICATION_ROLES
            ],
        },
    ),
]

# The web council's co-opted experts (W3.7, 3.7.7): IT strategy and the webmaster.
EXPERTS = [("itstrateg", "It-strategi"), ("webmaster", "Webmaster")]

# The communication network is voluntary: these demo people have joined.
JOINED_NETWORK = ["huvudredaktor.utbildning", "kommunikationsansvarig.social", "pressekreterare"]

# (title, proposer, competitive advantage for, minutes) on the web council's meetings.
WEB_COUNCIL_ITEMS = [
    ("Nya sidmallar för utförare i hemtjänsten", "huvudredaktor.social", "Leanlink"),
    ("Uppföljning av tillgänglighetsredogörelsen", "infomaster", None),
    ("Utbildningsplan för nya redaktörer", "huvudredaktor.utbildning", None),
]

LEADERSHIP_ITEMS = [
    ("Prioritering av vårens kampanjer", "kommunikationsansvarig.utbildning"),
    ("Budgetunderlag för kommande år", "kommunikationsansvarig.social"),
]

# (name, owner, audiences, channels (start of the register's name), from, to (days from
# the start of this month), status)
CAMPAIGNS = [
    (
        "Sök förskoleplats i tid",
        "Utbildningsförvaltningen",
        ["Invånare"],
        ["Externa", "Sociala"],
        0,
        30,
        CampaignStatus.PLANNED,
    ),
    (
        "Feriearbete för unga",
        "Kultur- och fritidsförvaltningen",
        ["Invånare"],
        ["Sociala", "Externa"],
        10,
        45,
        CampaignStatus.PLANNED,
    ),
    (
        "Bli kontaktfamilj",
        "Socialförvaltningen",
        ["Invånare"],
        ["Sociala", "Personaltidningen"],
        20,
        60,
        CampaignStatus.IDEA,
    ),
    (
        "Medarbetarenkäten",
        "Kommunledningsförvaltningen",
        ["Medarbetare"],
        ["Intranätet", "Personaltidningen"],
        35,
        50,
        CampaignStatus.PLANNED,
    ),
    (
        "Chefsdagen",
        "Kommunledningsförvaltningen",
        ["Chefer"],
        ["Intranätet"],
        40,
        42,
        CampaignStatus.PLANNED,
    ),
    (
        "Sortera rätt – matavfall",
        "Miljö- och samhällsbyggnadsförvaltningen",
        ["Invånare"],
        ["Externa", "Kontaktcenter"],
        60,
        120,
        CampaignStatus.IDEA,
    ),
    (
        "Sommarlov i Linköping",
        "Kultur- och fritidsförvaltningen",
        ["Invånare"],
        ["Sociala", "Externa"],
        150,
        220,
        CampaignStatus.IDEA,
    ),
    (
        "Rekrytering av lärare",
        "Utbildningsförvaltningen",
        ["Företag", "Invånare"],
        ["Sociala"],
        -30,
        10,
        CampaignStatus.RUNNING,
    ),
    (
        "Krisberedskapsveckan",
        "Kommunledningsförvaltningen",
        ["Invånare", "Media"],
        ["Pressmeddelanden", "Externa"],
        240,
        247,
        CampaignStatus.PLANNED,
    ),
    (
        "Näringslivsdagen",
        "Kommunledningsförvaltningen",
        ["Företag"],
        ["Pressmeddelanden", "Externa"],
        90,
        95,
        CampaignStatus.PLANNED,
    ),
    (
        "Digitala e-tjänster först",
        "Kommunledningsförvaltningen",
        ["Invånare"],
        ["Externa", "Kontaktcenter"],
        -60,
        -10,
        CampaignStatus.DONE,
    ),
    ("Trygg i hemtjänsten", "Leanlink", ["Invånare"], ["Externa"], 15, 40, CampaignStatus.PLANNED),
]


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _forum(slug, name, data, *, units, collection) -> Forum:
    forum = Forum.objects.filter(slug=slug).first()
    if forum is not None:
        return forum
    chair_role, chair_unit = data["chair"]
    secretary_role, secretary_unit = data["secretary"] or ("", None)
    forum = Forum(
        slug=slug,
        name=name,
        purpose=data["purpose"],
        chair_role=chair_role,
        chair_unit=units.get(chair_unit),
        secretary_role=secretary_role,
        secretary_unit=units.get(secretary_unit),
        frequency=data["frequency"],
        recurrence=data["recurrence"],
        meeting_time=data["time"],
        meeting_minutes=data["minutes"],
        location=data["location"],
        substitutes_need_consent=data["substitutes_need_consent"],
        papers_collection=collection,
        sort_order=len(Forum.objects.all()),
    )
    forum.participant_rules = [
        ParticipantRule(
            label=label,
            role=role,
            unit=units.get(unit) if unit else None,
            include_units_below=below,
            unit_kind=kind,
            admission=admission,
        )
        for label, role, unit, below, kind, admission in data["rules"]
    ]
    forum.save()
    return forum


def _paper(*, item, title, collection, lines):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        data = make_pdf(lines=lines)
        document = Document(title=title, collection=collection, file_size=len(data))
        document.file.save(f"{item.pk}-handling.pdf", ContentFile(data), save=False)
        document.save()
    Paper.objects.get_or_create(item=item, document=document)


def _items(meeting, items, *, units, collection, minutes_text=None):
    for order, (title, proposer, *rest) in enumerate(items, start=1):
        competitive = rest[0] if rest else None
        item, _created = AgendaItem.objects.get_or_create(
            meeting=meeting,
            title=title,
            defaults={
                "proposed_by": _person(proposer),
                "order": order,
                "competitive_advantage_for": units.get(competitive) if competitive else None,
                "description": f"Underlag och diskussion: {title.lower()}.",
            },
        )
        if minutes_text:
            item.minutes = minutes_text
            item.save(update_fields=["minutes"])
        if competitive:
            _paper(
                item=item,
                title=f"Handling: {title} ({meeting.starts_at:%Y-%m-%d})",
                collection=collection,
                lines=[title, "Handling till webbrådet.", "Ej till Leanlinks huvudredaktör."],
            )


def _publish_minutes(meeting, *, summary, audience, user):
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    if minutes.published_at is None:
        minutes.summary = summary
        minutes.audience = audience
        minutes.published_at = meeting.ends_at
        minutes.published_by = user
        minutes.save()


def _campaigns(*, units, leadership_meeting):
    audiences = {a.name: a for a in ChannelAudience.objects.all()}
    channels = list(Channel.objects.all())
    first = timezone.localdate().replace(day=1)
    for index, (name, owner, audience_names, channel_starts, begin, end, status) in enumerate(
        CAMPAIGNS
    ):
        if Campaign.objects.filter(name=name).exists():
            continue
        campaign = Campaign(
            name=name,
            owner=units[owner],
            description=f"{name}: en gemensam insats i kampanjplanen.",
            starts_on=first + datetime.timedelta(days=begin),
            ends_on=first + datetime.timedelta(days=end),
            status=status,
        )
        if index < 3 and leadership_meeting is not None:
            campaign.priority = index + 1
            campaign.prioritised_at = leadership_meeting
            campaign.prioritisation_note = "Prioriterad av ledningsforum kommunikation."
        campaign.audiences = [audiences[n] for n in audience_names if n in audiences]
        campaign.channels = [
            channel
            for channel in channels
            if any(channel.name.startswith(start) for start in channel_starts)
        ]
        campaign.save()


def load_forums(*, units: dict[str, Unit]) -> None:
    chef_planerad = _person("chef.planerad")
    RoleAssignment.objects.get_or_create(
        person=chef_planerad,
        role=Role.MANAGER,
        unit=units[PLANERAD],
        defaults={"valid_from": datetime.date(2024, 1, 1)},
    )
    intranet = Collection.objects.filter(name="Intranät").first()
    collection = intranet.get_children().filter(name="Forum och nätverk").first()
    if collection is None:
        collection = intranet.add_child(name="Forum och nätverk")
    protect_collection(collection=collection)

    forums = {
        slug: _forum(slug, name, data, units=units, collection=collection)
        for slug, name, data in FORUMS
    }
    today = timezone.localdate()
    start = (today.replace(day=1) - datetime.timedelta(days=150)).replace(day=1)
    until = start + datetime.timedelta(days=365)
    for forum in forums.values():
        if not forum.meetings.exists():
            forum_services.create_series(forum=forum, start=start, until=until)

    leadership = forums["ledningsforum-kommunikation"]
    if not leadership.meetings.filter(kind=MeetingKind.PLANNING_DAY).exists():
        for month in (4, 10):
            day = datetime.date(start.year + (month < start.month), month, 20)
            begins = datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=local_zone())
            leadership.meetings.create(
                kind=MeetingKind.PLANNING_DAY,
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=8),
                location="Vårdnäs stiftsgård",
            )

    web_council = forums["webbrad"]
    for username, area in EXPERTS:
        ExtraMember.objects.get_or_create(
            forum=web_council,
            person=_person(username),
            defaults={"kind": ExtraMemberKind.EXPERT, "expertise": area},
        )
    for username in JOINED_NETWORK:
        NetworkMembership.objects.get_or_create(
            forum=forums["kommunikationsnatverket"], person=_person(username)
        )

    now = timezone.now()
    past_council = web_council.meetings.filter(ends_at__lt=now).order_by("-starts_at").first()
    next_council = web_council.meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    past_leadership = (
        leadership.meetings.filter(ends_at__lt=now, kind=MeetingKind.MEETING)
        .order_by("-starts_at")
        .first()
    )
    next_leadership = leadership.meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    if past_council is not None:
        _items(
            past_council,
            WEB_COUNCIL_ITEMS,
            units=units,
            collection=collection,
            minutes_text="Rådet gick igenom frågan. Beslut: arbetet fortsätter enligt förslaget.",
        )
        _publish_minutes(
            past_council,
            summary="Webbrådet träffades och gick igenom punkterna på dagordningen.",
            audience=MinutesAudience.MEMBERS,
            user=chef_planerad.user,
        )
    if next_council is not None:
        _items(next_council, WEB_COUNCIL_ITEMS[1:], units=units, collection=collection)
    if past_leadership is not None:
        _items(
            past_leadership,
            LEADERSHIP_ITEMS,
            units=units,
            collection=collection,
            minutes_text="Forumet enades om prioriteringen.",
        )
        _publish_minutes(
            past_leadership,
            summary="Ledningsforum kommunikation prioriterade vårens gemensamma kampanjer.",
            audience=MinutesAudience.ALL_STAFF,
            user=_person("kommunikationsdirektor").user,
        )
    if next_leadership is not None:
        _items(next_leadership, LEADERSHIP_ITEMS[:1], units=units, collection=collection)
    _campaigns(units=units, leadership_meeting=past_leadership)
