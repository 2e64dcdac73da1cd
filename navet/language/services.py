"""The review engine applied to Wagtail pages, with the infomaster's settings."""

from functools import lru_cache
from html import escape

from django.db import transaction
from django.utils import timezone
from wagtail.fields import RichTextField

from . import engine
from .documents import document_label
from .domains import own_domains
from .models import JargonTerm, PageLanguageReview, RuleSeverity


def severity_overrides() -> dict:
    return dict(RuleSeverity.objects.values_list("rule", "severity"))


def jargon_terms() -> list:
    return [
        engine.JargonTerm(term, explanation)
        for term, explanation in JargonTerm.objects.values_list("term", "explanation")
    ]


def _block_html(block) -> str:
    """The reviewable HTML of one StreamField block, without rendering images."""
    kind, value = block.block_type, block.value
    if kind == "heading":
        return f"<{value['level']}>{escape(value['text'])}</{value['level']}>"
    if kind == "paragraph":
        return value.source
    if kind == "image":
        if getattr(value, "decorative", False):
            return '<img alt="">'
        alt = getattr(value, "contextual_alt_text", None)
        return f'<img alt="{escape(alt)}">' if alt else "<img>"
    if kind == "document":
        # As the block's template renders it: title, then file type and size.
        document = value["document"]
        title = value["title"] or document.title
        label = document_label(document)
        return f'<p><a href="{document.url}">{escape(title)} {escape(label)}</a></p>'
    if kind == "fact_box":
        return f"<aside><h2>{escape(value['heading'])}</h2>{value['text'].source}</aside>"
    return ""


def page_html(page) -> str:
    """What the reader of the page reads: the title, the introduction or ingress, the body."""
    parts = [f"<h1>{escape(page.title)}</h1>"]
    # Plain text fields other models ask to have reviewed (a provider's assignment).
    for field in ("intro", "ingress", *getattr(page, "reviewed_text_fields", ())):
        text = getattr(page, field, "")
        if text:
            parts.append(f"<p>{escape(text)}</p>")
    body = getattr(page, "body", None)
    if body:
        parts.extend(_block_html(block) for block in body)
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField):
            parts.append(getattr(page, field.name) or "")
    return "\n".join(parts)


def profile_for(page):
    return engine.EASY_TO_READ if getattr(page, "is_easy_to_read", False) else engine.STANDARD


def review_page(page) -> engine.Review:
    """The findings for the page as it is now (a draft or the live version). The review is
    remembered for the same content and settings, so one publish reviews once although the
    form, the publish guard and the published signal all ask. Do not change the result."""
    # The language rules are for Swedish; translations get the markup checks only.
    swedish = getattr(getattr(page, "locale", None), "language_code", "sv") == "sv"
    return _review(
        page_html(page),
        getattr(page, "ingress", "") or "",
        profile_for(page),
        tuple(jargon_terms()),
        tuple(sorted(severity_overrides().items())),
        swedish,
        tuple(sorted(own_domains())),
    )


@lru_cache(maxsize=64)
def _review(html, ingress, profile, jargon, severities, language_rules, domains) -> engine.Review:
    overrides = dict(severities)
    result = engine.review(
        html,
        profile=profile,
        jargon=list(jargon),
        severities=overrides,
        language_rules=language_rules,
        own_domains=domains,
    )
    if ingress:
        result.findings.extend(engine.review_ingress(ingress, severities=overrides))
    return result


def publishing_errors(page, *, parent=None, publishing=True) -> list[tuple]:
    """A publishing check (see navet.editorial.checks): error-level findings block
    publishing. A submission may carry them: the workflow's Språkgranskning holds it."""
    if not publishing or not getattr(page, "plain_language_review", False):
        return []
    return [(finding.rule, None, finding.message) for finding in review_page(page).errors]


@transaction.atomic
def record_review(page) -> PageLanguageReview:
    result = review_page(page)
    record, _ = PageLanguageReview.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "lix": result.lix,
            "band": result.band,
            "words": result.words,
            "sentences": result.sentences,
            "errors": result.count(engine.Severity.ERROR),
            "warnings": result.count(engine.Severity.WARNING),
            "advice": result.count(engine.Severity.ADVICE),
            "reviewed_at": timezone.now(),
        },
    )
    return record
