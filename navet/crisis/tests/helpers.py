from django.test import TestCase

from navet.crisis import services
from navet.crisis.models import Level
from navet.organisation.models import Unit

CRISIS_UNIT = "Nyheter och media"


def after_commit():
    """Run what waits for the commit (the banner's generation, the task queue) at the end
    of the block: each test's transaction is rolled back, never committed."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def start(user, *, title="Strömavbrott i Skäggetorp", level=Level.DISTURBANCE, unit=None):
    return services.start_event(
        user=user,
        title=title,
        level=level,
        affected_area="Skäggetorp",
        responsible_unit=unit or Unit.objects.get(name="Miljö- och samhällsbyggnadsförvaltningen"),
    )


def write(user, event, *, title="Strömmen är borta i Skäggetorp", **fields):
    values = {
        "title": title,
        "ingress": "Strömmen är borta i Skäggetorp. Den kommer tillbaka i kväll.",
        "what_happened": "Ett fel i ett ställverk gjorde att strömmen försvann i morse.",
        "what_to_do": "Håll kylskåpet stängt. Ring 112 bara om det är akut.",
        "sender": Unit.objects.get(name=CRISIS_UNIT),
        **fields,
    }
    return services.write_update(user=user, event=event, **values)


def publish_everywhere(user, update):
    services.publish_on_intranet(user=user, update=update)
    return services.publish_publicly(user=user, update=update)
