from django.db.models.signals import post_delete
from wagtail.models import TaskState
from wagtail.signals import published, task_submitted, unpublished

from navet.editorial.notifications import NOTIFIERS
from navet.editorial.signals import queue_workflow_emails

from .models import SocialMediaAccount
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


def purge_official_accounts(sender, instance, **kwargs):
    """W4.3: an account approved (published), unpublished or deleted changes the public list
    of official accounts and its open data: both are purged from the caches."""
    from navet.web.purge import purge_pages_and_urls

    from .pages import JSON_ROUTE, OfficialAccountsPage

    if kwargs.get("signal") is post_delete and not instance.live:
        return  # a draft or a request was never on the list
    pages = list(OfficialAccountsPage.objects.live())
    urls = [page.full_url + JSON_ROUTE for page in pages if page.full_url]
    purge_pages_and_urls(pages=pages, urls=urls)


published.connect(
    purge_official_accounts, sender=SocialMediaAccount, dispatch_uid="navet_accounts_published"
)
unpublished.connect(
    purge_official_accounts, sender=SocialMediaAccount, dispatch_uid="navet_accounts_unpublished"
)
post_delete.connect(
    purge_official_accounts, sender=SocialMediaAccount, dispatch_uid="navet_accounts_deleted"
)
