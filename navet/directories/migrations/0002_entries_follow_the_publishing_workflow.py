"""Directory entries are approved as pages are (W3.7): the publishing workflow of the web
guidelines (language review, then the nearest authorised person) covers them."""

from django.db import migrations

WORKFLOW_NAME = "Publicering enligt webbriktlinjerna"
ENTRY_MODELS = ("service", "provider", "association")


def attach_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    for model in ENTRY_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="directories", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def detach_workflow(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="directories", content_type__model__in=ENTRY_MODELS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directories", "0001_initial"),
        ("language", "0002_seed_terms_and_review_task"),
    ]

    operations = [migrations.RunPython(attach_workflow, detach_workflow)]
