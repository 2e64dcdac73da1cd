"""What the roles may do with function mailboxes and cases (K2, K4). The communications
staff's roles handle cases; which of them may take a case in a given mailbox is that
mailbox's decided process (data), and the permission policy keeps each person to the
mailboxes of the units they hold their role in."""

from navet.organisation.roles import Role, permission_codes

HANDLE_CASES = (
    *permission_codes("cases", ("view", "change"), ("case",)),
    "cases.view_functionmailbox",
)
KEEP_MAILBOXES = (
    *HANDLE_CASES,
    *permission_codes("cases", ("add", "change", "delete"), ("functionmailbox",)),
)
HANDLING_ROLES = (
    Role.COMMUNICATOR,
    Role.ON_CALL_COMMUNICATOR,
    Role.PRESS_CONTACT,
    Role.SPOKESPERSON,
    Role.WEBMASTER,
    Role.INFOMASTER,
    Role.COMMUNICATIONS_LEAD,
    Role.SYSTEM_OWNER_DELEGATE,
)


def cases_permissions() -> dict:
    grants = dict.fromkeys(HANDLING_ROLES, HANDLE_CASES)
    # The process is decided by the communications director (the system owner's delegate)
    # and kept by the infomaster.
    grants[Role.SYSTEM_OWNER_DELEGATE] = KEEP_MAILBOXES
    grants[Role.INFOMASTER] = KEEP_MAILBOXES
    return grants
