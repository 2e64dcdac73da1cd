"""Writes of the archive (W3.7): recording a publication, capturing it, culling."""

import logging
import traceback

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision

from . import capture as capturing
from .models import Capture, CaptureStatus
from .retention import decision_for

logger = logging.getLogger(__name__)


def _display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def publisher_of(obj, revision) -> object | None:
    """Who published `revision`: the user in its publish log entry (a scheduled publish has
    none: then the one who saved the revision)."""
    if revision is None:
        return None
    entry = (
        log_registry.get_logs_for_instance(obj)
        .filter(revision=revision, action="wagtail.publish")
        .exclude(user=None)
        .order_by("-timestamp")
        .first()
    )
    return entry.user if entry else revision.user


def record_publication(*, obj, revision) -> Capture | None:
    """Called as `obj` is published: note the new version and capture it after the commit.
    Never lets an error reach the publishing that called it."""
    from navet.tasks import enqueue_after_commit

    from .tasks import capture_published_version

    try:
        with transaction.atomic():
            key = capturing.object_key(obj)
            now = timezone.now()
            Capture.objects.filter(**key, superseded_at__isnull=True).update(superseded_at=now)
            record = Capture.objects.create(
                **key,
                page=obj if isinstance(obj, Page) else None,
                revision=revision,
                revision_number=revision.pk if revision else None,
                title=str(obj)[:255],
                unit_id=getattr(obj, "owning_unit_id", None),
                published_at=now,
            )
    except Exception:
        logger.exception("Archive: could not record the publication of %r", obj)
        return None
    enqueue_after_commit(capture_published_version, record.pk)
    return record


def record_withdrawal(*, obj) -> None:
    """An unpublished object's last version is replaced by nothing: its time starts."""
    try:
        key = capturing.object_key(obj)
        Capture.objects.filter(**key, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
    except Exception:
        logger.exception("Archive: could not record the withdrawal of %r", obj)


def archived_object(record: Capture):
    model = ContentType.objects.get_for_id(record.content_type_id).model_class()
    if model is None:
        return None
    obj = model._default_manager.filter(pk=record.object_id).first()
    if isinstance(obj, Page):
        obj = obj.specific
    return obj


def _metadata(record: Capture, *, obj, urls: list[str]) -> dict:
    decision = record.decision
    return {
        "object": f"{record.content_type.app_label}.{record.content_type.model}:{record.object_id}",
        "type": obj._meta.label if obj is not None else "",
        "title": record.title,
        "url": record.url,
        "addresses": urls,
        "site": record.site,
        "page_id": record.page_id,
        "revision_id": record.revision_number,
        "published_at": record.published_at,
        "publisher": record.publisher_name,
        "publisher_id": record.publisher_id,
        "owning_unit": str(record.unit) if record.unit_id else "",
        "retention_decision": (
            {
                "title": decision.title,
                "reference": decision.reference,
                "legal_basis": decision.legal_basis,
                "keep_forever": decision.keep_forever,
                "cull_after_years": decision.cull_after_years,
            }
            if decision
            else None
        ),
        "captured_by": "Navet",
    }


def perform_capture(*, record: Capture) -> Capture:
    """Write the WARC file of `record`: what its readers were served, and what it is."""
    obj = archived_object(record)
    if obj is None:
        raise LookupError(f"{record.content_type} {record.object_id} no longer exists")
    revision = record.revision
    publisher = publisher_of(obj, revision)
    decision = decision_for(obj)
    urls = capturing.reader_urls(obj)
    record.publisher = publisher
    record.publisher_name = _display_name(publisher)
    record.decision = decision
    record.decision_text = (
        f"{decision.title}, {decision.reference}: {decision.summary}"[:400] if decision else ""
    )
    record.url = urls[0] if urls else ""
    record.site = ("intranet" if capturing.is_intranet_url(urls[0]) else "public") if urls else ""
    snapshots = [capturing.take_snapshot(url) for url in urls]
    failed = [
        f"{s.page.url} ({s.page.status})"
        for s in snapshots
        if s.page is not None and s.page.status != 200
    ]
    if failed:
        raise RuntimeError(f"the readers' address answered with an error: {', '.join(failed)}")
    resources = []
    if revision is not None and not isinstance(obj, Page):
        # A register entry's own content, as published, beside the pages that show it.
        import json

        from django.core.serializers.json import DjangoJSONEncoder

        resources.append(
            (
                f"urn:navet:revision:{revision.pk}",
                "application/json",
                json.dumps(revision.content, cls=DjangoJSONEncoder, ensure_ascii=False).encode(),
            )
        )
    relative = (
        f"{record.published_at:%Y/%m}/navet-{record.pk}-{record.revision_number or 0}.warc.gz"
    )
    path = capturing.archive_root() / relative
    capturing.write_warc(
        path=path,
        snapshots=snapshots,
        metadata=_metadata(record, obj=obj, urls=urls),
        resources=resources,
    )
    record.warc_file = relative
    record.size = path.stat().st_size
    record.sha256 = capturing.sha256_of(path)
    record.status = CaptureStatus.CAPTURED
    record.captured_at = timezone.now()
    record.error = ""
    record.save()
    return record


def capture_now(*, record: Capture) -> Capture:
    """One attempt; a failure is recorded on the capture and raised (to be retried)."""
    record.attempts += 1
    record.save(update_fields=["attempts"])
    try:
        return perform_capture(record=record)
    except Exception as error:
        Capture.objects.filter(pk=record.pk).update(
            status=CaptureStatus.FAILED,
            error=f"{error!r}\n{traceback.format_exc(limit=5)}"[:4000],
        )
        raise


def capture_live(*, obj) -> Capture | None:
    """Capture the live version of `obj` now, e.g. when the archive starts on a site that
    has been published before."""
    if isinstance(obj, Page):
        obj = obj.specific
    revision = getattr(obj, "live_revision", None)
    record = Capture.objects.filter(**capturing.object_key(obj), revision=revision).first()
    if record is not None and record.status == CaptureStatus.CAPTURED:
        return record
    if record is None:
        record = Capture.objects.create(
            **capturing.object_key(obj),
            page=obj if isinstance(obj, Page) else None,
            revision=revision,
            revision_number=revision.pk if revision else None,
            title=str(obj)[:255],
            unit_id=getattr(obj, "owning_unit_id", None),
            published_at=getattr(obj, "last_published_at", None) or timezone.now(),
        )
    return capture_now(record=record)


# Culling ------------------------------------------------------------------------------


class NoDecisionAllowsCulling(PermissionDenied):
    pass


def _page_revisions_to_cull(record: Capture) -> list[int]:
    """The page's revisions up to the one this capture kept, except those still in use."""
    if record.revision is None or record.page_id is None:
        return []
    page = record.page
    if page is None:
        return []
    keep = {page.live_revision_id, page.latest_revision_id}
    return list(
        Revision.page_revisions.filter(
            object_id=str(page.pk), created_at__lte=record.revision.created_at
        )
        .exclude(pk__in=[pk for pk in keep if pk])
        .values_list("pk", flat=True)
    )


def cull(*, records, user, today=None) -> int:
    """Remove the given captures and the page revisions they replace, each under a decision
    that allows it and is due; logged in the audit log of each object. Refuses – nothing
    removed – if any is not allowed, or if `user` may not cull it."""
    from .permissions import user_can_cull

    today = today or timezone.localdate()
    records = list(records)
    for record in records:
        due = record.cull_due_on()
        if record.decision is None or record.decision.keep_forever or due is None:
            raise NoDecisionAllowsCulling(
                _("“%(title)s” may not be culled: no retention decision allows it (W3.7).")
                % {"title": record.title}
            )
        if due > today:
            raise NoDecisionAllowsCulling(
                _("“%(title)s” may be culled from %(date)s, not before.")
                % {"title": record.title, "date": due.isoformat()}
            )
        if not user_can_cull(user, record):
            raise PermissionDenied(
                _("You may not cull “%(title)s”: it belongs to another unit.")
                % {"title": record.title}
            )
    files = []
    with transaction.atomic():
        for record in records:
            revisions = _page_revisions_to_cull(record)
            obj = archived_object(record)
            data = {
                "capture": record.pk,
                "published_at": record.published_at.isoformat(),
                "revisions": revisions,
                "decision": record.decision.reference,
                "legal_basis": record.decision.legal_basis,
                "warc_sha256": record.sha256,
            }
            if obj is not None:
                log(instance=obj, action="navet_archive.cull", user=user, data=data)
            Revision.objects.filter(pk__in=revisions).delete()
            if record.warc_file:
                files.append(capturing.archive_root() / record.warc_file)
            record.delete()

        def remove_files():
            for path in files:
                path.unlink(missing_ok=True)

        transaction.on_commit(remove_files)
    return len(records)
