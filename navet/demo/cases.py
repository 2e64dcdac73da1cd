"""The demo municipality's function mailboxes (K4): media, crisis, web development and
graphic production, each with its handling unit in the communications staff (K2) and its
decided process, and a few cases with their threads – from journalists by email and from the
administrations' communications leads through the intranet form.

The people asking are invented and their addresses use example.org. The mailboxes are not
read over IMAP in the demo (there is no mail server): an IMAP server, user and password
variable are set in the admin (Snippets → Function mailboxes) where there is one. Loading is
idempotent: a mailbox that exists is left as it is, with its cases."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from navet.cases.models import (
    Case,
    CaseMessage,
    CaseSource,
    CaseStatus,
    Delivery,
    Direction,
    FunctionMailbox,
    MailboxTakingRole,
)
from navet.organisation.roles import Role

NYHETER = "Nyheter och media"
PLANERAD = "Planerad kommunikation"

MAILBOXES = [
    {
        "name": "Media",
        "address": "media@linkoping.se",
        "unit": NYHETER,
        "goal": 4,
        "description": (
            "Frågor från journalister och redaktioner, presskonferenser och förfrågningar om "
            "intervjuer med kommunens talespersoner."
        ),
        "statuses": [
            ("Ny", False),
            ("Pågår", False),
            ("Väntar på uppgifter", False),
            ("Besvarad", True),
        ],
        "roles": [Role.COMMUNICATOR, Role.PRESS_CONTACT],
    },
    {
        "name": "Kris",
        "address": "kris@linkoping.se",
        "unit": NYHETER,
        "goal": 1,
        "around_the_clock": True,
        "description": (
            "Stöd i kriskommunikation. Kommunikatören i beredskap (KiB) tar hand om den första "
            "fasen, sedan tar förvaltningen över."
        ),
        "statuses": [
            ("Ny", False),
            ("KiB hanterar", False),
            ("Överlämnad till förvaltningen", True),
            ("Avslutad", True),
        ],
        "roles": [Role.ON_CALL_COMMUNICATOR, Role.COMMUNICATOR],
    },
    {
        "name": "Webbutveckling",
        "address": "webbutveckling@linkoping.se",
        "unit": PLANERAD,
        "goal": 72,
        "description": (
            "Nya funktioner, e-tjänster och förändringar på linkoping.se och intranätet, "
            "redaktörsbehörigheter och webbutbildning."
        ),
        "statuses": [
            ("Ny", False),
            ("Bedöms", False),
            ("Pågår", False),
            ("Klar", True),
            ("Avböjd", True),
        ],
        "roles": [Role.WEBMASTER, Role.INFOMASTER],
    },
    {
        "name": "Grafisk produktion",
        "address": "grafiskproduktion@linkoping.se",
        "unit": PLANERAD,
        "goal": 120,
        "description": (
            "Trycksaker, affischer, annonser och illustrationer i kommunens grafiska profil."
        ),
        "statuses": [("Ny", False), ("I produktion", False), ("Levererad", True)],
        "roles": [Role.COMMUNICATOR],
    },
]

# (mailbox, reference, subject, requester (name, email or username), hours ago, status,
#  thread [(direction, hours after opening, text, staff username)], taken by)
CASES = [
    (
        "Media",
        "K-DE000001",
        "Intervju om nya skolskjutsar",
        ("Anna Lind, Östgöta Nyheter", "anna.lind@example.org"),
        30,
        "Besvarad",
        [
            (
                "in",
                0,
                "Hej! Kan jag få en intervju med utbildningsdirektören om de nya "
                "skolskjutsarna i dag eller i morgon?",
                None,
            ),
            (
                "out",
                2,
                "Hej Anna! Anders Falk kan ta emot dig i morgon klockan 10 på "
                "Stadshuset. Välkommen!",
                "pressekreterare",
            ),
            ("in", 3, "Tack, jag kommer dit.", None),
        ],
        "pressekreterare",
    ),
    (
        "Media",
        "K-DE000002",
        "Hur många platser finns i förskolan i höst?",
        ("Jonas Berg, Radio Östergötland", "jonas.berg@example.org"),
        6,
        "Ny",
        [("in", 0, "Hej, hur många förskoleplatser finns det i höst och hur lång är kön?", None)],
        None,
    ),
    (
        "Kris",
        "K-DE000003",
        "Vattenläcka i Berga – behöver stöd med information",
        ("Nora Persson", "kommunikationsansvarig.social"),
        3,
        "KiB hanterar",
        [
            (
                "in",
                0,
                "En vattenläcka har stängt entrén till ett äldreboende i Berga. Vi "
                "behöver hjälp att informera anhöriga och media.",
                None,
            ),
            (
                "out",
                0.5,
                "KiB har tagit ärendet. Vi skriver ett meddelande till "
                "anhörigsidan och ringer dig inom en kvart.",
                "kib",
            ),
        ],
        "kib",
    ),
    (
        "Webbutveckling",
        "K-DE000004",
        "Ny e-tjänst för ansökan om fritidshem",
        ("Lena Åberg", "kommunikationsansvarig.utbildning"),
        96,
        "Bedöms",
        [
            (
                "in",
                0,
                "Vi vill ersätta pdf-blanketten för fritidshem med en e-tjänst. Kan ni "
                "hjälpa oss att planera arbetet?",
                None,
            ),
        ],
        "webmaster",
    ),
    (
        "Grafisk produktion",
        "K-DE000005",
        "Affisch till Kulturnatten",
        ("Jonas Blom", "huvudredaktor.kultur"),
        200,
        "Levererad",
        [
            ("in", 0, "Vi behöver en affisch i A3 och en annons till Kulturnatten.", None),
            (
                "out",
                30,
                "Här kommer ett första förslag på affischen. Säg till om något ska ändras.",
                "chef.planerad",
            ),
            ("in", 50, "Den är jättefin – vi trycker den så här.", None),
        ],
        "chef.planerad",
    ),
]


def _mailbox(data: dict, *, units) -> tuple[FunctionMailbox, bool]:
    existing = FunctionMailbox.objects.filter(address=data["address"]).first()
    if existing is not None:
        return existing, False
    mailbox = FunctionMailbox.objects.create(
        name=data["name"],
        address=data["address"],
        description=data["description"],
        handling_unit=units[data["unit"]],
        answer_goal_hours=data["goal"],
        goal_in_working_hours=not data.get("around_the_clock", False),
    )
    for order, (name, closes) in enumerate(data["statuses"]):
        CaseStatus.objects.create(mailbox=mailbox, name=name, closes_case=closes, sort_order=order)
    for order, role in enumerate(data["roles"]):
        MailboxTakingRole.objects.create(mailbox=mailbox, role=role, sort_order=order)
    mailbox.save_revision()
    return mailbox, True


def _requester(who: tuple[str, str], users: dict) -> dict:
    name, address = who
    if "@" in address:
        return {"requester_name": name, "requester_email": address, "source": CaseSource.EMAIL}
    user = users[address]
    person = getattr(user, "person", None)
    return {
        "requester_name": name,
        "requester_email": user.email,
        "requested_by": user,
        "requesting_unit": person.unit if person else None,
        "source": CaseSource.INTRANET_FORM,
    }


def _case(mailbox: FunctionMailbox, spec, *, users) -> None:
    _name, reference, subject, who, hours_ago, status, thread, taken_by = spec
    opened = timezone.now() - datetime.timedelta(hours=hours_ago)
    status = mailbox.statuses.get(name=status)
    case = Case.objects.create(
        mailbox=mailbox,
        reference=reference,
        subject=subject,
        status=status,
        assignee=users.get(taken_by),
        opened_at=opened,
        closed_at=opened + datetime.timedelta(hours=hours_ago / 2) if status.closes_case else None,
        **_requester(who, users),
    )
    previous = None
    for number, (direction, after, text, staff) in enumerate(thread, start=1):
        when = opened + datetime.timedelta(hours=after)
        outgoing = direction == Direction.OUTGOING
        author = users.get(staff) if outgoing else case.requested_by
        message = CaseMessage.objects.create(
            case=case,
            direction=direction,
            message_id=f"<demo-{reference.lower()}-{number}@{mailbox.domain}>",
            in_reply_to=previous.message_id if previous else "",
            references=" ".join(previous.reference_chain()) if previous else "",
            sender_name=mailbox.name if outgoing else case.requester_name,
            sender_address=mailbox.address if outgoing else case.requester_email,
            recipients=case.requester_email if outgoing else mailbox.address,
            subject=f"Re: {subject} {case.subject_tag}" if outgoing else subject,
            body=text,
            author=author,
            created_at=when,
            delivery=Delivery.SENT if outgoing else Delivery.RECEIVED,
            sent_at=when if outgoing else None,
        )
        if outgoing and case.first_answered_at is None:
            case.first_answered_at = when
            case.save(update_fields=["first_answered_at"])
        previous = message


def load_cases(*, units) -> None:
    User = get_user_model()
    usernames = {spec[7] for spec in CASES} | {
        who[1] for _m, _r, _s, who, *_rest in CASES if "@" not in who[1]
    }
    usernames |= {staff for spec in CASES for *_x, staff in spec[6] if staff}
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    for data in MAILBOXES:
        mailbox, created = _mailbox(data, units=units)
        if not created:
            continue
        for spec in CASES:
            if spec[0] == mailbox.name:
                _case(mailbox, spec, users=users)
