"""The public register of social media accounts (W4.3): the accounts that were approved,
as the official accounts page shows them and as open data. Only what is live is here: a
draft, a request waiting in its approval chain or a refused one never is."""

from django.utils import timezone

from .models import Platform, SocialMediaAccount


def approved_accounts():
    """The live accounts, in the register's order (platform, account name)."""
    return (
        SocialMediaAccount.objects.filter(live=True)
        .select_related("owning_unit")
        .order_by("platform", "handle", "pk")
    )


def by_platform(accounts) -> list[tuple[str, str, list]]:
    """(platform value, platform name, its accounts), in the order of the platform list;
    platforms without an account are left out."""
    grouped: dict[str, list] = {}
    for account in accounts:
        grouped.setdefault(account.platform, []).append(account)
    order = [choice.value for choice in Platform]
    return [
        (platform, str(Platform(platform).label), grouped[platform])
        for platform in sorted(grouped, key=lambda value: order.index(value))
    ]


def approved_on(account):
    """The day the live version was approved: its last publication, local time."""
    if account.last_published_at is None:
        return None
    return timezone.localdate(account.last_published_at)


def as_data(account) -> dict:
    approved = approved_on(account)
    return {
        "platform": account.platform,
        "platform_name": str(account.get_platform_display()),
        "handle": account.handle,
        "url": account.url,
        "unit": account.owning_unit.name,
        "official": account.official,
        "purpose": account.purpose,
        "approved_on": approved.isoformat() if approved else None,
    }
