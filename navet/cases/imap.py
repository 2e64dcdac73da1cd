"""Reading a function mailbox over IMAP into cases (K4). Nothing is lost: a message is marked
handled in the mailbox (with the keyword below) only after its case is committed; a message
read twice – after a crash between the commit and the mark – finds its case by its
Message-ID; a message that cannot become a case is quarantined with the reason, and one bad
message never stops the others. The mailbox's password comes from the environment variable
the mailbox names, never from the database."""

import imaplib
import logging
import os
import ssl
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import services
from .mail import read_message
from .models import FunctionMailbox, ImapSecurity

logger = logging.getLogger(__name__)

# An IMAP keyword (a flag of our own): the message's case is committed. Not \Seen, which
# people reading the mailbox in their mail program set and clear.
HANDLED = "NavetCase"
TIMEOUT_SECONDS = 60
# More unhandled messages than this in one read is a backlog (a mailbox connected for the
# first time, say): its cases open without an email each to every handler.
BACKLOG = 25


class MailboxUnavailable(Exception):
    pass


@dataclass
class ReadResult:
    recorded: int = 0
    quarantined: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _password(mailbox: FunctionMailbox) -> str:
    password = os.environ.get(mailbox.imap_password_variable or "", "")
    if not password:
        raise MailboxUnavailable(
            _("The environment variable %(name)s with the IMAP password is not set.")
            % {"name": mailbox.imap_password_variable}
        )
    return password


def connect(mailbox: FunctionMailbox) -> imaplib.IMAP4:
    password = _password(mailbox)
    if mailbox.imap_security == ImapSecurity.SSL:
        connection = imaplib.IMAP4_SSL(
            mailbox.imap_host,
            mailbox.imap_port,
            ssl_context=ssl.create_default_context(),
            timeout=TIMEOUT_SECONDS,
        )
    else:
        connection = imaplib.IMAP4(mailbox.imap_host, mailbox.imap_port, timeout=TIMEOUT_SECONDS)
        if mailbox.imap_security == ImapSecurity.STARTTLS:
            connection.starttls(ssl_context=ssl.create_default_context())
    connection.login(mailbox.imap_user, password)
    status, _data = connection.select(_quoted(mailbox.imap_folder))
    if status != "OK":
        connection.logout()
        raise MailboxUnavailable(
            _("The folder %(folder)s could not be opened.") % {"folder": mailbox.imap_folder}
        )
    return connection


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unhandled_uids(connection) -> list[bytes]:
    status, data = connection.uid("SEARCH", None, "UNKEYWORD", HANDLED)
    if status != "OK":
        raise MailboxUnavailable(_("The mailbox could not be searched."))
    return data[0].split() if data and data[0] else []


def _fetch(connection, uid: bytes) -> bytes | None:
    status, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple):
            return item[1]
    return None


def mark_handled(connection, uid: bytes) -> None:
    connection.uid("STORE", uid, "+FLAGS", f"({HANDLED})")


def _keep(mailbox: FunctionMailbox, raw: bytes, result: ReadResult, *, tell: bool) -> bool:
    """Record `raw` as a case message or, failing that, in quarantine. True once either is
    committed (and the message may be marked handled)."""
    try:
        read = read_message(raw, max_attachment_bytes=services.max_attachment_bytes())
        services.record_incoming(mailbox=mailbox, read=read, tell=tell)
        result.recorded += 1
        return True
    except Exception as error:
        logger.exception("Mailbox %s: a message could not become a case", mailbox.address)
        reason = _("The message could not become a case: %(error)s") % {"error": repr(error)}
    try:
        services.quarantine(mailbox=mailbox, raw=raw, reason=reason)
        result.quarantined += 1
        return True
    except Exception:
        logger.exception("Mailbox %s: a message could not be quarantined", mailbox.address)
        result.failed += 1
        return False


def read_mailbox(mailbox: FunctionMailbox) -> ReadResult:
    """Every message not yet handled becomes part of a case, then is marked handled."""
    result = ReadResult()
    connection = connect(mailbox)
    try:
        uids = _unhandled_uids(connection)
        tell = len(uids) <= BACKLOG
        if not tell:
            logger.info(
                "Mailbox %s: a backlog of %s messages, no notices", mailbox.address, len(uids)
            )
        for uid in uids:
            raw = _fetch(connection, uid)
            if raw is None:
                result.failed += 1
                result.errors.append(_("Message %(uid)s could not be fetched.") % {"uid": uid})
                continue
            if _keep(mailbox, raw, result, tell=tell):
                mark_handled(connection, uid)
    finally:
        try:
            connection.logout()
        except (OSError, imaplib.IMAP4.error):
            logger.warning("Mailbox %s: logging out failed", mailbox.address)
    return result


def read_all_mailboxes() -> dict[str, ReadResult | str]:
    """Each mailbox that is read over IMAP; one that cannot be reached is logged and the
    others are read."""
    outcome: dict[str, ReadResult | str] = {}
    for mailbox in FunctionMailbox.objects.exclude(imap_host=""):
        try:
            outcome[mailbox.address] = read_mailbox(mailbox)
        except (MailboxUnavailable, OSError, imaplib.IMAP4.error) as error:
            logger.error("Mailbox %s could not be read: %s", mailbox.address, error)
            outcome[mailbox.address] = str(error)
    return outcome
