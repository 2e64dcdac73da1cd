"""W3.7: an author's submission is approved by the nearest authorised person, resolved from
role assignments; approvers are told by email and on their dashboard; a rejection carries a
comment back to the author; the audit log shows who did what."""

import socket

import pytest
from wagtail.models import PageLogEntry, TaskState

from navet.editorial.models import NearestAuthorisedApprovalTask
from navet.editorial.selectors import approvers_for
from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import new_person
from navet.web.models import ContentPage, NewsIndexPage, NewsPage, StartPage

from .helpers import after_commit, create_news, draft_news, section_news_index

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def usernames(users):
    return {user.username for user in users}


def page_owned_by(unit_name):
    unit = Unit.objects.get(name=unit_name)
    section = Unit.objects.get(name="Utbildningsförvaltningen").public_section
    page = ContentPage(title=f"Sida för {unit_name}", slug="sida", owning_unit=unit)
    section.add_child(instance=page)
    return page


def test_W3_7_approvers_are_the_editors_and_head_editor_of_the_owning_unit():
    page = page_owned_by("Utbildningsförvaltningen")
    assert usernames(approvers_for(page=page)) == {
        "huvudredaktor.utbildning",
        "redaktor.utbildning",
    }


def test_W3_7_a_unit_without_editors_is_approved_by_the_next_unit_up():
    page = page_owned_by("Förskola och grundskola")
    assert usernames(approvers_for(page=page)) == {
        "huvudredaktor.utbildning",
        "redaktor.utbildning",
    }


def test_W3_7_a_subunit_with_its_own_editor_approves_itself():
    unit = Unit.objects.get(name="Förskola och grundskola")
    new_person(username="redaktor.forskola", unit=unit, role=Role.EDITOR)
    page = page_owned_by("Förskola och grundskola")
    assert usernames(approvers_for(page=page)) == {"redaktor.forskola"}


def test_W3_7_walks_all_the_way_up_and_falls_back_to_the_infomaster():
    page = page_owned_by("Stångåstaden AB")
    assert usernames(approvers_for(page=page)) == {"infomaster"}


def test_W3_7_start_pages_and_news_start_pages_are_approved_by_the_infomaster():
    for start in (StartPage.main("public"), StartPage.main("intranet")):
        assert usernames(approvers_for(page=start)) == {"infomaster"}
        news_start = NewsIndexPage.objects.child_of(start).get()
        assert usernames(approvers_for(page=news_start)) == {"infomaster"}
    section_news = section_news_index("Utbildningsförvaltningen")
    assert "infomaster" not in usernames(approvers_for(page=section_news))


def test_W3_7_the_workflow_covers_every_page():
    for page in ContentPage.objects.all()[:5]:
        workflow = page.get_workflow()
        assert workflow is not None
        tasks = [task.specific for task in workflow.tasks]
        # Språkgranskning (W3.3e) first, then approval by the nearest authorised person.
        assert [type(task).__name__ for task in tasks] == [
            "LanguageReviewTask",
            "NearestAuthorisedApprovalTask",
        ]


def _submit_as_author(client, demo_user, *, title="Ny nyhet från förskolan"):
    client.force_login(demo_user("forfattare.utbildning"))
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    response = create_news(
        client,
        index,
        title=title,
        ingress="Förskolorna har öppet hus den 3 december.",
        action="action-submit",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    page = NewsPage.objects.get(title=title)
    assert page.workflow_in_progress
    return page


def test_W3_7_submission_emails_the_resolved_approvers(client, demo_user, smtp_inbox):
    with after_commit():
        _submit_as_author(client, demo_user)
        assert smtp_inbox.messages == []  # not in the request: on the queue, after the commit
    recipients = {address for m in smtp_inbox.messages for address in m["To"].split(", ")}
    assert recipients == {
        "huvudredaktor.utbildning@linkoping.se",
        "redaktor.utbildning@linkoping.se",
    }
    body = smtp_inbox.messages[0].get_body().get_content()
    assert "Ny nyhet från förskolan" in body


def test_W3_7_approver_sees_the_submission_on_the_dashboard(client, demo_user):
    page = _submit_as_author(client, demo_user)
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert page.title in client.get("/admin/").content.decode()
    client.force_login(demo_user("huvudredaktor.social"))
    assert page.title not in client.get("/admin/").content.decode()


def _task_state(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def test_W3_7_approval_publishes_and_is_in_the_audit_log(client, demo_user):
    page = _submit_as_author(client, demo_user)
    state = _task_state(page)
    approver = demo_user("huvudredaktor.utbildning")
    client.force_login(approver)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live

    actions = dict(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert actions["wagtail.workflow.start"] == "forfattare.utbildning"
    assert actions["wagtail.workflow.approve"] == "huvudredaktor.utbildning"
    assert actions["wagtail.publish"] == "huvudredaktor.utbildning"


def test_W3_7_non_approver_cannot_approve(client, demo_user):
    page = _submit_as_author(client, demo_user)
    state = _task_state(page)
    client.force_login(demo_user("huvudredaktor.social"))
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress


def test_W3_7_rejection_sends_the_comment_to_the_author(client, demo_user, smtp_inbox):
    page = _submit_as_author(client, demo_user)
    state = _task_state(page)
    client.force_login(demo_user("redaktor.utbildning"))
    with after_commit():
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{state.pk}/",
            {"comment": "Lägg till vilka förskolor det gäller."},
        )
        assert not smtp_inbox.to("forfattare.utbildning@linkoping.se")
    page.refresh_from_db()
    assert not page.live
    to_author = smtp_inbox.to("forfattare.utbildning@linkoping.se")
    assert to_author
    assert "Lägg till vilka förskolor det gäller." in to_author[-1].get_body().get_content()
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.reject", user=demo_user("redaktor.utbildning")
    ).exists()


def test_W3_7_a_mail_server_that_is_down_does_not_stop_the_approval(
    client, demo_user, settings, caplog
):
    page = _submit_as_author(client, demo_user)
    state = _task_state(page)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    client.force_login(demo_user("huvudredaktor.utbildning"))
    with after_commit():
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    # The email to the author was tried again, then recorded as failed, with its reason.
    assert "send_workflow_email gave up after 6 attempts" in caplog.text
    assert "workflow_approved" in caplog.text


def test_W3_7_reassigning_the_head_editor_changes_who_approves_pending_work(client, demo_user):
    page = _submit_as_author(client, demo_user, title="Väntar på granskning")
    task = NearestAuthorisedApprovalTask.objects.get()
    old = demo_user("huvudredaktor.utbildning")
    assert task.get_task_states_user_can_moderate(old).exists()

    # The head editor leaves; the editor is replaced; a new head editor is appointed.
    RoleAssignment.objects.filter(person__user=old).delete()
    RoleAssignment.objects.filter(person__user__username="redaktor.utbildning").delete()
    new = new_person(
        username="ny.huvudredaktor",
        unit=Unit.objects.get(name="Utbildningsförvaltningen"),
        role=Role.HEAD_EDITOR,
    ).user

    assert not task.get_task_states_user_can_moderate(old).exists()
    assert task.get_task_states_user_can_moderate(new).filter(
        workflow_state__object_id=str(page.pk)
    )
    assert task.get_actions(page, new)
    assert not task.get_actions(page, old)


def test_W3_7_approving_a_page_that_breaks_a_rule_requests_changes_instead(demo_user):
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    author = demo_user("forfattare.utbildning")
    page = draft_news(index, title="Saknar ingress", ingress="", owner=author)
    workflow = page.get_workflow()
    workflow.start(page, author)
    state = _task_state(page)
    approver = demo_user("huvudredaktor.utbildning")
    state.task.specific.on_action(state, approver, "approve")

    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    assert "W3.3c" in state.comment
