"""W3.4 and WCAG 2.1 AA, verified in real headless Chromium: axe-core finds no violations on
the service directory's pages – the services, a service with and without a filter, a filter
nothing matches, a provider, the comparison and a refused comparison – at a desktop width
and on a 360 px wide phone, and the W3C Nu HTML checker finds no errors in them. On the
phone the comparison table scrolls sideways in its own focusable region (by keyboard too),
its first column stays in view and the page itself never scrolls sideways.

It is one test: the live server's database is emptied after it (see the Makefile)."""

import datetime
import json
import re
import subprocess
from decimal import Decimal

import pytest

from navet.directories.models import EvaluationFigure, Measure, Operator
from navet.directories.pages import ServiceDirectoryPage
from navet.organisation.models import Unit
from navet.tests.test_accessibility import AXE, AXE_PATH, VNU, check_with_axe
from navet.web.models import StartPage

from . import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def directory_with_providers():
    start = StartPage.main("public")
    page = ServiceDirectoryPage(
        title="Välja utförare",
        slug="valja-utforare-a11y",
        intro="Här jämför du utförarna av tjänster du kan välja.",
        owning_unit=Unit.objects.get(name="Socialförvaltningen"),
    )
    start.add_child(instance=page)
    page.save_revision().publish()
    service = factories.service(name="Hemtjänst tillgänglighet", choice_system="LOV")
    providers = [
        factories.provider(
            service,
            name="Omsorg i Ryd med ett ganska långt namn",
            languages=(("Svenska", "sv"), ("Arabiska", "ar")),
            profiles=("Demenskompetens",),
            website="https://www.omsorgiryd.example/",
            phone="013-12 34 56",
            places=40,
        ),
        factories.provider(
            service,
            name="Kommunens hemtjänst",
            areas=("Ryd", "Skäggetorp"),
            operator=Operator.MUNICIPAL,
            organisation="Linköpings kommun",
        ),
        factories.provider(service, name="Idéburen omsorg", operator=Operator.NON_PROFIT),
    ]
    providers[0].additional_requirements.create(text="Personalen talar arabiska.")
    factories.publish(providers[0])
    measure = Measure.objects.create(
        service=service,
        name="Nöjda brukare",
        unit="%",
        source="Socialstyrelsen",
        source_url="https://www.socialstyrelsen.se/",
    )
    for provider, value in zip(providers, ("80", "91.5", "77"), strict=True):
        EvaluationFigure.objects.create(
            provider=provider,
            measure=measure,
            year=2024,
            value=Decimal(value),
            published_on=datetime.date(2025, 4, 1),
        )
    return page, service, providers


def html_checker_errors(saved: dict, tmp_path) -> list[str]:
    files = {}
    for number, (name, html) in enumerate(saved.items()):
        file = tmp_path / f"{number:02d}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = name
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]
        + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def test_W3_4_directory_pages_are_accessible_on_desktop_and_phone(live_server, browser, tmp_path):
    assert AXE.exists() and VNU.exists(), "make test installs axe-core and vnu-jar with npm"
    page_model, service, providers = directory_with_providers()
    root = page_model.get_url_parts()[2]
    service_path = f"{root}{service.slug}/"
    compare_path = f"{service_path}jamfor/?" + "&".join(f"p={p.slug}" for p in providers)
    paths = {
        "services": root,
        "service": service_path,
        "service filtered": f"{service_path}?sprak=ar&regi=private",
        "service, nothing matches": f"{service_path}?omrade=skaggetorp&regi=non_profit",
        "provider": f"{service_path}{providers[0].slug}/",
        "comparison": compare_path,
        "comparison refused": f"{service_path}jamfor/?p={providers[0].slug}",
    }
    problems, saved = {}, {}
    for width, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(locale="sv-SE", viewport=viewport)
        context.route(
            "**" + AXE_PATH,
            lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
        )
        tab = context.new_page()
        for name, path in paths.items():
            response = tab.goto(live_server.url + path)
            assert response is not None and response.status == 200, (name, width)
            saved[name] = response.text()
            problems[f"{name} ({width})"] = check_with_axe(tab)
            # The page itself never scrolls sideways; wide tables scroll in their region.
            overflow = tab.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} ({width}) scrolls sideways by {overflow}px"
        context.close()

    failures = {name: found for name, found in problems.items() if found}
    assert failures == {}, json.dumps(failures, indent=2, ensure_ascii=False)
    assert html_checker_errors(saved, tmp_path) == []

    # The comparison on a phone: a region that scrolls by keyboard, the first column sticky.
    context = browser.new_context(locale="sv-SE", viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(live_server.url + compare_path)
    region = tab.locator(".table-scroll")
    assert region.get_attribute("role") == "region"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    row_header = tab.locator("tbody th[scope=row]").first
    first_cell = tab.locator("tbody td").first
    header_before, cell_before = row_header.bounding_box(), first_cell.bounding_box()
    region.focus()
    for _ in range(30):
        tab.keyboard.press("ArrowRight")
        if region.evaluate("el => el.scrollLeft") > 100:
            break
    # Keyboard scrolling is animated: measure once it has come to rest.
    tab.wait_for_function(
        """el => new Promise(done => {
            const before = el.scrollLeft;
            setTimeout(() => done(el.scrollLeft === before), 100);
        })""",
        arg=region.element_handle(),
    )
    header_after, cell_after = row_header.bounding_box(), first_cell.bounding_box()
    assert abs(header_after["x"] - header_before["x"]) < 1
    assert cell_after["x"] < cell_before["x"] - 100
    # The row header stays readable: not narrower than a phone's third, nor covering it all.
    assert 100 <= header_after["width"] <= PHONE["width"] / 2
    assert re.search(r"Regi", row_header.inner_text())
    context.close()
