"""What the roles may do with media relations (K2). Nyheter och media – press contacts,
communicators, on-call communicators – log and handle inquiries, keep the topics and look
after subscribers and deliveries; spokespeople and communications leads see and answer the
inquiries they are concerned with (narrowed in `inquiries.InquiryPermissionPolicy`).

The press contacts of the unit that runs a press room write, schedule and publish its
releases and invitations – through the same publishing checks as news, with no section
rights beyond the room, so who approves the unit's other pages is unchanged."""

from navet.organisation.roles import Role, UnitPagesGrant, permission_codes

from .pages import PressRoomPage


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


PRESS_ROOM_PAGE_PERMISSIONS = ("add", "change", "publish", "lock")


def press_rooms_of(unit):
    return PressRoomPage.objects.filter(owning_unit=unit)


def press_room_pages() -> dict:
    return {
        Role.PRESS_CONTACT: UnitPagesGrant(
            pages=press_rooms_of, page_permissions=PRESS_ROOM_PAGE_PERMISSIONS
        )
    }
