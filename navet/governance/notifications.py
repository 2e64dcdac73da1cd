"""Who is emailed when a step of a register's approval chain starts: its approvers, and –
for a step that says so – the unit's head editor and communications lead (W4.3)."""

from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from navet.editorial.selectors import nearest_holders
from navet.organisation.roles import Role

from .models import RoleApprovalTask


class RoleApproversNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, RoleApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        triggering_user = kwargs.get("user")
        obj = task_state.workflow_state.content_object
        task = task_state.task.specific
        if (
            task.decided_by_submitting
            and triggering_user is not None
            and task.user_is_approver(obj, triggering_user)
        ):
            # The submitter decided the step (see `RoleApprovalTask.start`, which runs after
            # this signal): nothing waits for the other holders.
            return set()
        approvers = task.approvers(obj)
        if triggering_user is not None:
            approvers = approvers.exclude(pk=triggering_user.pk)
        return set(approvers)


class CommunicationsInformedNotifier(RoleApproversNotifier):
    """A notice, not a request to act: its own templates say so."""

    notification = "informed"
    template_directory = "governance/notifications/"

    def can_handle(self, instance, **kwargs):
        return (
            super().can_handle(instance, **kwargs) and instance.task.specific.informs_communications
        )

    def get_valid_recipients(self, instance, **kwargs):
        # Wagtail's users opt out of its notification kinds; "informed" is not one of them.
        users = {
            user
            for user in self.get_recipient_users(instance, **kwargs)
            if user.is_active and user.email
        }
        for user in users:
            UserProfile.get_for_user(user)  # the email is written in the profile's language
        return users

    def get_recipient_users(self, task_state, **kwargs):
        obj = task_state.workflow_state.content_object
        people = set(nearest_holders(page=obj, roles=[Role.HEAD_EDITOR]))
        people |= set(nearest_holders(page=obj, roles=[Role.COMMUNICATIONS_LEAD]))
        triggering_user = kwargs.get("user")
        return {person for person in people if person != triggering_user}
