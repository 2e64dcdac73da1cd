"""Loading the demo municipality. Idempotent: what exists is left as it is (so edits made
while trying Navet survive a second `make run`), what is missing is created."""

import datetime
import io
import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from navet.intranet.services import protect_collection
from navet.organisation import services as organisation_services
from navet.organisation.models import Person, RoleAssignment, Unit
from navet.web.models import (
    AccessibilityStatementPage,
    Audience,
    ContentPage,
    NewsIndexPage,
    NewsPage,
    Priority,
    SectionPage,
    StartPage,
)
from navet.web.services import configure_sites

from . import content, organisation
from .archive import load_archive
from .cases import load_cases
from .crisis import load_crisis
from .directories import load_directories
from .forums import load_forums
from .governance import load_governance
from .media import make_image, make_pdf
from .press import load_press

DEMO_START = datetime.date(2024, 1, 1)


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, short_name, kind, parent, email, phone in organisation.UNITS:
        unit = Unit.objects.filter(name=name).first()
        if unit is None:
            unit = Unit.objects.create(
                name=name,
                short_name=short_name,
                kind=kind,
                parent=units[parent] if parent else None,
                email=email,
                phone=phone,
            )
        units[name] = unit
    return units


def _collection(*, name: str, parent: Collection) -> Collection:
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def _start_page(*, audience: str, data: dict, owner: Unit) -> StartPage:
    page = StartPage.main(audience)
    if page is None:
        root = Page.get_first_root_node()
        page = root.add_child(
            instance=StartPage(
                title=data["title"],
                slug="intranat" if audience == Audience.INTRANET else "start",
                intro=data["intro"],
                audience=audience,
                owning_unit=owner,
            )
        )
        page.save_revision().publish()
    return page


def _remove_wagtail_welcome_page() -> None:
    """A fresh Wagtail install has a placeholder page; the demo's start pages replace it."""
    for page in Page.objects.filter(depth=2, content_type__model="page"):
        if page.specific_class is Page:
            page.delete()


def _body(blocks, *, documents, images) -> str:
    stream = []
    for block in blocks:
        kind = block[0]
        if kind == "h2":
            stream.append({"type": "heading", "value": {"text": block[1], "level": "h2"}})
        elif kind == "p":
            stream.append({"type": "paragraph", "value": block[1]})
        elif kind == "fact":
            stream.append({"type": "fact_box", "value": {"heading": block[1], "text": block[2]}})
        elif kind == "doc":
            stream.append({"type": "document", "value": {"document": documents[block[1]].pk}})
        elif kind == "img":
            image = images[block[1]]
            stream.append(
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": image.default_alt_text},
                }
            )
    return json.dumps(stream)


def _publish(*, parent: Page, page: Page, when: datetime.datetime) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    changes = {"first_published_at": when, "last_published_at": when}
    if overdue_days := content.OVERDUE_PAGES.get(page.title):
        changes["review_by"] = timezone.localdate() - datetime.timedelta(days=overdue_days)
    type(page).objects.filter(pk=page.pk).update(**changes)
    page.refresh_from_db()
    return page


def _slug(title: str) -> str:
    return slugify(
        title.lower().replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
    )


def _media(*, public: Collection, intranet: Collection) -> tuple[dict, dict]:
    Document = get_document_model()
    Image = get_image_model()
    collections = {"public": public, "intranet": intranet}
    documents = {}
    for key, (title, filename, where, lines) in content.DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            data = make_pdf(lines=lines)
            document = Document(title=title, collection=collections[where], file_size=len(data))
            document.file.save(filename, ContentFile(data), save=False)
            document.save()
        documents[key] = document
    images = {}
    for key, (title, where, colour, alt_text) in content.IMAGES.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(
                title=title,
                collection=collections[where],
                description=alt_text,
                file=ImageFile(io.BytesIO(make_image(colour=colour)), name=f"{key}.jpg"),
            )
            image.save()
        images[key] = image
    return documents, images


def _sections(*, start: StartPage, sections: dict, units, site: str):
    now = timezone.now()
    owned = {}
    for owner_name, (public_title, intranet_title) in organisation.SECTION_OWNERS.items():
        title = public_title if site == "public" else intranet_title
        owned[owner_name] = _publish(
            parent=start,
            page=SectionPage(
                title=title,
                slug=_slug(title),
                intro=sections[owner_name]["intro"],
                owning_unit=units[owner_name],
                show_in_menus=True,
            ),
            when=now - datetime.timedelta(days=200),
        )
    return owned


def _section_news_indexes(*, owned) -> dict:
    indexes = {}
    for owner_name, section in owned.items():
        indexes[owner_name] = _publish(
            parent=section,
            page=NewsIndexPage(
                title="Nyheter", slug="nyheter", intro=f"Nyheter från {section.title}."
            ),
            when=timezone.now() - datetime.timedelta(days=300),
        )
    return indexes


def _content_pages(*, sections, owned, documents, images, contacts):
    now = timezone.now()
    for owner_name, data in sections.items():
        section = owned[owner_name]
        for offset, (title, intro, blocks) in enumerate(data["pages"]):
            when = now - datetime.timedelta(days=90 + offset * 7)
            page = _publish(
                parent=section,
                page=ContentPage(
                    title=title,
                    slug=_slug(title),
                    intro=intro,
                    body=_body(blocks, documents=documents, images=images),
                    contact=contacts.get(owner_name),
                ),
                when=when,
            )
            if title in content.EASY_TO_READ and page.easy_to_read_version_id is None:
                easy_title, easy_intro, easy_blocks = content.EASY_TO_READ[title]
                page.easy_to_read_version = _publish(
                    parent=page,
                    page=ContentPage(
                        title=easy_title,
                        slug=_slug(easy_title),
                        intro=easy_intro,
                        body=_body(easy_blocks, documents=documents, images=images),
                        contact=contacts.get(owner_name),
                        is_easy_to_read=True,
                        show_in_menus=False,
                    ),
                    when=when,
                )
                page.save_revision().publish()


def _news(
    *, start: StartPage, items, units, intro: str, owner: Unit, section_indexes, also_public=False
):
    """News of an administration goes in its own section's news; the rest in the site's."""
    today = timezone.localdate()
    index = _publish(
        parent=start,
        page=NewsIndexPage(
            title="Nyheter", slug="nyheter", intro=intro, owning_unit=owner, show_in_menus=True
        ),
        when=timezone.now() - datetime.timedelta(days=365),
    )
    published = {}
    for title, ingress, body, days_ago, owner_name in items:
        date = today - datetime.timedelta(days=days_ago)
        published[title] = _publish(
            parent=section_indexes.get(owner_name, index),
            page=NewsPage(
                title=title,
                slug=_slug(title),
                date=date,
                ingress=ingress,
                body=json.dumps([{"type": "paragraph", "value": body}]),
                owning_unit=units[owner_name],
                priority=(
                    Priority.IMPORTANT_FOR_MANY
                    if title in content.IMPORTANT_NEWS
                    else Priority.NORMAL
                ),
                also_public=also_public,
            ),
            when=timezone.make_aware(datetime.datetime.combine(date, datetime.time(9))),
        )
    return published


def _people(*, units, password: str) -> dict[str, Person]:
    User = get_user_model()
    people = {}
    for username, first, last, title, unit_name, roles in organisation.PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@linkoping.se",
            )
            user.set_password(password)
            user.save()
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                user=user,
                first_name=first,
                last_name=last,
                title=title,
                unit=units[unit_name],
                email=user.email,
                phone="013-20 60 00",
            )
        for role, role_unit in roles:
            RoleAssignment.objects.get_or_create(
                person=person,
                role=role,
                unit=units[role_unit],
                defaults={"valid_from": DEMO_START},
            )
        people[username] = person
    return people


def _identities():
    from wagtail.models import Site

    from navet.web.models import SiteIdentity

    for site in Site.objects.all():
        identity = SiteIdentity.for_site(site)
        changed = False
        for field, value in content.IDENTITY.items():
            if not getattr(identity, field):
                setattr(identity, field, value)
                changed = True
        if changed:
            identity.save()


def _statements(*, starts: dict, owner: Unit):
    for audience, data in content.STATEMENTS.items():
        start = starts[audience]
        if AccessibilityStatementPage.objects.child_of(start).exists():
            continue
        _publish(
            parent=start,
            page=AccessibilityStatementPage(
                title=data["title"],
                slug="tillganglighetsredogorelse",
                organisation_name=organisation.MUNICIPALITY,
                service_name=data["service_name"],
                compliance_status=data["status"],
                non_compliant_content=data["non_compliant"],
                unreasonable_burden=data["burden"],
                outside_scope=data["outside"],
                evaluation_method=data["method"],
                assessment_date=datetime.date(2026, 9, 15),
                last_updated=datetime.date(2026, 11, 1),
                feedback_email=data["email"],
                owning_unit=owner,
            ),
            when=timezone.now() - datetime.timedelta(days=60),
        )


def _translate(page, *, locale, title, intro, slug, body=None):
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    translated.title = title
    translated.intro = intro
    translated.slug = slug
    if body is not None:
        translated.body = json.dumps([{"type": "paragraph", "value": body}])
    translated.save_revision().publish()
    return translated


def _translations(*, public_start, public_sections):
    section = public_sections["Kommunledningsförvaltningen"]
    contact = ContentPage.objects.child_of(section).get(slug="kontakta-kommunen")
    for code, texts in content.TRANSLATIONS.items():
        locale, _ = Locale.objects.get_or_create(language_code=code)
        title, intro = texts["start"]
        _translate(public_start, locale=locale, title=title, intro=intro, slug=f"start-{code}")
        if "section" in texts:
            section_title, section_intro = texts["section"]
            _translate(
                section, locale=locale, title=section_title, intro=section_intro, slug=section.slug
            )
            contact_title, contact_intro, contact_body = texts["contact"]
            _translate(
                contact,
                locale=locale,
                title=contact_title,
                intro=contact_intro,
                slug=contact.slug,
                body=contact_body,
            )


@transaction.atomic
def load_demo(*, password: str) -> dict[str, int]:
    units = _units()
    root_collection = Collection.get_first_root_node()
    public_collection = _collection(name="Webbplats", parent=root_collection)
    intranet_collection = _collection(name="Intranät", parent=root_collection)
    protect_collection(collection=intranet_collection)

    _remove_wagtail_welcome_page()
    planerad = units["Planerad kommunikation"]
    public_start = _start_page(audience=Audience.PUBLIC, data=content.PUBLIC_START, owner=planerad)
    intranet_start = _start_page(
        audience=Audience.INTRANET, data=content.INTRANET_START, owner=planerad
    )
    configure_sites(
        public_root=public_start,
        intranet_root=intranet_start,
        organisation_name=organisation.MUNICIPALITY,
    )

    people = _people(units=units, password=password)
    contacts = {
        "Kommunledningsförvaltningen": people["huvudredaktor.kommunledning"],
        "Utbildningsförvaltningen": people["huvudredaktor.utbildning"],
        "Socialförvaltningen": people["huvudredaktor.social"],
        "Kultur- och fritidsförvaltningen": people["huvudredaktor.kultur"],
        "Miljö- och samhällsbyggnadsförvaltningen": people["huvudredaktor.samhallsbyggnad"],
        "Leanlink": people["huvudredaktor.leanlink"],
    }
    documents, images = _media(public=public_collection, intranet=intranet_collection)

    public_sections = _sections(
        start=public_start, sections=content.PUBLIC_SECTIONS, units=units, site="public"
    )
    intranet_sections = _sections(
        start=intranet_start,
        sections=content.INTRANET_SECTIONS,
        units=units,
        site="intranet",
    )
    for owner_name in organisation.SECTION_OWNERS:
        unit = units[owner_name]
        changed = False
        for field, value in (
            ("public_section", public_sections[owner_name]),
            ("intranet_section", intranet_sections[owner_name]),
            ("public_collection", _collection(name=owner_name, parent=public_collection)),
            ("intranet_collection", _collection(name=owner_name, parent=intranet_collection)),
        ):
            if getattr(unit, f"{field}_id") is None:
                setattr(unit, field, value)
                changed = True
        if changed:
            unit.save()

    _content_pages(
        sections=content.PUBLIC_SECTIONS,
        owned=public_sections,
        documents=documents,
        images=images,
        contacts=contacts,
    )
    _content_pages(
        sections=content.INTRANET_SECTIONS,
        owned=intranet_sections,
        documents=documents,
        images=images,
        contacts=contacts,
    )
    nyheter = units["Nyheter och media"]
    public_news = _news(
        start=public_start,
        items=content.PUBLIC_NEWS,
        units=units,
        intro="Nyheter från Linköpings kommun.",
        owner=nyheter,
        section_indexes=_section_news_indexes(owned=public_sections),
    )
    intranet_indexes = _section_news_indexes(owned=intranet_sections)
    intranet_news = _news(
        start=intranet_start,
        items=content.INTRANET_NEWS,
        units=units,
        intro="Nyheter för dig som arbetar i kommunen.",
        owner=nyheter,
        section_indexes=intranet_indexes,
    )
    # Published on the intranet first; the public version follows automatically (W3.3b).
    _news(
        start=intranet_start,
        items=content.NEWS_FOR_BOTH,
        units=units,
        intro="Nyheter för dig som arbetar i kommunen.",
        owner=nyheter,
        section_indexes=intranet_indexes,
        also_public=True,
    )
    _identities()
    _statements(starts={"public": public_start, "intranet": intranet_start}, owner=planerad)
    _translations(public_start=public_start, public_sections=public_sections)
    for start, news in ((public_start, public_news), (intranet_start, intranet_news)):
        if start.top_news_id is None:
            start.top_news = news[content.TOP_NEWS[start.audience]]
            start.save_revision().publish()

    load_directories(units=units, public_start=public_start, public_sections=public_sections)
    load_governance(units=units, people=people, public_start=public_start)
    load_forums(units=units)
    load_archive()
    load_crisis(units=units, people=people)
    load_cases(units=units)
    load_press(units=units, people=people, public_sections=public_sections, images=images)
    organisation_services.sync_all_role_groups()
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "pages": Page.objects.filter(depth__gt=1).count(),
        "news": NewsPage.objects.count(),
    }
