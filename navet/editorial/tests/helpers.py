from django.test import TestCase
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from navet.organisation.models import Unit
from navet.web.models import NewsIndexPage, NewsPage


def section_news_index(unit_name: str, *, site: str = "public") -> NewsIndexPage:
    unit = Unit.objects.get(name=unit_name)
    section = unit.public_section if site == "public" else unit.intranet_section
    return NewsIndexPage.objects.child_of(section).get()


def news_form(*, title, ingress="", also_public=False, action=None, **extra):
    data = {
        "title": title,
        "slug": slugify(title),
        "date": "2026-11-20",
        "ingress": ingress,
        "priority": "2",
        "image": "",
        "body": streamfield([]),
        "owning_unit": "",
        "contact": "",
        "review_by": "",
        "comments": inline_formset([]),
        **extra,
    }
    if also_public:
        data["also_public"] = "on"
    if action:
        data[action] = action
    return nested_form_data(data)


def create_news(client, index, **form):
    return client.post(f"/admin/pages/add/web/newspage/{index.pk}/", news_form(**form))


def draft_news(index, *, title, ingress="Det viktigaste först.", owner=None, **fields):
    page = NewsPage(title=title, ingress=ingress, owner=owner, live=False, **fields)
    index.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def after_commit():
    """Each test runs in a transaction that is rolled back, never committed: this runs what
    waits for the commit (the task queue's work) when the block ends."""
    return TestCase.captureOnCommitCallbacks(execute=True)
