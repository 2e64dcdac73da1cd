"""W4.3: social media accounts. A unit's account needs its manager's decision, notice to
communications and the head editor, and formal approval by the system owner's delegate;
official accounts are owned by the communications staff; the approved accounts are listed
publicly (and as JSON); accounts whose administrators no longer hold a role, or whose
review date has passed, are flagged to the communications staff."""

import datetime
import io
import json

import pytest
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from navet.editorial.tests.helpers import after_commit
from navet.governance.models import GovernanceSettings, OfficialAccountsPage, SocialMediaAccount
from navet.governance.pages import JSON_ROUTE
from navet.governance.selectors import accounts_needing_attention
from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import new_person
from navet.web.models import StartPage

pytestmark = pytest.mark.django_db

KULTUR = "Kultur- och fritidsförvaltningen"
SOCIAL = "Socialförvaltningen"
COMMUNICATIONS = "Kommunikations- och utvecklingsstaben"
HANDLE = "@biblioteketlinkopingtest"
ACCOUNT_URL = "https://www.instagram.com/biblioteketlinkopingtest/"
PURPOSE = "Tips om böcker, läsfrämjande och bibliotekets program. Allt finns på linkoping.se."
AUDIENCE = "Barn, unga och vuxna som lånar på biblioteken"
NAMESPACE = "wagtailsnippets_governance_socialmediaaccount"


def unit(name):
    return Unit.objects.get(name=name)


def with_email(person):
    person.user.email = f"{person.user.username}@linkoping.se"
    person.user.save()
    return person


@pytest.fixture
def communications():
    staff = unit(COMMUNICATIONS)
    settings = GovernanceSettings.load()
    settings.communications_unit = staff
    settings.save()
    return staff


@pytest.fixture
def manager(communications):
    return with_email(new_person(username="chef.test.kultur", unit=unit(KULTUR), role=Role.MANAGER))


@pytest.fixture
def administrator():
    return new_person(username="bibliotekarie.test", unit=unit(KULTUR), role=Role.AUTHOR)


@pytest.fixture
def accounts_page(communications):
    page = OfficialAccountsPage.objects.live().first()
    if page is None:
        page = OfficialAccountsPage(
            title="Kommunens officiella konton",
            slug="officiella-konton",
            owning_unit=communications,
        )
        StartPage.main("public").add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def account_form(*, owner, administrators, **fields):
    data = {
        "platform": "instagram",
        "handle": HANDLE,
        "url": ACCOUNT_URL,
        "owning_unit": str(owner.pk),
        "purpose": PURPOSE,
        "audience": AUDIENCE,
        "administrators": [str(person.pk) for person in administrators],
        "review_by": "2027-06-30",
    }
    data.update(fields)
    return data


def add_url():
    return reverse(f"{NAMESPACE}:add")


def edit_url(account):
    return reverse(f"{NAMESPACE}:edit", args=[quote(account.pk)])


def action_url(account, action, task_state):
    return reverse(f"{NAMESPACE}:workflow_action", args=[quote(account.pk), action, task_state.pk])


def submit(client, person, administrators, **fields):
    client.force_login(person.user)
    response = client.post(
        add_url(),
        account_form(owner=unit(KULTUR), administrators=administrators, **fields)
        | {"action-submit": "action-submit"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return SocialMediaAccount.objects.get(handle=fields.get("handle", HANDLE))


def task_state_of(account):
    return TaskState.objects.get(
        workflow_state__base_content_type=ContentType.objects.get_for_model(SocialMediaAccount),
        workflow_state__object_id=str(account.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )


def log_of(account):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SocialMediaAccount),
        object_id=str(account.pk),
    ).order_by("timestamp", "pk")


def recipients(inbox):
    return {address for message in inbox.messages for address in message["To"].split(", ")}


def live_account(*, owner, administrators, handle=HANDLE, review_by=None, **fields):
    account = SocialMediaAccount(
        platform=fields.pop("platform", "instagram"),
        handle=handle,
        url=fields.pop("url", f"https://www.instagram.com/{handle.lstrip('@')}/"),
        owning_unit=owner,
        purpose=PURPOSE,
        audience=AUDIENCE,
        review_by=review_by or timezone.localdate() + datetime.timedelta(days=200),
        live=False,
        **fields,
    )
    account.save()
    account.administrators.set(administrators)
    account.save_revision().publish()
    account.refresh_from_db()
    return account


def pending_panel(client) -> str:
    """The dashboard's notice of accounts waiting for approval, or "" when it is not shown."""
    html = client.get("/admin/").content.decode()
    start = html.find('class="w-panel navet-pending-accounts"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def public_json(public_client, page):
    response = public_client.get(page.url + JSON_ROUTE)
    assert response.status_code == 200
    return response, json.loads(response.content)


# The whole chain.


def test_W4_3_manager_submits_delegate_approves_and_the_account_is_listed(
    client, public_client, demo_user, manager, administrator, accounts_page, smtp_inbox
):
    with after_commit():
        account = submit(client, manager, [manager, administrator])
        assert smtp_inbox.messages == []  # on the queue, after the commit

    # Step 1, the manager's decision, was taken by submitting; it is in the audit log.
    actions = list(log_of(account).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "chef.test.kultur") in actions
    assert ("wagtail.workflow.approve", "chef.test.kultur") in actions
    state = task_state_of(account)
    assert state.task.name == "Systemägarombudets godkännande"

    # The delegate is asked; the head editor is told; the manager who decided is not.
    told = recipients(smtp_inbox)
    assert "kommunikationsdirektor@linkoping.se" in told
    assert "huvudredaktor.kultur@linkoping.se" in told
    assert "chef.test.kultur@linkoping.se" not in told
    assert "chef.kultur@linkoping.se" not in told  # another manager: the step is decided
    to_head_editor = smtp_inbox.to("huvudredaktor.kultur@linkoping.se")
    assert HANDLE in to_head_editor[-1].get_body().get_content()

    # Wagtail's email to the delegate, about a snippet, is in Swedish too.
    to_delegate = smtp_inbox.to("kommunikationsdirektor@linkoping.se")[-1]
    asked = to_delegate.get_body().get_content()
    assert f'Konto i sociala medier "Instagram: {HANDLE}" har skickats in för godkännande' in asked
    assert "has been submitted" not in asked

    # Not live, not public.
    account.refresh_from_db()
    assert not account.live
    assert HANDLE not in public_client.get(accounts_page.url).content.decode()
    assert HANDLE not in public_json(public_client, accounts_page)[0].content.decode()

    # Nobody but the delegate can approve step 2.
    outsiders = [manager.user, demo_user("huvudredaktor.kultur"), demo_user("infomaster")]
    for outsider in outsiders:
        client.force_login(outsider)
        client.post(action_url(account, "approve", state), {"comment": ""})
        state.refresh_from_db()
        account.refresh_from_db()
        assert state.status == TaskState.STATUS_IN_PROGRESS, outsider.username
        assert not account.live

    client.force_login(demo_user("kommunikationsdirektor"))
    response = client.post(action_url(account, "approve", state), {"comment": "Godkänt."})
    assert response.status_code in (200, 302)
    account.refresh_from_db()
    assert account.live
    actions = list(log_of(account).values_list("action", "user__username"))
    assert ("wagtail.workflow.approve", "kommunikationsdirektor") in actions
    assert ("wagtail.publish", "kommunikationsdirektor") in actions

    # On the public page, linked and marked as external, and in the open data.
    html = public_client.get(accounts_page.url).content.decode()
    assert HANDLE in html
    assert f'href="{ACCOUNT_URL}" class="external-link"' in html
    assert KULTUR in html
    response, data = public_json(public_client, accounts_page)
    [entry] = [entry for entry in data["accounts"] if entry["handle"] == HANDLE]
    assert entry == {
        "platform": "instagram",
        "platform_name": "Instagram",
        "handle": HANDLE,
        "url": ACCOUNT_URL,
        "unit": KULTUR,
        "official": False,
        "purpose": PURPOSE,
        "approved_on": timezone.localdate().isoformat(),
    }
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_W4_3_a_refusal_needs_a_reason_and_keeps_the_history(
    client, demo_user, manager, administrator, accounts_page, public_client
):
    account = submit(client, manager, [administrator])
    state = task_state_of(account)
    client.force_login(demo_user("kommunikationsdirektor"))

    # The admin's modal posts the form in the background and shows its errors.
    response = client.post(
        action_url(account, "reject", state),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert "Skriv varför ansökan avslås." in json.loads(response.content)["html"]
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    # Without the modal, a refusal without a reason is not taken either.
    client.post(action_url(account, "reject", state), {"comment": "  "})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS

    reason = "Verksamheten når samma målgrupp genom kommunens konto på Instagram."
    client.post(action_url(account, "reject", state), {"comment": reason})
    state.refresh_from_db()
    account.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == reason
    assert not account.live
    assert account.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert account.revisions.exists()
    refusal = log_of(account).get(action="wagtail.workflow.reject")
    assert refusal.user.username == "kommunikationsdirektor"
    assert reason in json.dumps(refusal.data, ensure_ascii=False)
    assert HANDLE not in public_client.get(accounts_page.url).content.decode()


# Official accounts and the addresses of accounts.


def test_W4_3_an_official_account_is_owned_by_the_communications_staff(
    client, demo_user, communications, administrator
):
    client.force_login(demo_user("infomaster"))
    refused = client.post(
        add_url(),
        account_form(owner=unit(KULTUR), administrators=[administrator], official="on"),
    )
    assert refused.status_code == 200
    assert "Ett officiellt konto ägs av kommunikationsstaben" in refused.content.decode()
    assert not SocialMediaAccount.objects.filter(handle=HANDLE).exists()

    planned = Unit.objects.get(name="Planerad kommunikation")
    accepted = client.post(
        add_url(),
        account_form(owner=planned, administrators=[administrator], official="on"),
    )
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    account = SocialMediaAccount.objects.get(handle=HANDLE)
    assert account.official and not account.live


@pytest.mark.parametrize(
    "platform, url, message",
    [
        ("instagram", "https://www.facebook.com/kulturtest", "instagram.com"),
        ("facebook", "http://www.facebook.com/kulturtest", "https://"),
        ("instagram", "javascript:alert(1)", "Fyll i en giltig URL"),
        ("x", "https://x.com.example.net/kulturtest", "x.com"),
    ],
)
def test_W4_3_the_address_must_be_the_platforms(
    client, manager, administrator, platform, url, message
):
    client.force_login(manager.user)
    response = client.post(
        add_url(),
        account_form(
            owner=unit(KULTUR), administrators=[administrator], platform=platform, url=url
        ),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SocialMediaAccount.objects.filter(handle=HANDLE).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"handle": "<script>alert(1)</script>", "url": ACCOUNT_URL + "?q=<b>"},
        {"handle": "x" * 5000, "purpose": "y" * 50_000},
        {"handle": "null\x00byte"},
        {"owning_unit": "abc", "administrators": ["-1", "x"]},
        {"owning_unit": "999999999999999999999", "review_by": "31/31/2026"},
        {"platform": "myspace", "url": "https://" + "a" * 3000 + ".com/"},
        {"url": "https://[::1"},
    ],
)
def test_W4_3_hostile_input_is_refused_without_an_error_page(
    client, manager, administrator, fields
):
    client.force_login(manager.user)
    data = account_form(owner=unit(KULTUR), administrators=[administrator])
    data.update(fields)
    before = set(SocialMediaAccount.objects.values_list("pk", flat=True))
    response = client.post(add_url(), data | {"action-submit": "action-submit"})
    assert response.status_code in (200, 302)
    # (Looked up by id: PostgreSQL refuses a NUL byte even in a query.)
    assert not SocialMediaAccount.objects.exclude(pk__in=before).filter(live=True).exists()


def test_W4_3_hostile_text_is_escaped_on_the_public_page(
    public_client, communications, administrator, accounts_page
):
    live_account(
        owner=unit(KULTUR),
        administrators=[administrator],
        handle="<script>alert(1)</script>",
        url="https://www.instagram.com/test/",
    )
    html = public_client.get(accounts_page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Own part of the organisation only.


def test_W4_3_a_manager_of_another_administration_cannot_change_the_account(
    client, manager, administrator
):
    account = submit(client, manager, [administrator])
    other = new_person(username="chef.test.social", unit=unit(SOCIAL), role=Role.MANAGER)
    client.force_login(other.user)

    response = client.get(edit_url(account))
    assert response.status_code in (302, 403)
    response = client.post(
        edit_url(account),
        account_form(owner=unit(SOCIAL), administrators=[administrator], handle="@kapad"),
    )
    assert response.status_code in (302, 403)
    account.refresh_from_db()
    assert account.handle == HANDLE
    assert account.owning_unit == unit(KULTUR)

    form = client.get(add_url()).context["form"]
    choices = set(form.fields["owning_unit"].queryset.values_list("name", flat=True))
    assert SOCIAL in choices
    assert KULTUR not in choices
    assert COMMUNICATIONS not in choices


# Flags: administrators without a role, review dates that have passed.


@pytest.fixture
def flagged_accounts(communications, administrator):
    """An account that is fine, one with an administrator who has left, one whose
    administrators have all left, one past its review date, and a draft."""
    leaver = new_person(username="fritidsledare.test", unit=unit(KULTUR), role=Role.AUTHOR)
    gone = new_person(username="vikarie.test", unit=unit(KULTUR))
    RoleAssignment.objects.filter(person=leaver).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=300),
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
    )
    owner = unit(KULTUR)
    accounts = {
        "fine": live_account(owner=owner, administrators=[administrator], handle="@allaiordning"),
        "one_left": live_account(
            owner=owner, administrators=[administrator, leaver], handle="@enharslutat"
        ),
        "nobody": live_account(owner=owner, administrators=[leaver, gone], handle="@ingenkvar"),
        "overdue": live_account(
            owner=owner,
            administrators=[administrator],
            handle="@gammaltkonto",
            review_by=timezone.localdate() - datetime.timedelta(days=3),
        ),
    }
    draft = SocialMediaAccount(
        platform="facebook",
        handle="@utkastet",
        url="https://www.facebook.com/utkastet",
        owning_unit=owner,
        purpose=PURPOSE,
        audience=AUDIENCE,
        live=False,
    )
    draft.save()
    draft.administrators.set([gone])
    accounts["draft"] = draft
    return accounts


def test_W4_3_accounts_needing_attention_are_flagged(flagged_accounts):
    with translation.override("en"):
        flagged = dict(accounts_needing_attention())
    accounts = flagged_accounts
    assert accounts["fine"] not in flagged
    assert accounts["draft"] not in flagged
    assert flagged[accounts["one_left"]] == [
        "Test fritidsledare.test administers the account but no longer holds a role."
    ]
    assert flagged[accounts["nobody"]] == ["None of its administrators holds a role any more."]
    review_by = accounts["overdue"].review_by.isoformat()
    assert flagged[accounts["overdue"]] == [f"Its review date, {review_by}, has passed."]


def test_W4_3_the_report_shows_the_accounts_to_look_over(client, demo_user, flagged_accounts):
    client.force_login(demo_user("pressekreterare"))
    admin_home = client.get("/admin/").content.decode()
    assert reverse("navet_accounts_needing_attention") in admin_home
    response = client.get(reverse("navet_accounts_needing_attention"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Konton att se över" in html
    for name in ("one_left", "nobody", "overdue"):
        assert flagged_accounts[name].handle in html
    assert "@allaiordning" not in html
    assert "Test fritidsledare.test" in html

    export = client.get(reverse("navet_accounts_needing_attention") + "?export=csv")
    assert export.status_code == 200
    assert "@ingenkvar" in b"".join(export.streaming_content).decode()


def test_W4_3_the_report_is_not_for_people_without_a_role(client):
    outsider = new_person(username="utan.roll", unit=unit(KULTUR))
    client.force_login(outsider.user)
    response = client.get(reverse("navet_accounts_needing_attention"))
    assert response.status_code in (302, 403)


def test_W4_3_the_daily_command_emails_the_communications_staff(
    flagged_accounts, smtp_inbox, communications
):
    lead = with_email(
        new_person(
            username="kommunikationschef.test",
            unit=unit("Planerad kommunikation"),
            role=Role.COMMUNICATIONS_LEAD,
        )
    )
    with after_commit():
        call_command("flag_social_media_accounts", stdout=io.StringIO())
        assert smtp_inbox.messages == []  # on the queue, after the commit

    told = [message["To"] for message in smtp_inbox.messages]
    assert len(told) == len(set(told))  # one email per person
    assert lead.user.email in told
    assert "pressekreterare@linkoping.se" in told  # a communicator of the staff
    assert "chef.planerad@linkoping.se" in told
    assert "huvudredaktor.kultur@linkoping.se" not in told  # not the communications staff
    assert "kommunikationsansvarig.social@linkoping.se" not in told  # another administration's

    message = smtp_inbox.to(lead.user.email)[0]
    assert message["Subject"] == "Konton i sociala medier att se över"
    body = message.get_body().get_content()
    for name in ("one_left", "nobody", "overdue"):
        assert flagged_accounts[name].handle in body
    assert "@allaiordning" not in body
    assert "Test fritidsledare.test" in body
    assert "Hej" in body


def test_W4_3_the_command_is_quiet_when_nothing_needs_attention(smtp_inbox, communications):
    SocialMediaAccount.objects.filter(live=True).update(review_by=None)
    for account, _reasons in accounts_needing_attention():
        account.unpublish()
    with after_commit():
        call_command("flag_social_media_accounts", stdout=io.StringIO())
    assert smtp_inbox.messages == []


# The notice on the dashboard.


def test_W4_3_the_head_editor_sees_the_pending_account_on_the_dashboard(
    client, demo_user, manager, administrator
):
    account = submit(client, manager, [administrator])
    client.force_login(demo_user("huvudredaktor.kultur"))
    html = client.get("/admin/").content.decode()
    assert "Konton i sociala medier som väntar på godkännande" in html
    panel = pending_panel(client)
    assert account.handle in panel
    assert "Systemägarombudets godkännande" in panel
    assert KULTUR in panel

    client.force_login(demo_user("huvudredaktor.social"))
    assert account.handle not in pending_panel(client)

    client.force_login(demo_user("pressekreterare"))  # the communications staff
    assert account.handle in pending_panel(client)


def test_W4_3_an_approved_account_leaves_the_dashboard(client, demo_user, manager, administrator):
    account = submit(client, manager, [administrator])
    state = task_state_of(account)
    client.force_login(demo_user("kommunikationsdirektor"))
    client.post(action_url(account, "approve", state), {"comment": ""})
    client.force_login(demo_user("huvudredaktor.kultur"))
    assert account.handle not in pending_panel(client)


# The caches.


def test_W4_3_approving_an_account_purges_the_cached_list(
    client, public_client, demo_user, manager, administrator, accounts_page
):
    account = submit(client, manager, [administrator])
    public_client.get(accounts_page.url)
    cached = public_client.get(accounts_page.url)
    assert cached["X-Navet-Cache"] == "hit"
    assert HANDLE not in cached.content.decode()

    client.force_login(demo_user("kommunikationsdirektor"))
    with after_commit():
        client.post(action_url(account, "approve", task_state_of(account)), {"comment": ""})
    fresh = public_client.get(accounts_page.url)
    assert HANDLE in fresh.content.decode()
    assert public_client.get(accounts_page.url)["X-Navet-Cache"] == "hit"

    account.refresh_from_db()
    with after_commit():
        account.unpublish()
    assert HANDLE not in public_client.get(accounts_page.url).content.decode()
    assert HANDLE not in public_json(public_client, accounts_page)[0].content.decode()


def test_W4_3_the_public_page_is_accessible(
    public_client, communications, administrator, accounts_page
):
    live_account(
        owner=unit("Planerad kommunikation"),
        administrators=[administrator],
        handle="@officielltest",
        official=True,
    )
    html = public_client.get(accounts_page.url).content.decode()
    assert html.count("<h1") == 1
    assert "Officiellt konto" in html
    assert "kommun@linkoping.se" in html  # where to report a fake account
    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "<h2" in main and "<h3" in main and "<ul" in main
