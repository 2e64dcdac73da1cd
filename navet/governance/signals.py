from wagtail.models import TaskState
from wagtail.signals import task_submitted

from navet.editorial.notifications import NOTIFIERS
from navet.editorial.signals import queue_workflow_emails

from .notifications import CommunicationsInformedNotifier, RoleApproversNotifier

NOTIFIERS["role_approvers_submitted"] = RoleApproversNotifier()
NOTIFIERS["communications_informed"] = CommunicationsInformedNotifier()


def queue_register_emails(sender, instance, **kwargs):
    """W4.3, W3.6: the approvers of the step, on the task queue after the commit; and the
    unit's communications people when the step informs them."""
    queue_workflow_emails("role_approvers_submitted", instance, **kwargs)
    queue_workflow_emails("communications_informed", instance, **kwargs)


task_submitted.connect(
    queue_register_emails, sender=TaskState, dispatch_uid="navet_role_approval_submitted"
)
