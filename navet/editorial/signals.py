from django.dispatch import receiver
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    pre_page_move,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from navet.tasks import enqueue_after_commit

from .crossing import refuse_cross_site_move
from .notifications import NOTIFIERS
from .tasks import send_workflow_email


def queue_workflow_emails(notifier_name, instance, **kwargs):
    """Queue one email per recipient the notifier would mail now; they are sent after the
    commit, off the request, and retried if the mail server fails."""
    notifier = NOTIFIERS[notifier_name]
    if not notifier.can_handle(instance, **kwargs):
        return
    user = kwargs.get("user")
    for recipient in notifier.get_valid_recipients(instance, **kwargs):
        enqueue_after_commit(
            send_workflow_email,
            notifier=notifier_name,
            instance_id=instance.pk,
            user_id=user.pk if user else None,
            recipient_id=recipient.pk,
        )


def _queued(notifier_name):
    def receive(sender, instance, **kwargs):
        queue_workflow_emails(notifier_name, instance, **kwargs)

    return receive


# W3.7. Navet's apps are ready before wagtail.admin, so these take Wagtail's own dispatch_uids
# first, and Wagtail's receivers that would send in the request are never connected (Django
# ignores a second receiver with the same dispatch_uid and sender).
_RECEIVERS = [
    (task_submitted, TaskState, "navet_nearest_approver_submitted", "nearest_approvers_submitted"),
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        "group_approvers_submitted",
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        "workflow_submitted",
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        "workflow_rejected",
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        "workflow_approved",
    ),
]
for signal, sender, dispatch_uid, notifier_name in _RECEIVERS:
    signal.connect(_queued(notifier_name), sender=sender, dispatch_uid=dispatch_uid, weak=False)


@receiver(pre_page_move, dispatch_uid="navet_no_cross_site_move")
def no_cross_site_move(sender, instance, parent_page_after, **kwargs):
    """W3.2, W3.7: also for moves the admin's hooks do not see (code, bulk actions)."""
    refuse_cross_site_move(instance, parent_page_after)
