"""The demo municipality's governance registers (W4.3, W3.6, K5): Linköping's official
social media accounts, an administration's account waiting for approval, the
municipality's own domain with one exception in force and one expired, the common channels
with their audiences, and the public page that lists the official accounts.

The content is Swedish. The official accounts are Linköpings kommun's own addresses; the
administration's account and the domain exceptions are invented examples and say so.

Requests go through their approval chains where the chain can decide them: the domain
exception in force is approved by the municipal director, the administration's account is
submitted by its manager and waits for the system owner's delegate. The official accounts
belong to the communications staff, whose chain has no manager to decide, so they are
published as the register's starting point. Loading is idempotent: what exists is left as
it is."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from navet.governance.models import (
    Channel,
    ChannelAudience,
    ChannelKind,
    DomainException,
    GovernanceSettings,
    OfficialAccountsPage,
    OwnDomain,
    Platform,
    SocialMediaAccount,
)
from navet.organisation.models import Person, Unit

COMMUNICATIONS = "Kommunikations- och utvecklingsstaben"
KULTUR = "Kultur- och fritidsförvaltningen"

OWN_DOMAINS = [("linkoping.se", "Kommunens domän: linkoping.se med alla underdomäner.")]

OFFICIAL_AUDIENCE = "Invånare, företag och besökare i Linköping"
OFFICIAL_ADMINISTRATORS = ["pressekreterare", "kib", "chef.planerad"]

# Linköpings kommun's official accounts (W4.3), owned by the communications staff.
OFFICIAL_ACCOUNTS = [
    {
        "platform": Platform.FACEBOOK,
        "handle": "Linköpings kommun",
        "url": "https://www.facebook.com/linkopingskommun",
        "purpose": (
            "Kommunens officiella konto på Facebook. Här sprider vi nyheter, "
            "samhällsinformation och viktiga meddelanden från linkoping.se och svarar på "
            "frågor. Den officiella informationen finns alltid också på linkoping.se."
        ),
    },
    {
        "platform": Platform.INSTAGRAM,
        "handle": "@linkopingskommun",
        "url": "https://www.instagram.com/linkopingskommun/",
        "purpose": (
            "Kommunens officiella konto på Instagram: bilder och korta filmer från "
            "Linköping och kommunens verksamheter, med länk till mer information på "
            "linkoping.se."
        ),
    },
    {
        "platform": Platform.LINKEDIN,
        "handle": "Linköpings kommun",
        "url": "https://www.linkedin.com/company/linkopings-kommun/",
        "purpose": (
            "Kommunens officiella konto på LinkedIn: kommunen som arbetsgivare, lediga "
            "jobb och nyheter om Linköpings utveckling för näringsliv och samarbetspartner."
        ),
        "audience": "Arbetssökande, företag och samarbetspartner",
    },
    {
        "platform": Platform.YOUTUBE,
        "handle": "@linkopingskommun",
        "url": "https://www.youtube.com/@linkopingskommun",
        "purpose": (
            "Kommunens officiella kanal på Youtube: filmer om kommunens service, "
            "sända möten och presskonferenser. Filmerna är textade och visas även på "
            "linkoping.se."
        ),
    },
]

# An administration's own account, submitted by its manager and waiting for the system
# owner's delegate (W4.3). Invented.
PENDING_ACCOUNT = {
    "platform": Platform.INSTAGRAM,
    "handle": "@kulturhusetlinkoping",
    "url": "https://www.instagram.com/kulturhusetlinkoping/",
    "owner": KULTUR,
    "purpose": (
        "Exempel i demon: ett konto för kulturhusets program med konserter, utställningar "
        "och lovaktiviteter. Programmet finns också på linkoping.se."
    ),
    "audience": "Unga vuxna och barnfamiljer i Linköping",
    "administrators": ["chef.kultur", "huvudredaktor.kultur"],
    "submitted_by": "chef.kultur",
}

# Exceptions from the municipality's one domain (W3.6). Invented examples. Days from today.
DOMAIN_EXCEPTIONS = [
    {
        "domain": "sommarlinkoping.se",
        "owner": KULTUR,
        "purpose": (
            "Exempel i demon: kampanjwebbplats för Sommar i Linköping med sommarlovets "
            "aktiviteter för barn och unga, gemensam med föreningar och företag. "
            "Kommunens egen information om sommarlovet finns på linkoping.se."
        ),
        "decision_reference": "KS 2025-0412",
        "expires_in_days": 365,
        "requested_by": "huvudredaktor.kultur",
        "approved_by": "kommundirektor",
        "comment": "Beviljas under ett år. Därefter flyttas innehållet till linkoping.se.",
    },
    {
        "domain": "kulturnattenlinkoping.se",
        "owner": KULTUR,
        "purpose": (
            "Exempel i demon: tidigare webbplats för Kulturnatten 2024. Undantaget har "
            "gått ut och programmet finns numera på linkoping.se."
        ),
        "decision_reference": "KS 2024-0187",
        "expires_in_days": -120,
    },
]

# K5: who the channels reach.
AUDIENCES = ["Invånare", "Medarbetare", "Chefer", "Media", "Företag"]

# K5: the common channels, digital first; the websites are the first channels in a crisis.
CHANNELS = [
    {
        "name": "Externa webbplatsen linkoping.se",
        "kind": ChannelKind.EXTERNAL_WEB,
        "owner": "Planerad kommunikation",
        "audiences": ["Invånare", "Företag", "Media"],
        "purpose": (
            "Navet i den externa kommunikationen: fast information om kommunens uppdrag "
            "och tjänster, e-tjänster och nyheter med aktuell samhällsinformation. All "
            "officiell information finns här. Främsta kanalen i en kris."
        ),
        "is_digital": True,
        "primary_in_crisis": True,
        "priority": 1,
    },
    {
        "name": "Intranätet Linweb med Chefsportalen",
        "kind": ChannelKind.INTRANET,
        "owner": "Planerad kommunikation",
        "audiences": ["Medarbetare", "Chefer"],
        "purpose": (
            "Navet i den interna kommunikationen: fast information, länkar till "
            "verksamhetssystem och interna nyheter. Chefsportalen vänder sig till "
            "kommunens chefer. Främsta interna kanalen i en kris."
        ),
        "is_digital": True,
        "primary_in_crisis": True,
        "priority": 1,
    },
    {
        "name": "Pressmeddelanden och presskonferenser",
        "kind": ChannelKind.PRESS,
        "owner": "Nyheter och media",
        "audiences": ["Media"],
        "purpose": (
            "Nyheter från kommunen till redaktionerna: pressmeddelanden i nyhetsrummet på "
            "linkoping.se och presskonferenser när många behöver veta samtidigt."
        ),
        "is_digital": True,
        "primary_in_crisis": False,
        "priority": 2,
    },
    {
        "name": "Samarbetsplattformen Google Workspace",
        "kind": ChannelKind.COLLABORATION,
        "owner": "Kommunledningsförvaltningen",
        "audiences": ["Medarbetare", "Chefer"],
        "purpose": (
            "Mejl, chatt och videomöten för medarbetarnas dagliga arbete och samarbete "
            "mellan förvaltningarna."
        ),
        "is_digital": True,
        "primary_in_crisis": False,
        "priority": 2,
    },
    {
        "name": "Sociala medier",
        "kind": ChannelKind.SOCIAL_MEDIA,
        "owner": "Nyheter och media",
        "audiences": ["Invånare", "Företag", "Media"],
        "purpose": (
            "Kommunens officiella konton på Facebook, Instagram, Linkedin och Youtube: "
            "sprider och samtalar om det som står på linkoping.se. Ersätter aldrig "
            "webbplatsen."
        ),
        "is_digital": True,
        "primary_in_crisis": False,
        "priority": 3,
    },
    {
        "name": "Kontaktcenter Kontakt Linköping",
        "kind": ChannelKind.CONTACT_CENTRE,
        "owner": "Kommunledningsförvaltningen",
        "audiences": ["Invånare", "Företag"],
        "purpose": (
            "Svarar på frågor i telefon och vid besök för den som inte når eller inte vill "
            "använda de digitala kanalerna. Ett komplement till linkoping.se."
        ),
        "is_digital": False,
        "primary_in_crisis": False,
        "priority": 4,
    },
    {
        "name": "Personaltidningen Vi Linköping",
        "kind": ChannelKind.STAFF_MAGAZINE,
        "owner": "Planerad kommunikation",
        "audiences": ["Medarbetare", "Chefer"],
        "purpose": (
            "Medarbetarmagasinet med reportage från kommunens verksamheter. Ett komplement "
            "till Linweb för medarbetare som sällan sitter vid en dator."
        ),
        "is_digital": False,
        "primary_in_crisis": False,
        "priority": 5,
    },
]

OFFICIAL_ACCOUNTS_PAGE = {
    "title": "Kommunens officiella konton",
    "slug": "officiella-konton",
    "intro": (
        "Här ser du vilka konton i sociala medier som är Linköpings kommuns egna. Är du "
        "osäker på om ett konto verkligen är kommunens? Jämför med listan. Den officiella "
        "informationen finns alltid på linkoping.se."
    ),
}


def _settings(*, units) -> GovernanceSettings:
    settings = GovernanceSettings.load()
    if settings.communications_unit_id is None:
        settings.communications_unit = units[COMMUNICATIONS]
        settings.save()
    return settings


def _own_domains() -> None:
    for name, note in OWN_DOMAINS:
        OwnDomain.objects.get_or_create(name=name, defaults={"note": note})


def _user(people, username):
    return people[username].user


def _official_account(data: dict, *, units, people) -> SocialMediaAccount:
    existing = SocialMediaAccount.objects.filter(
        platform=data["platform"], handle=data["handle"]
    ).first()
    if existing is not None:
        return existing
    account = SocialMediaAccount(
        platform=data["platform"],
        handle=data["handle"],
        url=data["url"],
        owning_unit=units[COMMUNICATIONS],
        official=True,
        purpose=data["purpose"],
        audience=data.get("audience", OFFICIAL_AUDIENCE),
        review_by=timezone.localdate() + datetime.timedelta(days=365),
        live=False,
    )
    account.full_clean(exclude=["administrators"])
    account.save()
    account.administrators.set([people[username] for username in OFFICIAL_ADMINISTRATORS])
    account.save()
    account.save_revision(user=None).publish(user=None)
    account.refresh_from_db()
    return account


def _pending_account(*, units, people) -> SocialMediaAccount:
    data = PENDING_ACCOUNT
    existing = SocialMediaAccount.objects.filter(
        platform=data["platform"], handle=data["handle"]
    ).first()
    if existing is not None:
        return existing
    submitter = _user(people, data["submitted_by"])
    account = SocialMediaAccount(
        platform=data["platform"],
        handle=data["handle"],
        url=data["url"],
        owning_unit=units[data["owner"]],
        purpose=data["purpose"],
        audience=data["audience"],
        review_by=timezone.localdate() + datetime.timedelta(days=365),
        live=False,
    )
    account.full_clean(exclude=["administrators"])
    account.save()
    account.administrators.set([people[username] for username in data["administrators"]])
    account.save()
    account.save_revision(user=submitter)
    # The manager submits: the manager's step is decided, the delegate's waits.
    account.get_workflow().start(account, submitter)
    return account


def _domain_exception(data: dict, *, units, people) -> DomainException:
    existing = DomainException.objects.filter(domain=data["domain"]).first()
    if existing is not None:
        return existing
    exception = DomainException(
        domain=data["domain"],
        purpose=data["purpose"],
        owning_unit=units[data["owner"]],
        decision_reference=data["decision_reference"],
        expires_on=timezone.localdate() + datetime.timedelta(days=data["expires_in_days"]),
        live=False,
    )
    if "approved_by" in data:
        exception.full_clean()
        exception.save()
        requester = _user(people, data["requested_by"])
        exception.save_revision(user=requester)
        state = exception.get_workflow().start(exception, requester)
        task_state = state.current_task_state
        task_state.task.specific.on_action(
            task_state, _user(people, data["approved_by"]), "approve", comment=data["comment"]
        )
    else:
        # An exception that has already expired: its date would be refused today, so it is
        # stored as it was when it was in force.
        exception.save()
        exception.save_revision(user=None, clean=False).publish(user=None)
    exception.refresh_from_db()
    return exception


def _audiences() -> dict[str, ChannelAudience]:
    audiences = {}
    for order, name in enumerate(AUDIENCES):
        audiences[name], _ = ChannelAudience.objects.get_or_create(
            name=name, defaults={"sort_order": order * 10}
        )
    return audiences


def _channel(data: dict, *, units, audiences) -> Channel:
    existing = Channel.objects.filter(name=data["name"]).first()
    if existing is not None:
        return existing
    channel = Channel(
        name=data["name"],
        kind=data["kind"],
        owning_unit=units[data["owner"]],
        purpose=data["purpose"],
        is_digital=data["is_digital"],
        primary_in_crisis=data["primary_in_crisis"],
        priority=data["priority"],
    )
    channel.full_clean(exclude=["audiences"])
    channel.save()
    channel.audiences.set([audiences[name] for name in data["audiences"]])
    channel.save()
    channel.save_revision(user=None)
    return channel


def _official_accounts_page(*, public_start: Page, units) -> OfficialAccountsPage:
    data = OFFICIAL_ACCOUNTS_PAGE
    existing = public_start.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        return existing.specific
    page = OfficialAccountsPage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        owning_unit=units[COMMUNICATIONS],
    )
    public_start.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def load_governance(*, units: dict[str, Unit], people: dict[str, Person], public_start: Page):
    """The governance registers and the public list of official accounts."""
    _settings(units=units)
    _own_domains()
    for data in OFFICIAL_ACCOUNTS:
        _official_account(data, units=units, people=people)
    _pending_account(units=units, people=people)
    for data in DOMAIN_EXCEPTIONS:
        _domain_exception(data, units=units, people=people)
    audiences = _audiences()
    for data in CHANNELS:
        _channel(data, units=units, audiences=audiences)
    _official_accounts_page(public_start=public_start, units=units)
    return {
        "accounts": SocialMediaAccount.objects.count(),
        "domain_exceptions": DomainException.objects.count(),
        "channels": Channel.objects.count(),
    }
