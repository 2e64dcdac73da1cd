from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .services import publishing_errors
from .views import PlainLanguageViewSetGroup

register_snippet(PlainLanguageViewSetGroup)
# Error-level findings block publishing (W3.3e); the hook is editorial's registry of checks.
hooks.register("navet_publishing_checks", publishing_errors)
