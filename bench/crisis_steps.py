"""Steps of the crisis benchmark that run inside Django (the production profile's settings).
Each prints one JSON object on its last line."""

import json
import os
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.models import Page  # noqa: E402

from navet.crisis import services  # noqa: E402
from navet.crisis.models import CrisisEvent, CrisisSettings  # noqa: E402
from navet.organisation.models import Unit  # noqa: E402
from navet.web.models import ContentPage, SectionPage, StartPage  # noqa: E402

BARE_SLUG = "bench-bare"  # bench/django_steps.py
SAMPLE = int(os.environ.get("BENCH_CRISIS_SAMPLE", "200"))
INGRESS = os.environ.get("BENCH_CRISIS_INGRESS", "Vattnet är avstängt i centrala Linköping.")


def step_paths():
    """At least SAMPLE public pages: the demo's, and plain content pages added to reach it."""
    start = StartPage.main("public")
    # Navet's pages, not the bare Wagtail pages `make bench` compares renders with.
    pages = list(
        Page.objects.live()
        .public()
        .descendant_of(start, inclusive=True)
        .exclude(slug=BARE_SLUG)
        .specific()
    )
    section = SectionPage.objects.child_of(start).live().first()
    taken = set(section.get_children().values_list("slug", flat=True))
    number = 0
    while len(pages) < SAMPLE:
        number += 1
        title = f"Bänksida {number}"
        if slugify(title) in taken:
            continue
        page = section.add_child(
            instance=ContentPage(title=title, slug=slugify(title), intro="Sida för mätning.")
        )
        page.save_revision().publish()
        pages.append(page)
    paths = [page.get_url_parts()[2] for page in pages]
    print(json.dumps({"paths": [path for path in paths if path][: max(SAMPLE, len(paths))]}))


def step_switch_on():
    """The on-call communicator starts a crisis and publishes an update on both sites;
    prints when it was committed."""
    kib = get_user_model().objects.get(username="kib")
    # The crisis desk's request is served by an app worker, which is prepared at its start.
    import navet.wsgi  # noqa: F401

    # Ready (Django loaded): the switch is made when the bench says so on stdin.
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.readline()
    with transaction.atomic():
        event = services.start_event(
            user=kib,
            title="Vattenavstängning i centrum",
            level=1,
            affected_area="Centrala Linköping",
            responsible_unit=Unit.objects.get(name="Miljö- och samhällsbyggnadsförvaltningen"),
        )
        update = services.write_update(
            user=kib,
            event=event,
            title="Inget vatten i centrum",
            ingress=INGRESS,
            what_happened="En huvudledning gick sönder vid Stora torget.",
            sender=CrisisSettings.load().crisis_unit,
        )
        services.publish_on_intranet(user=kib, update=update)
    committed = []
    with transaction.atomic():
        # Registered first, so it runs first: the time of the commit itself, before any of
        # what follows it (the banner's refresh among them).
        transaction.on_commit(lambda: committed.append(time.time()))
        services.publish_publicly(user=kib, update=update)
    print(json.dumps({"committed_at": committed[0], "ingress": INGRESS}), flush=True)


def step_switch_off():
    """Ends the events a run switched on, so that the crisis part can be measured again on
    the same data (`python bench/crisis.py`)."""
    kib = get_user_model().objects.get(username="kib")
    for event in CrisisEvent.objects.active():
        with transaction.atomic():
            services.end_event(user=kib, event=event)
    print(json.dumps({"ended": True}), flush=True)


if __name__ == "__main__":
    globals()[f"step_{sys.argv[1]}"]()
