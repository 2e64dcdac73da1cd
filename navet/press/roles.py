"""What the roles may do with media relations (K2). Nyheter och media – press contacts,
communicators, on-call communicators – log and handle inquiries, keep the topics and look
after subscribers and deliveries; spokespeople and communications leads see and answer the
inquiries they are concerned with (narrowed in `inquiries.InquiryPermissionPolicy`)."""

from navet.organisation.roles import Role, permission_codes


def _codes(actions, models):
    return permission_codes("press", actions, models)


ANSWER = _codes(("change", "view"), ("mediainquiry",))
MEDIA_STAFF = (
    *_codes(("add", "change", "delete", "view"), ("mediainquiry", "presstopic")),
    *_codes(("view",), ("consent", "delivery")),
    # A subscription changes only by the journalist's own confirmed consent; the staff may
    # look and, when asked to forget an address, delete it.
    *_codes(("view", "delete"), ("subscriber",)),
)
INFOMASTER = (*MEDIA_STAFF, "press.change_presssettings")


def press_permissions() -> dict:
    return {
        Role.PRESS_CONTACT: MEDIA_STAFF,
        Role.COMMUNICATOR: MEDIA_STAFF,
        Role.ON_CALL_COMMUNICATOR: MEDIA_STAFF,
        Role.SPOKESPERSON: ANSWER,
        Role.COMMUNICATIONS_LEAD: ANSWER,
        Role.INFOMASTER: INFOMASTER,
    }
