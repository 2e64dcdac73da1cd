"""Reading an email into what a case keeps, whatever shape the email is in: a message with a
bad encoding, a huge attachment or no sender still gives what could be read, and says what
could not (K4: nothing is lost)."""

import email
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
MAX_SUBJECT = 300


@dataclass
class ReadAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class ReadMessage:
    message_id: str
    in_reply_to: str
    references: list[str]
    sender_name: str
    sender_address: str
    recipients: str
    subject: str
    body: str
    attachments: list[ReadAttachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def thread_ids(self) -> list[str]:
        """The Message-IDs this message answers, nearest first."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        return ids + [ref for ref in reversed(self.references) if ref not in ids]


def fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _printable(text: str) -> str:
    """Without NUL characters, which no database text column takes."""
    return text.replace("\x00", "")


def _header(message: Message, name: str, problems: list[str]) -> str:
    """A header as text; a header the parser cannot decode gives its raw characters."""
    try:
        value = message.get(name)
        return _printable(" ".join(str(value).split())) if value is not None else ""
    except Exception:
        problems.append(_("The header %(name)s could not be decoded.") % {"name": name})
        raw = message.get_all(name, failobj=[""])
        return " ".join(str(raw[0]).encode("ascii", "replace").decode().split())


def _ids(value: str) -> list[str]:
    return MESSAGE_ID.findall(value or "")


def _text_of(part: Message, problems: list[str]) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError):
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
        problems.append(
            _(
                "The text had an encoding that could not be read; unreadable characters "
                "are replaced."
            )
        )
    if part.get_content_type() == "text/html":
        text = strip_tags(text)
    return _printable(text).strip()


def _body(message: EmailMessage, problems: list[str]) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        if message.is_multipart():
            return ""
        part = message
    return _text_of(part, problems)


def _attachments(
    message: EmailMessage, *, max_bytes: int, problems: list[str]
) -> list[ReadAttachment]:
    kept = []
    for number, part in enumerate(message.iter_attachments(), start=1):
        filename = part.get_filename() or _("attachment-%(number)d") % {"number": number}
        filename = _printable(filename).replace("/", "_").replace("\\", "_")[:255]
        try:
            content = part.get_payload(decode=True) or b""
        except Exception:
            problems.append(_("The attachment %(name)s could not be read.") % {"name": filename})
            continue
        if len(content) > max_bytes:
            problems.append(
                _(
                    "The attachment %(name)s (%(size)d bytes) is larger than the limit of "
                    "%(limit)d bytes and was not kept; the message is in the mailbox."
                )
                % {"name": filename, "size": len(content), "limit": max_bytes}
            )
            continue
        kept.append(ReadAttachment(filename, part.get_content_type(), content))
    return kept


def read_message(raw: bytes, *, max_attachment_bytes: int) -> ReadMessage:
    """What a case can keep of `raw`. A message without a Message-ID gets one made from its
    content, so that reading it again finds the same case."""
    problems: list[str] = []
    message = email.message_from_bytes(raw, policy=policy.default)
    message_id = next(iter(_ids(_header(message, "Message-ID", problems))), "")
    if not message_id:
        message_id = f"<{fingerprint(raw)}@navet.invalid>"
    sender_name, sender_address = parseaddr(_header(message, "From", problems))
    if "@" not in sender_address:
        sender_address = ""
        problems.append(_("The message had no sender address that could be read."))
    recipients = ", ".join(
        address
        for _name, address in getaddresses(
            [_header(message, "To", problems), _header(message, "Cc", problems)]
        )
        if address
    )
    subject = _header(message, "Subject", problems)[:MAX_SUBJECT]
    return ReadMessage(
        message_id=message_id[:255],
        in_reply_to=next(iter(_ids(_header(message, "In-Reply-To", problems))), "")[:255],
        references=_ids(_header(message, "References", problems)),
        sender_name=sender_name[:200],
        sender_address=sender_address[:254],
        recipients=recipients,
        subject=subject,
        body=_body(message, problems),
        attachments=_attachments(message, max_bytes=max_attachment_bytes, problems=problems),
        problems=problems,
    )
