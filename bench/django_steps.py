"""Steps of the benchmark that run inside Django (a subprocess per step, with the settings
of the profile measured). Each prints one JSON object on its last line."""

import json
import os
import statistics
import sys
import time
import urllib.request

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from navet.organisation.models import Unit  # noqa: E402
from navet.web.models import ContentPage, NewsIndexPage, NewsPage, StartPage  # noqa: E402

BARE_SLUG = "bench-bare"


def bare_under(parent):
    """A bare Wagtail page (wagtailcore.Page, Wagtail's own minimal template) at the same
    depth as the page it is compared with."""
    bare = Page.objects.child_of(parent).filter(slug=BARE_SLUG).first()
    if bare is None:
        bare = parent.add_child(instance=Page(title="Bare Wagtail page", slug=BARE_SLUG))
        bare.save_revision().publish()
    return bare


def targets():
    start = StartPage.main("public")
    news = NewsPage.objects.get(title="Vattenläcka i centrum är lagad")
    content = ContentPage.objects.get(title="Ansök om plats i förskola")
    return {
        "start_page": (start, bare_under(start)),
        "news_page": (news, bare_under(news.get_parent())),
        "content_page": (content, bare_under(content.get_parent())),
    }


def path(page):
    return page.get_url_parts()[2]


def step_fixtures():
    urls = {name: [path(page), path(bare)] for name, (page, bare) in targets().items()}
    print(json.dumps({"urls": urls}))


def _timings_ms(client, url, runs):
    timings = []
    for number in range(runs):
        started = time.perf_counter()
        response = client.get(url, {"uncached": number})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def _paired_medians(client, page_url, bare_url, runs):
    """The page and its bare counterpart measured in alternating rounds."""
    _timings_ms(client, page_url, 10)
    _timings_ms(client, bare_url, 10)
    page, bare = [], []
    for _ in range(10):
        page += _timings_ms(client, page_url, runs // 10)
        bare += _timings_ms(client, bare_url, runs // 10)
    return statistics.median(page), statistics.median(bare)


def step_render():
    """Uncached service time (no full-page cache: a query string bypasses it), in process."""
    from navet.web import fragments

    client = Client(HTTP_HOST=os.environ["NAVET_PUBLIC_HOST"])
    runs = int(os.environ.get("BENCH_RENDER_RUNS", "200"))
    result, queries = {}, []
    for name, (page, bare) in targets().items():
        page_ms, bare_ms = _paired_medians(client, path(page), path(bare), runs)
        with CaptureQueriesContext(connection) as captured:
            client.get(path(page), {"uncached": "count"})
        # Right after a publish every fragment is rendered afresh: the cold render.
        cold = []
        for _ in range(20):
            fragments.bump()
            started = time.perf_counter()
            client.get(path(page), {"uncached": "cold"})
            cold.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as cold_queries:
            fragments.bump()
            client.get(path(page), {"uncached": "cold"})
        result[f"{name}_ms"] = round(page_ms, 2)
        result[f"{name}_bare_ms"] = round(bare_ms, 2)
        result[f"{name}_ratio_to_bare"] = round(page_ms / bare_ms, 2)
        result[f"{name}_queries"] = len(captured.captured_queries)
        result[f"{name}_cold_ms"] = round(statistics.median(cold), 2)
        result[f"{name}_cold_queries"] = len(cold_queries.captured_queries)
        queries.append(len(captured.captured_queries))
    result["max_queries_per_page"] = max(queries)
    print(json.dumps(result))


def step_session():
    """A signed-in employee's session, for the intranet measurements: what logging in
    stores, written straight into the session store."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.utils import timezone

    from navet.organisation.middleware import SESSION_KEY as ROLES_SYNCED

    user = get_user_model().objects.get(username="medarbetare")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs in with a username and password: a session naming a backend
    # that is not configured is no session.
    session[BACKEND_SESSION_KEY] = "navet.organisation.oidc.LocalAccountBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[ROLES_SYNCED] = timezone.localdate().isoformat()
    session.create()
    stored = import_module(settings.SESSION_ENGINE).SessionStore(session.session_key)
    assert stored.load().get(SESSION_KEY) == str(user.pk), "the session was not stored"
    print(json.dumps({"sessionid": session.session_key}))


def _fetch(url, host, cookie=None):
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - loopback only
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode()


def _wait_until_shown(url, host, title, cookie=None, limit=10.0):
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if title in _fetch(url, host, cookie):
            return time.perf_counter() - started
        time.sleep(0.002)
    return None


def step_publish():
    """W3.3b under load: an intranet news item for both audiences is published; how long
    until it shows on the public start page (through nginx's cache) and on the intranet
    start page (signed in)?"""
    base = f"http://127.0.0.1:{os.environ['NAVET_HTTP_PORT']}/"
    public_host = f"{os.environ['NAVET_PUBLIC_HOST']}:{os.environ['NAVET_HTTP_PORT']}"
    intranet_host = f"{os.environ['NAVET_INTRANET_HOST']}:{os.environ['NAVET_HTTP_PORT']}"
    cookie = os.environ["BENCH_SESSION"]
    index = NewsIndexPage.objects.child_of(
        Unit.objects.get(name="Utbildningsförvaltningen").intranet_section
    ).get()
    # Publishing is an app worker's request, and app workers are prepared at their start.
    import navet.wsgi  # noqa: F401

    public_times, intranet_times, publish_calls = [], [], []
    for number in range(10):
        title = f"Krisinformation {number}: {time.time_ns()}"
        news = NewsPage(
            title=title,
            slug=f"krisinformation-{time.time_ns()}",
            ingress="Så här gör du om vattnet försvinner.",
            also_public=True,
            priority=1,
        )
        index.add_child(instance=news)
        revision = news.save_revision()
        _fetch(base, public_host)  # the old start page is in nginx's cache
        started = time.perf_counter()
        revision.publish()
        published = time.perf_counter() - started
        publish_calls.append(round(published, 4))
        public_wait = _wait_until_shown(base, public_host, title)
        intranet_wait = _wait_until_shown(base, intranet_host, title, cookie)
        public_times.append(None if public_wait is None else published + public_wait)
        intranet_times.append(None if intranet_wait is None else published + intranet_wait)
    seen_public = [t for t in public_times if t is not None]
    seen_intranet = [t for t in intranet_times if t is not None]
    print(
        json.dumps(
            {
                "repetitions": 10,
                "public_p50": round(statistics.median(seen_public), 4) if seen_public else None,
                "public_max": round(max(seen_public), 4) if seen_public else None,
                "intranet_p50": round(statistics.median(seen_intranet), 4)
                if seen_intranet
                else None,
                "intranet_max": round(max(seen_intranet), 4) if seen_intranet else None,
                "public_each": [t if t is None else round(t, 4) for t in public_times],
                # How long `publish()` itself took, of each public time.
                "publish_call_each": publish_calls,
                "never_shown": len(public_times)
                - len(seen_public)
                + len(intranet_times)
                - len(seen_intranet),
            }
        )
    )


if __name__ == "__main__":
    {
        "fixtures": step_fixtures,
        "render": step_render,
        "session": step_session,
        "publish": step_publish,
    }[sys.argv[1]]()
