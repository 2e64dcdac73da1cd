from wagtail import hooks
from wagtail.snippets.models import register_snippet

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK
from navet.web.menu import MENU_LINKS_HOOK

from .admin_views import ForumsViewSetGroup
from .documents import refuse_withheld_papers
from .roles import forums_permissions
from .views import menu_links

register_snippet(ForumsViewSetGroup)
hooks.register(ROLE_PERMISSIONS_HOOK, forums_permissions)
hooks.register(MENU_LINKS_HOOK, menu_links)
# After Wagtail's own view restriction check, which sends a visitor to the login page.
hooks.register("before_serve_document", refuse_withheld_papers, order=1)
