"""The demo municipality's media relations (K2, K5): a press room under "Kommun och politik"
with press releases (one linked to the staff's intranet news, W3.3b, and one under embargo
until the day after tomorrow), two press invitations, topics, a press contact beside the
spokespeople the organisation already has, a confirmed subscriber, and media inquiries in
several states.

The content is Swedish and invented. Loading is idempotent: what exists is left as it is.
What the demo publishes is recorded as already distributed, and its inquiries as already
told, so that loading the demo sends no email."""

import datetime
import json

from django.utils import timezone
from django.utils.text import slugify

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role
from navet.press.models import (
    Consent,
    Distribution,
    InquiryStatus,
    MediaInquiry,
    PressSettings,
    PressTopic,
    Subscriber,
)
from navet.press.pages import PressInvitationPage, PressReleasePage, PressRoomPage
from navet.web.models import NewsPage

MEDIA_UNIT = "Nyheter och media"
ROOM_SECTION = "Kommunledningsförvaltningen"

# slug: (name, description)
TOPICS = {
    "skola": ("Förskola och skola", "Förskolor, grundskolor och gymnasieskolor i Linköping."),
    "omsorg": (
        "Stöd och omsorg",
        "Äldreomsorg, socialtjänst och stöd till personer med funktionsnedsättning.",
    ),
    "kultur": ("Kultur och fritid", "Bibliotek, idrott, kulturhus och evenemang."),
    "samhallsbyggnad": ("Bygga och bo", "Detaljplaner, bostäder, trafik och miljö."),
    "politik": ("Kommunen och politiken", "Kommunfullmäktige, kommunstyrelsen och budget."),
}

# (title, ingress, body, days ago, topic slugs, owning unit, image key)
RELEASES = [
    (
        "Linköping bygger två nya förskolor",
        "Kommunen bygger två nya förskolor med plats för 240 barn i Vallastaden och Ullstämma.",
        "Förskolorna öppnar i augusti nästa år. Båda byggs med solceller på taken och stora "
        "gårdar med mycket grönska.",
        2,
        ["skola"],
        "Utbildningsförvaltningen",
        "forskola",
    ),
    (
        "Ny läsårsplanering: alla grundskolor börjar samma dag",
        "Från hösten börjar alla grundskolor i Linköping samma dag, den 18 augusti.",
        "Beslutet gör det lättare för familjer med barn på flera skolor. Personalen har fått "
        "planeringen först.",
        4,
        ["skola"],
        "Utbildningsförvaltningen",
        None,
    ),
    (
        "Stadsbiblioteket får längre öppettider",
        "Från den 1 mars har Stadsbiblioteket öppet till klockan 21 alla vardagar.",
        "De längre öppettiderna är ett försök under ett år. Biblioteket följer upp hur många "
        "som kommer på kvällarna.",
        9,
        ["kultur"],
        "Kultur- och fritidsförvaltningen",
        "bibliotek",
    ),
    (
        "Fler platser i korttidsboende",
        "Socialförvaltningen öppnar tolv nya platser i korttidsboende i Berga.",
        "Platserna behövs för personer som skrivs ut från sjukhuset och ännu inte kan bo "
        "hemma. De nya platserna tas i bruk i april.",
        15,
        ["omsorg"],
        "Socialförvaltningen",
        None,
    ),
    (
        "Detaljplan för nya bostäder i Tornby går ut på samråd",
        "Planen ger plats för omkring 800 nya bostäder, en skola och en park.",
        "Samrådet pågår i sex veckor. Planen finns på webbplatsen och i Stadshusets entré. "
        "Alla kan lämna synpunkter.",
        21,
        ["samhallsbyggnad"],
        "Miljö- och samhällsbyggnadsförvaltningen",
        None,
    ),
    (
        "Kommunstyrelsen föreslår oförändrad skattesats",
        "Kommunstyrelsen föreslår att skattesatsen blir oförändrad nästa år.",
        "Förslaget behandlas av kommunfullmäktige i juni. Budgeten prioriterar skola, omsorg "
        "och underhåll av gator.",
        30,
        ["politik"],
        "Kommunledningsförvaltningen",
        None,
    ),
]

# Under embargo: scheduled, not live, in no list or feed until its time.
EMBARGOED = (
    "Linköping får nytt badhus",
    "Kommunfullmäktige har beslutat att bygga ett nytt badhus vid Folkparken.",
    "Badhuset får en 50-metersbassäng, undervisningsbassänger och ett äventyrsbad. Det "
    "beräknas stå klart om fyra år.",
    ["kultur", "politik"],
    "Kultur- och fritidsförvaltningen",
)

# (title, ingress, days ahead, place, address, topic slugs, owning unit)
INVITATIONS = [
    (
        "Pressträff: första spadtaget för förskolan i Vallastaden",
        "Välkommen till första spadtaget för den nya förskolan i Vallastaden.",
        10,
        "Byggplatsen i Vallastaden",
        "Vallastadens torg",
        ["skola"],
        "Utbildningsförvaltningen",
    ),
    (
        "Presskonferens om kommunens budget",
        "Kommunstyrelsens ordförande presenterar förslaget till budget för nästa år.",
        20,
        "Stadshuset, sessionssalen",
        "Drottninggatan 45, Linköping",
        ["politik"],
        "Kommunledningsförvaltningen",
    ),
]

# (journalist, outlet, question, days ago, deadline hours, administration, topic, spokesperson
#  username, status, answer)
INQUIRIES = [
    (
        "Sara Lindahl",
        "Corren",
        "Hur många barn står i kö till förskola i Linköping just nu?",
        1,
        24,
        "Utbildningsförvaltningen",
        "skola",
        "utbildningsdirektor",
        InquiryStatus.IN_PROGRESS,
        "",
    ),
    (
        "Johan Ek",
        "SVT Öst",
        "Varför dröjer öppnandet av korttidsboendet i Berga?",
        3,
        8,
        "Socialförvaltningen",
        "omsorg",
        "socialdirektor",
        InquiryStatus.ANSWERED,
        "Öppnandet dröjer två veckor eftersom brandlarmet ska besiktas. Det öppnar i april.",
    ),
    (
        "Amira Haddad",
        "P4 Östergötland",
        "Kan vi få en intervju om de längre öppettiderna på Stadsbiblioteket?",
        6,
        48,
        "Kultur- och fritidsförvaltningen",
        "kultur",
        None,
        InquiryStatus.NEW,
        "",
    ),
    (
        "Peter Nord",
        "Linköpings-Posten",
        "Vilka namn finns på de elever som stängts av i höstas?",
        12,
        None,
        "Utbildningsförvaltningen",
        "skola",
        "utbildningsdirektor",
        InquiryStatus.DECLINED,
        "Uppgifterna omfattas av sekretess enligt offentlighets- och sekretesslagen.",
    ),
]

SUBSCRIBER = "nyhetsdesk@corren.example"


def _topics() -> dict[str, PressTopic]:
    topics = {}
    for slug, (name, description) in TOPICS.items():
        topic = PressTopic.objects.filter(slug=slug).first()
        if topic is None:
            topic = PressTopic.objects.create(slug=slug, name=name, description=description)
        topics[slug] = topic
    return topics


def _room(*, section, units, people) -> PressRoomPage:
    room = PressRoomPage.objects.child_of(section).first()
    if room is None:
        room = PressRoomPage(
            title="Pressrum",
            slug="press",
            intro=(
                "Pressmeddelanden, pressinbjudningar och kontaktuppgifter för dig som är "
                "journalist."
            ),
            owning_unit=units[MEDIA_UNIT],
            contact=people["pressekreterare"],
            show_in_menus=True,
        )
        section.add_child(instance=room)
        room.save_revision().publish()
    return room


def _body(text: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


def _add(*, room, page, topics, when=None):
    """Publish `page` in the room as already distributed (the demo sends no email), or
    schedule it for `when` (an embargo)."""
    existing = room.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.topics.set(topics)
    if when is not None:
        page.go_live_at = when
        room.add_child(instance=page)
        page.save_revision().publish()
        return page
    room.add_child(instance=page)
    Distribution.objects.get_or_create(page=page)
    page.save_revision().publish()
    return page


def _slugify(title: str) -> str:
    for letter, plain in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        title = title.lower().replace(letter, plain)
    return slugify(title)[:80]


def _releases(*, room, topics, units, images):
    now = timezone.now()
    staff_news = NewsPage.objects.filter(title="Ny läsårsplanering för grundskolan").first()
    for title, ingress, text, days_ago, topic_slugs, owner, image in RELEASES:
        page = PressReleasePage(
            title=title,
            slug=_slugify(title),
            ingress=ingress,
            body=_body(text),
            owning_unit=units[owner],
            image=images.get(image) if image else None,
            internal_original=staff_news if title.startswith("Ny läsårsplanering") else None,
        )
        page = _add(room=room, page=page, topics=[topics[slug] for slug in topic_slugs])
        when = now - datetime.timedelta(days=days_ago)
        PressReleasePage.objects.filter(pk=page.pk, first_published_at__gt=when).update(
            first_published_at=when, last_published_at=when
        )
    title, ingress, text, topic_slugs, owner = EMBARGOED
    page = PressReleasePage(
        title=title,
        slug=_slugify(title),
        ingress=ingress,
        body=_body(text),
        owning_unit=units[owner],
        live=False,
    )
    embargo = timezone.localtime(now + datetime.timedelta(days=2)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    _add(room=room, page=page, topics=[topics[slug] for slug in topic_slugs], when=embargo)


def _invitations(*, room, topics, units):
    now = timezone.now()
    for title, ingress, days_ahead, place, address, topic_slugs, owner in INVITATIONS:
        starts = timezone.localtime(now + datetime.timedelta(days=days_ahead)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        page = PressInvitationPage(
            title=title,
            slug=_slugify(title),
            ingress=ingress,
            body=_body("Kommunens talespersoner finns på plats för intervjuer efteråt."),
            owning_unit=units[owner],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            place=place,
            address=address,
            registration_deadline=starts - datetime.timedelta(days=1),
            registration="Anmäl dig till press@linkoping.se senast dagen före.",
        )
        _add(room=room, page=page, topics=[topics[slug] for slug in topic_slugs])


def _subscriber(*, topics, room):
    if Subscriber.objects.filter(email=SUBSCRIBER).exists():
        return
    now = timezone.now()
    subscriber = Subscriber.objects.create(email=SUBSCRIBER, all_releases=True, confirmed_at=now)
    Consent.objects.create(
        email=SUBSCRIBER,
        all_releases=True,
        consent_text=PressSettings.load().consent_text,
        source_url=room.full_url + room.reverse_subpage("subscribe") if room.full_url else "",
        ip_address="192.0.2.10",
        confirmed_at=now,
        subscriber=subscriber,
    )


def _inquiries(*, units, people, topics):
    if MediaInquiry.objects.exists():
        return
    now = timezone.now()
    rows = []
    for (
        journalist,
        outlet,
        question,
        days_ago,
        deadline_hours,
        administration,
        topic,
        spokesperson,
        status,
        answer,
    ) in INQUIRIES:
        received = now - datetime.timedelta(days=days_ago)
        person = people[spokesperson] if spokesperson else None
        rows.append(
            MediaInquiry(
                journalist=journalist,
                outlet=outlet,
                question=question,
                received_at=received,
                deadline=received + datetime.timedelta(hours=deadline_hours)
                if deadline_hours
                else None,
                administration=units[administration],
                topic=topics[topic],
                spokesperson=person,
                notified_spokesperson=person,
                status=status,
                answer=answer,
                answered_at=received + datetime.timedelta(hours=2)
                if status == InquiryStatus.ANSWERED
                else None,
            )
        )
    # Created in bulk: the demo's inquiries were told about long ago, nobody is emailed now.
    MediaInquiry.objects.bulk_create(rows)


def load_press(*, units, people, public_sections, images) -> PressRoomPage:
    settings = PressSettings.load()
    if settings.media_unit_id is None:
        settings.media_unit = units[MEDIA_UNIT]
        settings.save()
    RoleAssignment.objects.get_or_create(
        person=people["pressekreterare"],
        role=Role.PRESS_CONTACT,
        unit=units[MEDIA_UNIT],
        defaults={"valid_from": datetime.date(2024, 1, 1)},
    )
    topics = _topics()
    room = _room(section=public_sections[ROOM_SECTION], units=units, people=people)
    _releases(room=room, topics=topics, units=units, images=images)
    _invitations(room=room, topics=topics, units=units)
    _subscriber(topics=topics, room=room)
    _inquiries(units=units, people=people, topics=topics)
    return room
