"""K4 in the demo: the four function mailboxes of the communications staff (K2), each with
its handling unit, its decided process and cases with their threads."""

import pytest

from navet.cases.models import FunctionMailbox
from navet.demo.cases import load_cases
from navet.organisation.models import Unit

pytestmark = pytest.mark.django_db


def test_k4_the_demo_has_the_four_mailboxes_each_with_cases():
    mailboxes = {mailbox.name: mailbox for mailbox in FunctionMailbox.objects.all()}
    assert set(mailboxes) >= {"Media", "Kris", "Webbutveckling", "Grafisk produktion"}
    assert mailboxes["Kris"].handling_unit.name == "Nyheter och media"
    assert mailboxes["Webbutveckling"].handling_unit.name == "Planerad kommunikation"
    for name in ("Media", "Kris", "Webbutveckling", "Grafisk produktion"):
        mailbox = mailboxes[name]
        assert mailbox.initial_status() is not None
        assert mailbox.statuses.filter(closes_case=True).exists()
        assert mailbox.taking_roles.exists()
        assert mailbox.cases.exists()
    answered = mailboxes["Media"].cases.get(reference="K-DE000001")
    replies = list(answered.messages.order_by("created_at"))
    assert [message.direction for message in replies] == ["in", "out", "in"]
    assert replies[1].in_reply_to == replies[0].message_id


def test_k4_loading_the_demo_again_changes_nothing():
    before = {m.pk: m.cases.count() for m in FunctionMailbox.objects.all()}
    load_cases(units={unit.name: unit for unit in Unit.objects.all()})
    assert {m.pk: m.cases.count() for m in FunctionMailbox.objects.all()} == before
