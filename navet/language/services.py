"""The review engine applied to Wagtail pages, with the infomaster's settings."""

from html import escape

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from wagtail.fields import RichTextField

from . import engine
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
        file_size = document.get_file_size()
        size = f", {filesizeformat(file_size)}" if file_size else ""
        return (
            f'<p><a href="{document.url}">{escape(title)} '
            f"({document.file_extension.upper()}{size})</a></p>"
        )
    if kind == "fact_box":
        return f"<aside><h2>{escape(value['heading'])}</h2>{value['text'].source}</aside>"
    return ""


def page_html(page) -> str:
    """What the reader of the page reads: the title, the introduction or ingress, the body."""
    parts = [f"<h1>{escape(page.title)}</h1>"]
    for field in ("intro", "ingress"):
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
    from navet.editorial.models import EditorialSettings

    overrides = severity_overrides()
    # The language rules are for Swedish; translations get the markup checks only.
    swedish = getattr(getattr(page, "locale", None), "language_code", "sv") == "sv"
    result = engine.review(
        page_html(page),
        profile=profile_for(page),
        jargon=jargon_terms(),
        severities=overrides,
        language_rules=swedish,
    )
    ingress = getattr(page, "ingress", "")
    if ingress:
        result.findings.extend(
            engine.review_ingress(
                ingress,
                max_length=EditorialSettings.load().ingress_max_length,
                severities=overrides,
            )
        )
    return result


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
