"""What the roles may do in the archive (W3.7): the infomaster supervises archiving and
keeps the retention decisions; head editors archive and cull their administration's pages
under those decisions; editors see their pages' archive."""

from navet.organisation.roles import Role, permission_codes

DECISIONS_VIEW = permission_codes("archive", ("view",), ("retentiondecision",))
BROWSE = (*DECISIONS_VIEW, "archive.view_capture")
SUPERVISE = (*BROWSE, "archive.view_compliancesnapshot")
CULL = "archive.cull_capture"


def archive_permissions() -> dict:
    return {
        Role.INFOMASTER: (
            *SUPERVISE,
            *permission_codes("archive", ("add", "change", "delete"), ("retentiondecision",)),
            CULL,
        ),
        Role.SYSTEM_OWNER_DELEGATE: SUPERVISE,
        Role.HEAD_EDITOR: (*SUPERVISE, CULL),
        Role.COMMUNICATIONS_LEAD: SUPERVISE,
        Role.EDITOR: BROWSE,
    }
