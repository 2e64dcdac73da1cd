"""The demo's governance registers (W4.3, W3.6, K5): Linköping's four official accounts,
live and owned by the communications staff; an administration's account waiting for the
system owner's delegate; the own domain with one exception in force and one expired; the
common channels with their audiences; the public list of official accounts. Loaded
idempotently."""

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, TaskState

from navet.demo.governance import CHANNELS
from navet.demo.services import load_demo
from navet.governance.models import (
    Channel,
    ChannelAudience,
    DomainException,
    GovernanceSettings,
    OfficialAccountsPage,
    OwnDomain,
    Platform,
    SocialMediaAccount,
)
from navet.organisation.models import Person, RoleAssignment
from navet.organisation.roles import Role
from navet.web.models import StartPage

pytestmark = pytest.mark.django_db


def test_K2_demo_has_a_municipal_director_and_a_manager_of_culture():
    director = Person.objects.get(user__username="kommundirektor")
    assert director.title == "Kommundirektör"
    assert (
        RoleAssignment.objects.active()
        .filter(
            person=director, role=Role.MUNICIPAL_DIRECTOR, unit__name="Kommunledningsförvaltningen"
        )
        .exists()
    )
    manager = Person.objects.get(user__username="chef.kultur")
    assert (
        RoleAssignment.objects.active()
        .filter(person=manager, role=Role.MANAGER, unit__name="Kultur- och fritidsförvaltningen")
        .exists()
    )


def test_W4_3_demo_official_accounts_are_live_and_owned_by_communications():
    communications = GovernanceSettings.load().communications_unit
    assert communications.name == "Kommunikations- och utvecklingsstaben"
    official = SocialMediaAccount.objects.filter(official=True)
    assert {(account.platform, account.url) for account in official} == {
        (Platform.FACEBOOK, "https://www.facebook.com/linkopingskommun"),
        (Platform.INSTAGRAM, "https://www.instagram.com/linkopingskommun/"),
        (Platform.LINKEDIN, "https://www.linkedin.com/company/linkopings-kommun/"),
        (Platform.YOUTUBE, "https://www.youtube.com/@linkopingskommun"),
    }
    for account in official:
        assert account.live and account.live_revision_id, account
        assert not account.workflow_in_progress, account
        assert account.owning_unit == communications, account
        assert account.review_by > timezone.localdate(), account
        assert account.purpose and account.audience, account
        administrators = list(account.administrators.all())
        assert administrators, account
        for person in administrators:
            assert communications in person.unit.ancestors(), person
        account.full_clean()  # what the register itself would accept


def test_W4_3_demo_unit_account_waits_for_the_system_owners_delegate():
    account = SocialMediaAccount.objects.get(handle="@kulturhusetlinkoping")
    assert not account.live and not account.official
    assert account.owning_unit.name == "Kultur- och fritidsförvaltningen"
    assert account.workflow_in_progress
    state = account.current_workflow_task_state
    assert state.task.name == "Systemägarombudets godkännande"
    manager_step = TaskState.objects.get(
        workflow_state=state.workflow_state, task__name="Enhetschefens beslut"
    )
    assert manager_step.status == TaskState.STATUS_APPROVED
    assert manager_step.finished_by.username == "chef.kultur"
    delegate = Person.objects.get(user__username="kommunikationsdirektor").user
    assert state.task.specific.user_is_approver(account, delegate)


def test_W3_6_demo_domain_and_exceptions():
    assert OwnDomain.objects.filter(name="linkoping.se").exists()
    in_force = DomainException.objects.in_force()
    assert [exception.domain for exception in in_force] == ["sommarlinkoping.se"]
    approved = in_force.get()
    assert approved.decision_reference == "KS 2025-0412"
    assert "demon" in approved.purpose
    assert (approved.expires_on - timezone.localdate()).days >= 300
    assert ModelLogEntry.objects.filter(
        object_id=str(approved.pk),
        action="wagtail.workflow.approve",
        user__username="kommundirektor",
    ).exists()
    expired = DomainException.objects.get(domain="kulturnattenlinkoping.se")
    assert expired.live and expired.expires_on < timezone.localdate()
    assert "demon" in expired.purpose


def test_K5_demo_channels_with_audiences_digital_first():
    assert set(ChannelAudience.objects.values_list("name", flat=True)) >= {
        "Invånare",
        "Medarbetare",
        "Chefer",
        "Media",
        "Företag",
    }
    channels = {channel.name: channel for channel in Channel.objects.all()}
    assert set(channels) >= {data["name"] for data in CHANNELS}
    assert len({data["kind"] for data in CHANNELS}) == 7
    for channel in channels.values():
        assert channel.audiences.exists(), channel
    crisis = {name for name, channel in channels.items() if channel.primary_in_crisis}
    assert crisis == {"Externa webbplatsen linkoping.se", "Intranätet Linweb med Chefsportalen"}
    # Digital first: for every audience the first channel by priority is digital.
    for audience in ChannelAudience.objects.all():
        first = audience.channels.order_by("priority", "name").first()
        assert first is None or first.is_digital, audience
    assert Channel.objects.filter(is_digital=False).exists()  # complements


def test_W4_3_demo_official_accounts_page_is_live_under_the_public_start():
    page = OfficialAccountsPage.objects.get(slug="officiella-konton")
    assert page.live and page.title == "Kommunens officiella konton"
    assert page.get_parent().pk == StartPage.main("public").pk
    assert page.url_path.endswith("/officiella-konton/")


def _counts():
    models = [
        SocialMediaAccount,
        DomainException,
        OwnDomain,
        Channel,
        ChannelAudience,
        Person,
        Page,
        TaskState,
        ModelLogEntry,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_W4_3_demo_governance_loads_idempotently():
    before = _counts()
    load_demo(password=settings.NAVET_DEMO_PASSWORD)
    assert _counts() == before
