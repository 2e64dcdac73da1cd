"""What the roles may do in the directories (W3.4, W3.7): authors write entries and submit
them, editors also publish, head editors also delete; the infomaster keeps the reference
lists. Which entries is narrowed to the role's own administration (`permissions`)."""

from navet.organisation.roles import Role, permission_codes

ENTRIES = ("service", "provider", "association")
EVALUATIONS = ("measure", "evaluationfigure", "evaluationreport")
REFERENCE_LISTS = ("area", "spokenlanguage", "profile", "activity")


def _codes(actions, models):
    return permission_codes("directories", actions, models)


AUTHOR = (*_codes(("add", "change", "view"), ENTRIES), "directories.view_changerequest")
EDITOR = (
    *AUTHOR,
    *_codes(("publish", "lock", "unlock"), ENTRIES),
    *_codes(("add", "change", "view"), EVALUATIONS),
)
HEAD_EDITOR = (
    *EDITOR,
    *_codes(("delete",), (*ENTRIES, *EVALUATIONS)),
    "directories.delete_changerequest",
)
INFOMASTER = (*HEAD_EDITOR, *_codes(("add", "change", "delete", "view"), REFERENCE_LISTS))


def directory_permissions() -> dict:
    return {
        Role.AUTHOR: AUTHOR,
        Role.EDITOR: EDITOR,
        Role.HEAD_EDITOR: HEAD_EDITOR,
        Role.INFOMASTER: INFOMASTER,
    }
