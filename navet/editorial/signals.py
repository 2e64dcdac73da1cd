from django.dispatch import receiver
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import pre_page_move, task_submitted

from .crossing import refuse_cross_site_move
from .models import NearestAuthorisedApprovalTask


class NearestApproverSubmissionNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """W3.7: email the resolved approvers when an author submits (Wagtail's own submission
    email, addressed by role assignments instead of group membership)."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, NearestAuthorisedApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        triggering_user = kwargs.get("user")
        page = task_state.workflow_state.content_object
        approvers = task_state.task.specific.approvers(page)
        if triggering_user is not None:
            approvers = approvers.exclude(pk=triggering_user.pk)
        return set(approvers)


notify_approvers = NearestApproverSubmissionNotifier()


@receiver(task_submitted, sender=TaskState, dispatch_uid="navet_nearest_approver_submitted")
def task_submitted_to_nearest_approvers(sender, instance, **kwargs):
    notify_approvers(instance, **kwargs)


@receiver(pre_page_move, dispatch_uid="navet_no_cross_site_move")
def no_cross_site_move(sender, instance, parent_page_after, **kwargs):
    """W3.2, W3.7: also for moves the admin's hooks do not see (code, bulk actions)."""
    refuse_cross_site_move(instance, parent_page_after)
