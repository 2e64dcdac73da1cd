"""W3.3b: news for both internal and external readers is written on the intranet; its
public version, in the unit's public news, follows the intranet version and is published
right after it (on the task queue, after the intranet version's commit)."""

import logging

from django.utils.text import slugify

from navet.editorial.rules import resolve_owning_unit

from .models import NewsIndexPage, NewsPage, StartPage

logger = logging.getLogger(__name__)
MIRRORED_FIELDS = ("title", "ingress", "body", "date", "priority", "image", "contact")


def public_news_index(*, original):
    """The news index of the public section of the original's unit (or the nearest unit
    above that has one), else the public start page's news."""
    unit = resolve_owning_unit(original)
    for candidate in unit.ancestors() if unit else []:
        if candidate.public_section_id:
            index = NewsIndexPage.objects.descendant_of(candidate.public_section).live().first()
            if index:
                return index
            break
    public_start = StartPage.main("public")
    return NewsIndexPage.objects.child_of(public_start).first() if public_start else None


def _free_slug(*, parent, slug):
    candidate, number = slug, 2
    while parent.get_children().filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _mirror(*, original, public):
    for field in MIRRORED_FIELDS:
        setattr(public, field, getattr(original, field))
    # An image kept in the intranet's collections would need login on the public site.
    if public.image_id and public.image.collection.get_view_restrictions().exists():
        public.image = None


def sync_public_version(*, original, user=None):
    """Create or update the public version of `original` and publish it."""
    original = original.specific
    public = NewsPage.objects.filter(internal_original=original).first()
    if public is None:
        index = public_news_index(original=original)
        if index is None:
            logger.warning("No public news index for %s; public version not created.", original)
            return None
        public = NewsPage(
            slug=_free_slug(parent=index, slug=original.slug or slugify(original.title)),
            internal_original=original,
            owning_unit=resolve_owning_unit(original),
            live=False,
        )
        _mirror(original=original, public=public)
        index.add_child(instance=public)
    else:
        public = public.get_latest_revision_as_object()
        _mirror(original=original, public=public)
    public.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return public
