"""Seeds the internal-term list (the infomaster edits it afterwards) and puts the language
review first in the publishing workflow, before approval by the nearest authorised person."""

from django.db import migrations

from navet.language.engine.wording import default_jargon

WORKFLOW_NAME = "Publicering enligt webbriktlinjerna"
TASK_NAME = "Språkgranskning"


def seed(apps, schema_editor):
    JargonTerm = apps.get_model("language", "JargonTerm")
    for entry in default_jargon():
        JargonTerm.objects.get_or_create(term=entry.term, defaults={"explanation": entry.explanation})

    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("language", "LanguageReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="language", model="languagereviewtask"
    )
    task = Task.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    for workflow_task in WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order"):
        workflow_task.sort_order += 1
        workflow_task.save()
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def unseed(apps, schema_editor):
    Task = apps.get_model("language", "LanguageReviewTask")
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("language", "0001_initial"),
        ("editorial", "0002_publishing_workflow"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
