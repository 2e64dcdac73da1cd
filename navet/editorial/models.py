from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Task, TaskState

from .rules import resolve_owning_unit


@register_setting(icon="edit")
class EditorialSettings(BaseGenericSetting):
    """Numbers of the publishing rules the infomaster may adjust."""

    ingress_max_length = models.PositiveIntegerField(
        _("longest ingress (characters)"),
        default=300,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
        help_text=_("Rule W3.3c: the ingress states the essential, briefly."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review pages every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Default for sections that set no interval of their own (rule W3.3d)."),
    )
    priority_window_days = models.PositiveSmallIntegerField(
        _("priority applies to news from the last (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Rule W3.3a: on start pages, news from this period is ordered by priority first."
        ),
    )

    panels = [
        FieldPanel("ingress_max_length"),
        FieldPanel("review_interval_months"),
        FieldPanel("priority_window_days"),
    ]

    class Meta:
        verbose_name = _("editorial rules")


class EditorialPageMixin(models.Model):
    """What the publishing rules ask of a page. A clear sender (W3.3d): the unit that
    answers for it – inherited from the page above when left empty – and a contact; and the
    date by which it must be reviewed again. Page types also declare their own policy here:
    `needs_infomaster_approval` (W3.7: start pages and news start pages)."""

    owning_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owning unit (sender)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the unit that owns the section."),
    )
    contact = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to show the unit's own contact details."),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "When the page must be checked again (W3.3d). Set on publishing if empty or passed."
        ),
    )

    editorial_panels = [
        MultiFieldPanel(
            [FieldPanel("owning_unit"), FieldPanel("contact")],
            heading=_("Sender (W3.3d)"),
        ),
        FieldPanel("review_by"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.owning_unit_id is None:
            self.owning_unit = resolve_owning_unit(self)
        return super().save(*args, **kwargs)

    @property
    def needs_infomaster_approval(self) -> bool:
        return False

    @cached_property
    def sender(self) -> dict:
        unit = self.owning_unit
        person = self.contact
        return {
            "unit": unit,
            "name": person.full_name if person else None,
            "title": person.title if person else "",
            "email": (person.email if person and person.email else unit.email if unit else ""),
            "phone": (person.phone if person and person.phone else unit.phone if unit else ""),
        }


class ApproverTaskMixin:
    """A workflow task taken only by the people `approvers(obj)` names – resolved from role
    assignments each time they are needed – who alone may open, lock and act on what waits
    in it. The task declares `approvers`."""

    def approvers(self, obj):
        raise NotImplementedError

    def user_is_approver(self, obj, user) -> bool:
        return user.is_active and self.approvers(obj).filter(pk=user.pk).exists()

    def user_can_access_editor(self, obj, user):
        return self.user_is_approver(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_is_approver(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_approver(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state"
        )
        ids = [
            state.pk
            for state in states
            if self.user_is_approver(state.workflow_state.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=ids)


class NearestAuthorisedApprovalTask(ApproverTaskMixin, Task):
    """W3.7: "without permission, get approval from the nearest authorised person". The
    approvers are resolved from role assignments each time they are needed, so reassigning
    a head editor changes who approves pending submissions."""

    def approvers(self, obj):
        from .selectors import approvers_for

        return approvers_for(page=obj)

    def get_actions(self, obj, user):
        if not self.user_is_approver(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve and publish"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        from .services import refuse_approval_if_rules_broken

        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)  # a page as its own type; a snippet is already
        if action_name == "approve" and refuse_approval_if_rules_broken(
            task_state=task_state, page=obj, user=user
        ):
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Editors and head editors of the page's unit approve; if the unit has none, those "
            "of the nearest unit above. Start pages and news start pages: the infomaster."
        )

    class Meta:
        verbose_name = _("approval by the nearest authorised person")
        verbose_name_plural = _("approvals by the nearest authorised person")


class ReviewReminder(models.Model):
    """A reminder sent about a page, or another reviewed object (a directory entry), due for
    review, so the next one waits a week."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.CharField(max_length=64, blank=True)
    review_by = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["page", "review_by"]),
            models.Index(fields=["content_type", "object_id", "review_by"]),
        ]

    def __str__(self):
        return f"{self.page_id or self.object_id} {self.review_by} {self.sent_at:%Y-%m-%d}"

    @staticmethod
    def key_for(obj) -> dict:
        """How reminders about `obj` are looked up: by page, or by type and id."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page

        if isinstance(obj, Page):
            return {"page": obj}
        return {"content_type": ContentType.objects.get_for_model(obj), "object_id": str(obj.pk)}
