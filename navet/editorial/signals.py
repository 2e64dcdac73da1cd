from django.dispatch import receiver
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

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
