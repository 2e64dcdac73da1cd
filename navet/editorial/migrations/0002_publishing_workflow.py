"""The publishing workflow of the web guidelines (W3.7), on the whole tree: an author's
submission is approved by the nearest authorised person. Editors with the right to publish
publish directly."""

from django.db import migrations

WORKFLOW_NAME = "Publicering enligt webbriktlinjerna"
TASK_NAME = "Godkännande av närmast behörig"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("editorial", "NearestAuthorisedApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="nearestauthorisedapprovaltask"
    )
    task = Task.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("organisation", "0002_remove_hand_made_groups"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
