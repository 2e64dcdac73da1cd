"""What the roles may do with the forums' registers in the admin. Running a forum (meetings,
agenda, minutes) is not a model permission: it follows from holding the chair's or the
secretary's role (see `membership`)."""

from navet.organisation.roles import Role, permission_codes

KEEP_FORUMS = permission_codes("forums", ("add", "change", "delete", "view"), ("forum",))
PLAN_CAMPAIGNS = permission_codes("forums", ("add", "change", "view"), ("campaign",))


def forums_permissions() -> dict:
    return {
        Role.INFOMASTER: (*KEEP_FORUMS, *PLAN_CAMPAIGNS, "forums.delete_campaign"),
        Role.SYSTEM_OWNER_DELEGATE: (*KEEP_FORUMS, *PLAN_CAMPAIGNS, "forums.delete_campaign"),
        Role.COMMUNICATIONS_LEAD: PLAN_CAMPAIGNS,
        Role.COMMUNICATOR: PLAN_CAMPAIGNS,
    }
