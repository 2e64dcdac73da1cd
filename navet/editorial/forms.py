from wagtail.admin.forms import WagtailAdminPageForm

from .checks import publishing_problems

# The submit buttons that ask for the page to go live, now or after approval.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class PublishingChecksFormMixin:
    """Refuses to publish or submit what breaks a publishing rule, with the reason on the
    field concerned; the editor's input stays in the form. For pages and any other model
    that is published (directory entries)."""

    parent_page = None

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not any(action in self.data for action in PUBLISHING_ACTIONS):
            return
        publishing = "action-publish" in self.data
        problems = publishing_problems(
            self.instance, parent=self.parent_page, publishing=publishing
        )
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, str(problem))


class EditorialPageForm(PublishingChecksFormMixin, WagtailAdminPageForm):
    pass
