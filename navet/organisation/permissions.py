"""Questions about what a user may do that Wagtail's own permission types do not answer."""

from django.utils.translation import gettext_lazy as _

STRUCTURE_REFUSAL = _(
    "Only a head editor of the section or the infomaster can move pages (rule W3.7). "
    "Ask your head editor."
)


def can_manage_structure(*, user, page) -> bool:
    """Moving pages and reshaping a section belongs to head editors and the infomaster;
    their grants are the ones that carry Wagtail's 'bulk delete' permission."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    tester = page.permissions_for_user(user)
    return "bulk_delete" in tester.permissions
