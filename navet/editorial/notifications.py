"""The workflow emails (submitted, approved, rejected) and who sends them.

Wagtail sends them from its signal receivers, inside the request. Navet sends the same emails
from the task queue after the commit (`signals.queue_workflow_emails`), one task per recipient,
so that a retry never mails someone twice."""

from wagtail.admin import signal_handlers as wagtail_emails
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState

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


# By name, so that a queued task can find its notifier again.
NOTIFIERS = {
    "nearest_approvers_submitted": NearestApproverSubmissionNotifier(),
    "group_approvers_submitted": wagtail_emails.task_submission_email_notifier,
    "workflow_submitted": wagtail_emails.workflow_submission_email_notifier,
    "workflow_approved": wagtail_emails.workflow_approval_email_notifier,
    "workflow_rejected": wagtail_emails.workflow_rejection_email_notifier,
}
