from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Task, TaskState
from wagtail.permissions import policy_registry
from wagtail.search import index

from .engine import RULES, Severity

SEVERITY_CHOICES = [
    (Severity.ERROR.value, _("Error – blocks publishing")),
    (Severity.WARNING.value, _("Warning")),
    (Severity.ADVICE.value, _("Advice")),
]


class JargonTerm(index.Indexed, models.Model):
    """The municipality's own internal terms (W3.3e): flagged unless explained on first use.
    The infomaster keeps the list."""

    term = models.CharField(_("term"), max_length=80, unique=True)
    explanation = models.CharField(
        _("explanation"),
        max_length=200,
        blank=True,
        help_text=_("What readers outside the organisation should read instead."),
    )

    panels = [FieldPanel("term"), FieldPanel("explanation")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("internal term")
        verbose_name_plural = _("internal terms")

    def __str__(self):
        return self.term


class RuleSeverity(models.Model):
    """The infomaster's choice of severity for a review rule; rules not listed keep their
    default."""

    rule = models.CharField(
        _("rule"),
        max_length=60,
        unique=True,
        choices=[(rule, f"{label} ({rule})") for rule, (_default, label) in RULES.items()],
    )
    severity = models.CharField(_("severity"), max_length=10, choices=SEVERITY_CHOICES)

    panels = [FieldPanel("rule"), FieldPanel("severity")]

    class Meta:
        ordering = ["rule"]
        verbose_name = _("rule severity")
        verbose_name_plural = _("rule severities")

    def __str__(self):
        return f"{self.rule}: {self.severity}"


class PageLanguageReview(models.Model):
    """The latest review of a page's live content, for the report."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_review",
    )
    lix = models.FloatField()
    band = models.CharField(max_length=20)
    words = models.PositiveIntegerField()
    sentences = models.PositiveIntegerField()
    errors = models.PositiveIntegerField()
    warnings = models.PositiveIntegerField()
    advice = models.PositiveIntegerField()
    reviewed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.page_id}: LIX {self.lix}"


def user_can_edit(obj, user) -> bool:
    """Whether `user` may edit what is in review: a page by its page permissions, anything
    else (a directory entry) by its permission policy."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return policy_registry.get(obj).user_has_permission_for_instance(user, "change", obj)


class LanguageReviewTask(Task):
    """Språkgranskning (W3.3e): passes by itself when the submitted draft has no error-level
    finding; otherwise the page waits here until the author fixes it and asks for a new
    review."""

    def start(self, workflow_state, user=None):
        from .services import review_page

        task_state = super().start(workflow_state, user=user)
        page = workflow_state.content_object.get_latest_revision_as_object()
        if not review_page(page).errors:
            task_state.status = TaskState.STATUS_APPROVED
            task_state.finished_at = timezone.now()
            task_state.comment = "Inga fel vid språkgranskningen."
            task_state.save()
        return task_state

    def user_can_access_editor(self, obj, user):
        return user_can_edit(obj, user)

    def locked_for_user(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if user_can_edit(obj, user):
            return [("recheck", _("Review again"), False)]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        from .services import review_page

        if action_name == "recheck":
            page = task_state.workflow_state.content_object.get_latest_revision_as_object()
            if not review_page(page).errors:
                task_state.approve(user=user, comment="Felen är åtgärdade.")
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        ids = [
            state.pk
            for state in states.select_related("workflow_state")
            if user_can_edit(state.workflow_state.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=ids)

    @classmethod
    def get_description(cls):
        return _("Plain-language and accessibility review; errors must be fixed first.")

    class Meta:
        verbose_name = _("language review")
        verbose_name_plural = _("language reviews")
