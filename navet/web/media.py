"""Uploaded files of both sites (images, renditions, documents), served by Django only after
the same checks as the content they belong to."""

import posixpath

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views.static import serve
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def restrictions_refuse(request, collection) -> bool:
    """Whether the collection (or one above it) has a view restriction this request fails."""
    return any(
        not restriction.accept_request(request)
        for restriction in collection.get_view_restrictions()
    )


def _collection_for_media_path(path: str):
    """The collection that decides who may read a stored file, or None for files Navet does
    not know (which are never served)."""
    Image = get_image_model()
    if path.startswith("original_images/"):
        image = Image.objects.filter(file=path).select_related("collection").first()
        return image.collection if image else None
    if path.startswith("images/"):
        rendition = (
            Image.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image__collection")
            .first()
        )
        return rendition.image.collection if rendition else None
    if path.startswith("documents/"):
        document = _document(path)
        return document.collection if document else None
    return None


def _document(path: str):
    return get_document_model().objects.filter(file=path).select_related("collection").first()


def refused_by_hooks(request, path: str) -> HttpResponse | None:
    """A document's stored file is another address of the document: Wagtail's
    `before_serve_document` hooks (a higher app's rules for its own documents) apply here
    as at /documents/."""
    if not path.startswith("documents/"):
        return None
    document = _document(path)
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    return None


def serve_media(request, path):
    """An image or document in a login-restricted collection (the intranet's) needs login
    whichever host asks for it."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised != path or normalised.startswith(".."):
        raise Http404
    collection = _collection_for_media_path(normalised)
    if collection is None:
        raise Http404
    if restrictions_refuse(request, collection):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    refusal = refused_by_hooks(request, normalised)
    if refusal is not None:
        return refusal
    response = serve(request, normalised, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = (
        "private, no-store" if collection.get_view_restrictions() else "public, max-age=86400"
    )
    return response
