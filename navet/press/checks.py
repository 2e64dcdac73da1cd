"""The press room's own publishing checks, registered with `navet_publishing_checks`: a press
item is for the public website and the media, so nothing in it may need login (W3.2), and
the news it waits for must be the staff's, on the intranet (W3.3b)."""

from django.utils.translation import gettext as _

from navet.editorial.selectors import is_intranet_page

from .pages import PRESS_ITEM_TYPES, is_restricted


def press_item_problems(page, *, parent=None, publishing=True):
    if not isinstance(page, PRESS_ITEM_TYPES):
        return []
    problems = []
    if is_intranet_page(page, parent=parent):
        problems.append(
            ("W3.2", None, _("Press releases and invitations belong on the public website."))
        )
    if is_restricted(page.image):
        problems.append(("W3.2", "image", _("The image is in a collection that needs login.")))
    if any(is_restricted(block.value["document"]) for block in page.attachments or []):
        problems.append(
            ("W3.2", "attachments", _("An attachment is in a collection that needs login."))
        )
    original = page.internal_original
    if original is not None and not is_intranet_page(original):
        problems.append(
            (
                "W3.3b",
                "internal_original",
                _("The news published first must be the staff's news on the intranet."),
            )
        )
    return problems
