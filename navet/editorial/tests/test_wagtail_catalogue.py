"""Wagtail's workflow emails about snippets reach Swedish approvers in Swedish: Navet's
catalogue has the sentences Wagtail's lacks."""

from django.utils import translation

from navet.editorial.wagtail_catalogue import SNIPPET_WORKFLOW_EMAILS


def test_every_snippet_workflow_sentence_is_swedish_with_its_placeholders():
    with translation.override("sv"):
        for sentence in SNIPPET_WORKFLOW_EMAILS:
            swedish = translation.gettext(sentence)
            assert swedish != sentence, sentence
            values = {
                name: f"<{name}>"
                for name in ("model_name", "title", "task", "workflow", "rejector", "requester")
            }
            # Every value the English sentence shows, the Swedish one shows too.
            shown = [value for value in values.values() if value in sentence % values]
            assert all(value in swedish % values for value in shown), swedish
