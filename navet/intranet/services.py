from django.db import transaction
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction


@transaction.atomic
def protect_page_tree(*, page) -> PageViewRestriction:
    """Rule W3.2: everything below the intranet start page requires login, wherever it is
    reached from."""
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=BaseViewRestriction.LOGIN
    ).first()
    return restriction or PageViewRestriction.objects.create(
        page=page, restriction_type=BaseViewRestriction.LOGIN
    )


@transaction.atomic
def protect_collection(*, collection) -> CollectionViewRestriction:
    """Images and documents in an intranet collection require login (W3.2)."""
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    ).first()
    return restriction or CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
