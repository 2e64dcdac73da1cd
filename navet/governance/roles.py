"""What the roles may do in the registers. Deciding is not a model permission: the
approval chains' steps are taken by the holders of their roles (`RoleApprovalTask`)."""

from navet.organisation.roles import Role, permission_codes


def _codes(actions, models):
    return permission_codes("governance", actions, models)


REQUESTS = ("socialmediaaccount", "domainexception")
VIEW_ALL = _codes(("view",), (*REQUESTS, "channel", "channelaudience", "owndomain"))
REQUEST = (*_codes(("add", "change", "view"), REQUESTS), *VIEW_ALL)
KEEP_REGISTERS = (
    *REQUEST,
    *_codes(("delete", "lock", "unlock"), REQUESTS),
    *_codes(("add", "change", "delete", "view"), ("channel", "channelaudience", "owndomain")),
    "governance.change_governancesettings",
)


def governance_permissions() -> dict:
    return {
        Role.MANAGER: REQUEST,
        Role.HEAD_EDITOR: REQUEST,
        Role.COMMUNICATIONS_LEAD: REQUEST,
        Role.COMMUNICATOR: VIEW_ALL,
        # Approving the last step publishes, which Wagtail checks as a model permission.
        Role.SYSTEM_OWNER_DELEGATE: (*VIEW_ALL, "governance.publish_socialmediaaccount"),
        Role.MUNICIPAL_DIRECTOR: (*VIEW_ALL, "governance.publish_domainexception"),
        Role.WEBMASTER: _codes(("add", "change", "delete", "view"), ("owndomain",)),
        Role.INFOMASTER: KEEP_REGISTERS,
    }
