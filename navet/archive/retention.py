"""Which retention decision applies to a page or a register entry (W3.7): of all the
decisions that cover it – its sections, its page type, its register – the strictest wins.
Keeping for ever beats any culling; a longer time beats a shorter one."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from .models import RetentionDecision, RetentionScope


def is_page_type(content_type: ContentType) -> bool:
    model = content_type.model_class()
    return model is not None and issubclass(model, Page)


def decisions_covering(obj) -> list[RetentionDecision]:
    if isinstance(obj, Page):
        ancestors = Page.objects.ancestor_of(obj, inclusive=True).values("pk")
        content_type = ContentType.objects.get_for_id(obj.content_type_id)
        condition = Q(scope=RetentionScope.SECTION, section__in=ancestors) | Q(
            scope=RetentionScope.PAGE_TYPE, content_type=content_type
        )
    else:
        content_types = {
            ContentType.objects.get_for_model(obj),
            ContentType.objects.get_for_model(obj, for_concrete_model=False),
        }
        # A register's entries are often subclasses of a shared base (directory entries).
        for parent in type(obj)._meta.get_parent_list():
            content_types.add(ContentType.objects.get_for_model(parent))
        condition = Q(scope=RetentionScope.REGISTER, content_type__in=content_types)
    return list(RetentionDecision.objects.filter(condition))


def decision_for(obj) -> RetentionDecision | None:
    """The strictest decision that covers `obj`, or None when no decision does (then
    nothing of it may ever be culled)."""
    decisions = decisions_covering(obj)
    if not decisions:
        return None
    return max(decisions, key=lambda decision: (*decision.strictness(), -decision.pk))
