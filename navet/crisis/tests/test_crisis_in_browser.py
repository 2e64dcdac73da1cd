"""Crisis mode tried as a new user would, in real headless Chromium (K2, W3.3b): the
on-call communicator starts a crisis and publishes an update; the intranet has the banner
first, then both sites' start pages and a deep page; a second update changes the banner;
ending the crisis removes it. axe-core checks the pages with the banner."""

import pytest
from django.conf import settings

from navet.crisis.models import CrisisEvent, CrisisUpdate
from navet.tests.browser import EXTERNAL, log_in, wait_until
from navet.tests.test_accessibility import AXE, AXE_PATH, check_with_axe

from .test_banner import deep_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Vattenläcka i Berga"
FIRST = "Det finns inget vatten i Berga. Hämta vatten vid Berga torg."
SECOND = "Vattnet är tillbaka i Berga. Spola kranen en stund först."


def banner_text(page, url):
    page.goto(url)
    banner = page.locator(".crisis-banner")
    return banner.inner_text() if banner.count() else ""


def write_and_publish(page, *, title, ingress, happened, public=True):
    page.fill("#id_title", title)
    page.fill("#id_ingress", ingress)
    page.fill("#id_what_happened", happened)
    page.get_by_role("button", name="Spara uppdateringen").click()
    page.get_by_role("button", name="Publicera på intranätet").first.click()
    page.get_by_text("Publicerad på intranätet. Publicera").wait_for()
    if public:
        page.get_by_role("button", name="Publicera på den externa webbplatsen").first.click()
        page.get_by_text("Publicerad på den externa webbplatsen.").first.wait_for()


def test_on_call_communicator_runs_a_crisis_on_both_sites(live_server, browser):
    base = live_server.url
    intranet = base.replace("://localhost", "://intranet.localhost")
    deep = deep_path()

    def context():
        made = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        made.route(EXTERNAL, lambda route: route.abort())
        made.route(
            f"**{AXE_PATH}",
            lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
        )
        return made

    desk = context().new_page()
    reader = context().new_page()
    staff = context().new_page()
    # A member of staff on the intranet; the public reader has already cached pages.
    staff.goto(f"{intranet}/logga-in/")
    staff.fill("#id_username", "medarbetare")
    staff.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    staff.click("main button[type=submit]")
    staff.wait_for_load_state()
    assert banner_text(reader, f"{base}/") == ""
    assert banner_text(reader, base + deep) == ""

    # Erik, the on-call communicator, starts the crisis from the admin's Kris menu.
    log_in(desk, base, "kib")
    desk.get_by_role("link", name="Kris", exact=True).first.click()
    desk.fill("#id_title", TITLE)
    desk.select_option("#id_level", "1")
    desk.fill("#id_affected_area", "Berga")
    desk.select_option("#id_responsible_unit", label="Miljö- och samhällsbyggnadsförvaltningen")
    desk.get_by_role("button", name="Starta krishändelsen").click()
    desk.get_by_text("Krishändelsen är startad.").wait_for()
    event = wait_until(lambda: CrisisEvent.objects.filter(title=TITLE).first())

    # The first update goes to the intranet: staff see it before the public does (W3.3b).
    write_and_publish(
        desk,
        title="Inget vatten i Berga",
        ingress=FIRST,
        happened="En vattenledning gick sönder i natt.",
        public=False,
    )
    assert FIRST in banner_text(staff, f"{intranet}/")
    assert banner_text(reader, f"{base}/") == ""
    desk.get_by_role("button", name="Publicera på den externa webbplatsen").first.click()
    desk.get_by_text("Publicerad på den externa webbplatsen.").first.wait_for()
    first = CrisisUpdate.objects.get(event=event, ingress=FIRST)
    assert first.intranet_published_at < first.public_published_at

    for url in (f"{base}/", base + deep):
        assert FIRST in banner_text(reader, url), url
        assert check_with_axe(reader) == []
    banner = reader.get_by_role("region", name=f"Krisinformation: {TITLE}")
    assert banner.get_by_role("heading", level=2).inner_text().startswith("Krisinformation")
    banner.get_by_role("link", name=f"Läs mer om {TITLE}").click()
    reader.locator("h1", has_text=TITLE).wait_for()
    assert "En vattenledning gick sönder i natt." in reader.inner_text("main")
    assert check_with_axe(reader) == []

    # A new update changes the banner everywhere.
    write_and_publish(
        desk, title="Vattnet är tillbaka", ingress=SECOND, happened="Ledningen är lagad."
    )
    for url in (f"{base}/", base + deep):
        text = banner_text(reader, url)
        assert SECOND in text and FIRST not in text
    assert SECOND in banner_text(staff, f"{intranet}/")

    # Ending the crisis removes the banner from both sites.
    desk.get_by_role("button", name="Avsluta krishändelsen").click()
    desk.get_by_text("Krishändelsen är avslutad.").wait_for()
    assert banner_text(reader, f"{base}/") == ""
    assert banner_text(reader, base + deep) == ""
    assert banner_text(staff, f"{intranet}/") == ""
