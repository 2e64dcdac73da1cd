"""Turning role assignments into Wagtail permissions.

Role assignments are the one source of truth. Each (role, unit) pair that someone holds
gets a generated Django group carrying exactly what `roles.ROLE_GRANTS` says; a person's
groups are set to the groups of their active assignments and nothing else.
"""

import functools
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import ManagedGroup, Person, RoleAssignment, Unit
from .roles import (
    BASE_PERMISSIONS,
    Role,
    grant_for,
    model_permissions_for,
    unit_pages_grants_for,
)


def _permissions(codenames: Iterable[str]) -> list[Permission]:
    wanted = set(codenames)
    if not wanted:
        return []
    by_key = {}
    for app_label, codename in (item.split(".", 1) for item in wanted):
        by_key.setdefault(app_label, set()).add(codename)
    found = []
    for app_label, names in by_key.items():
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=names)
        )
    if len(found) != len(wanted):
        missing = wanted - {f"{p.content_type.app_label}.{p.codename}" for p in found}
        raise LookupError(f"Unknown permissions: {sorted(missing)}")
    return found


def _page_permissions(actions: Iterable[str]) -> list[Permission]:
    return _permissions(f"wagtailcore.{action}_page" for action in actions)


def _collection_permissions(codenames: Iterable[str]) -> list[Permission]:
    app_for = {"image": "wagtailimages", "document": "wagtaildocs"}
    return _permissions(f"{app_for[name.rsplit('_', 1)[1]]}.{name}" for name in codenames)


def scope_unit_for(*, role: str, unit: Unit) -> Unit | None:
    """The unit whose group an assignment of `role` in `unit` belongs to: the unit that
    owns the sections for unit-scoped roles, the unit itself for roles given pages of its own
    (`UnitPagesGrant`), none for roles that are the same everywhere."""
    if grant_for(role).is_unit_scoped:
        return unit.section_owner() or unit
    if unit_pages_grants_for(role):
        return unit
    return None


def _group_name(*, role: str, unit: Unit | None) -> str:
    with translation.override("sv"):
        label = str(Role(role).label)
    return f"{label} – {unit.name}" if unit else label


def _apply_grant(managed: ManagedGroup) -> None:
    """Make the group carry exactly what its role grants, no more."""
    grant = grant_for(managed.role)
    group = managed.group
    group.permissions.set(_permissions((*BASE_PERMISSIONS, *model_permissions_for(managed.role))))

    page_grants: list[tuple[Page, tuple[str, ...]]] = []
    collection_grants: list[tuple[Collection, tuple[str, ...]]] = []
    if managed.unit is not None and grant.is_unit_scoped:
        unit = managed.unit
        page_grants += [
            (page, grant.section_page_permissions)
            for page in (unit.public_section, unit.intranet_section)
            if page is not None
        ]
        collection_grants += _unit_collections(unit, grant.section_collection_permissions)
    elif grant.site_page_permissions or grant.site_collection_permissions:
        # Every start page: each site's root and its translations.
        page_grants += [
            (page, grant.site_page_permissions) for page in Page.objects.filter(depth=2)
        ]
        root_collection = Collection.get_first_root_node()
        if root_collection:
            collection_grants.append((root_collection, grant.site_collection_permissions))
    if managed.unit is not None:
        for pages_grant in unit_pages_grants_for(managed.role):
            page_grants += [
                (page, pages_grant.page_permissions) for page in pages_grant.pages(managed.unit)
            ]
            owner = managed.unit.section_owner() or managed.unit
            collection_grants += _unit_collections(owner, pages_grant.collection_permissions)

    page_permissions = functools.cache(_page_permissions)
    collection_permissions = functools.cache(_collection_permissions)
    GroupPagePermission.objects.filter(group=group).delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=page, permission=perm)
        for page, actions in page_grants
        for perm in page_permissions(actions)
    )
    GroupCollectionPermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=perm)
        for collection, codenames in collection_grants
        for perm in collection_permissions(codenames)
    )


def _unit_collections(unit: Unit, codenames: tuple[str, ...]):
    return [
        (collection, codenames)
        for collection in (unit.public_collection, unit.intranet_collection)
        if collection is not None
    ]


def _ensure_group(*, role: str, unit: Unit | None) -> Group:
    managed = ManagedGroup.objects.select_related("group").filter(role=role, unit=unit).first()
    name = _group_name(role=role, unit=unit)
    if managed is None:
        group, _ = Group.objects.get_or_create(name=name)
        managed = ManagedGroup.objects.create(group=group, role=role, unit=unit)
        _apply_grant(managed)
    elif managed.group.name != name:
        managed.group.name = name
        managed.group.save(update_fields=["name"])
    return managed.group


@transaction.atomic
def sync_role_groups(*, user) -> set[Group]:
    """Set the user's groups to those of their active role assignments, now."""
    if user.is_superuser:
        return set(user.groups.all())
    person = Person.objects.filter(user=user).first()
    wanted: set[Group] = set()
    if person is not None:
        assignments = RoleAssignment.objects.active().filter(person=person).select_related("unit")
        for assignment in assignments:
            scope = scope_unit_for(role=assignment.role, unit=assignment.unit)
            wanted.add(_ensure_group(role=assignment.role, unit=scope))
    user.groups.set(wanted)
    # Wagtail and Django cache permissions on the user object; drop them.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_page_permission_cache"):
        user.__dict__.pop(cache, None)
    return wanted


def sync_people(*, people: Iterable[Person]) -> None:
    for person in people:
        if person.user_id:
            sync_role_groups(user=person.user)


@transaction.atomic
def refresh_unit(*, unit: Unit) -> None:
    """A unit's sections, collections or place in the tree changed: regrant its groups and
    resync everyone whose group may now be another unit's."""
    affected_units = [unit, *unit.descendants()]
    for managed in ManagedGroup.objects.filter(unit__in=affected_units).select_related(
        "group", "unit"
    ):
        _apply_grant(managed)
    people = Person.objects.filter(
        role_assignments__unit__in=affected_units, user__isnull=False
    ).distinct()
    sync_people(people=people.select_related("user"))


@transaction.atomic
def refresh_site_wide_groups() -> None:
    """The set of sites changed: site-wide roles cover every start page."""
    for managed in ManagedGroup.objects.filter(unit__isnull=True).select_related("group"):
        _apply_grant(managed)


@transaction.atomic
def refresh_role_groups(*, role: str) -> None:
    """What a role grants changed (a page given by `UnitPagesGrant` was added, moved or
    changed hands): regrant the role's groups."""
    for managed in ManagedGroup.objects.filter(role=role).select_related("group", "unit"):
        _apply_grant(managed)


@transaction.atomic
def sync_all_role_groups() -> int:
    """Bring every account in line with today's assignments; drop groups nobody needs.
    Run daily so assignments that start or end by date take effect without an edit."""
    User = get_user_model()
    users = User.objects.filter(is_superuser=False).filter(
        Q(person__isnull=False) | Q(groups__isnull=False)
    )
    count = 0
    for user in users.distinct():
        sync_role_groups(user=user)
        count += 1
    for managed in ManagedGroup.objects.select_related("group"):
        _apply_grant(managed)
    stale = Group.objects.filter(navet_managed__isnull=False, user__isnull=True)
    stale.delete()
    return count
