"""The decision log of the registers (W4.3, W3.6, K5) for the web council: every request,
decision, refusal and change to the social media accounts, the domain exceptions and the
channels, from Wagtail's audit log – who, when, the step, the reason and the decision's
reference."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import force_str
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry

from .models import Channel, DomainException, SocialMediaAccount

REGISTERS = (SocialMediaAccount, DomainException, Channel)


def register_content_types() -> list[ContentType]:
    by_model = ContentType.objects.get_for_models(*REGISTERS, for_concrete_models=False)
    return [by_model[model] for model in REGISTERS]


def register_log_entries():
    """The audit log entries of the three registers, newest first."""
    return (
        ModelLogEntry.objects.filter(content_type__in=register_content_types())
        .select_related("user", "content_type")
        .order_by("-timestamp", "-pk")
    )


def action_label(action: str) -> str:
    """Wagtail's label for an action ("Approve", translated), or the action's name for an
    action nobody registers any more."""
    log_action_registry.scan_for_actions()
    try:
        return force_str(log_action_registry.get_action_label(action))
    except KeyError:
        return action


@dataclass
class Decision:
    """One line of the decision log."""

    entry: ModelLogEntry
    register: str
    object_label: str
    action_label: str
    who: str
    step: str
    comment: str
    decision_reference: str
    edit_url: str = ""

    @property
    def timestamp(self):
        return self.entry.timestamp

    @property
    def action(self) -> str:
        return self.entry.action


def step_of(entry) -> str:
    """The approval chain's step a workflow action was taken in, e.g. "Kommundirektörens
    beslut"."""
    workflow = (entry.data or {}).get("workflow") or {}
    task = workflow.get("task") or {}
    return task.get("title", "") or ""


def comment_of(entry) -> str:
    """The approver's comment or the reason for a refusal (`data["comment"]` of a workflow
    action), or what the action's formatter gives as its comment."""
    comment = (entry.data or {}).get("comment")
    if comment:
        return force_str(comment)
    try:
        return force_str(entry.comment or "")
    except (KeyError, TypeError, AttributeError):
        return ""


def describe(entries, *, url_finder=None) -> list[Decision]:
    """The log lines of `entries` (a page of them: their objects are loaded together), with
    the objects' admin URLs when a `url_finder` (Wagtail's AdminURLFinder) is given."""
    entries = list(entries)
    objects = {}
    ids_by_model = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None:
            ids_by_model.setdefault(model, set()).add(entry.object_id)
    for model, ids in ids_by_model.items():
        for instance in model._default_manager.filter(pk__in=ids):
            objects[(model, str(instance.pk))] = instance
    decisions = []
    for entry in entries:
        model = entry.content_type.model_class()
        instance = objects.get((model, str(entry.object_id)))
        register = force_str(model._meta.verbose_name_plural) if model else ""
        decisions.append(
            Decision(
                entry=entry,
                register=register[:1].upper() + register[1:],
                object_label=entry.label,
                action_label=action_label(entry.action),
                who=force_str(entry.user_display_name),
                step=step_of(entry),
                comment=comment_of(entry),
                decision_reference=getattr(instance, "decision_reference", "") or "",
                edit_url=(url_finder.get_edit_url(instance) or "")
                if url_finder is not None and instance is not None
                else "",
            )
        )
    return decisions
