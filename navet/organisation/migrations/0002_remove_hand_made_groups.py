"""Wagtail's install creates the groups "Moderators" and "Editors" with permissions on the
whole tree, and a "Moderators approval" workflow on the root. In Navet permissions come only
from role assignments, so those hand-made groups go, and the workflow that only they could
approve is switched off (the approval workflow is resolved from roles instead)."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def remove_hand_made_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, navet_managed__isnull=True).delete()
    default_workflows = Workflow.objects.filter(name="Moderators approval")
    WorkflowPage.objects.filter(workflow__in=default_workflows).delete()
    default_workflows.update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(remove_hand_made_groups, migrations.RunPython.noop)]
