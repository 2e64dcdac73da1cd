"""The approval chains of the registers, as Wagtail workflows:

- a social media account (W4.3): the unit's manager decides (a manager who submits has
  decided), communications and the head editor are told, then the system owner's delegate
  approves or refuses with a reason;
- a domain exception (W3.6): only the municipal director decides."""

from django.db import migrations

ACCOUNT_WORKFLOW = "Konto i sociala medier"
DOMAIN_WORKFLOW = "Undantag från kommunens domän"


def create_chains(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("governance", "RoleApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="governance", model="roleapprovaltask"
    )

    def chain(name, steps, model):
        workflow = Workflow.objects.create(name=name, active=True)
        for order, fields in enumerate(steps):
            task = Task.objects.create(content_type=task_type, active=True, **fields)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        content_type, _ = ContentType.objects.get_or_create(app_label="governance", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )

    chain(
        ACCOUNT_WORKFLOW,
        [
            {
                "name": "Enhetschefens beslut",
                "role": "manager",
                "scope": "unit",
                "decided_by_submitting": True,
            },
            {
                "name": "Systemägarombudets godkännande",
                "role": "system_owner_delegate",
                "scope": "anywhere",
                "informs_communications": True,
            },
        ],
        "socialmediaaccount",
    )
    chain(
        DOMAIN_WORKFLOW,
        [{"name": "Kommundirektörens beslut", "role": "municipal_director", "scope": "anywhere"}],
        "domainexception",
    )


def remove_chains(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("governance", "RoleApprovalTask")
    Workflow.objects.filter(name__in=[ACCOUNT_WORKFLOW, DOMAIN_WORKFLOW]).delete()
    Task.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_chains, remove_chains)]
