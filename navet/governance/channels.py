"""K5: the common channels, digital first. For each audience the digital channels come
first, by priority, and the others complement them."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Channel, ChannelAudience


@dataclass
class ChannelEntry:
    channel: Channel
    digital_first: bool = False  # the audience's first digital channel


@dataclass
class AudienceChannels:
    audience: ChannelAudience | None
    digital: list[ChannelEntry] = field(default_factory=list)
    complements: list[ChannelEntry] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.audience.name if self.audience else _("No audience given")

    @property
    def entries(self) -> list[ChannelEntry]:
        return [*self.digital, *self.complements]


def _order(channels) -> AudienceChannels:
    ordered = sorted(channels, key=lambda channel: (channel.priority, channel.name.lower()))
    group = AudienceChannels(audience=None)
    group.digital = [ChannelEntry(channel) for channel in ordered if channel.is_digital]
    group.complements = [ChannelEntry(channel) for channel in ordered if not channel.is_digital]
    if group.digital:
        group.digital[0].digital_first = True
    return group


def channels_by_audience() -> list[AudienceChannels]:
    """Every audience with its channels, digital ones first by priority and then the
    non-digital complements by priority; channels without an audience come last."""
    channels = Channel.objects.select_related("owning_unit")
    audiences = ChannelAudience.objects.prefetch_related(
        Prefetch("channels", queryset=channels)
    ).order_by("sort_order", "name")
    groups = []
    for audience in audiences:
        group = _order(audience.channels.all())
        group.audience = audience
        groups.append(group)
    without = channels.filter(audiences__isnull=True)
    if without:
        groups.append(_order(without))
    return groups
