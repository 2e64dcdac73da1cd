"""The production nginx configuration (deploy/nginx.conf.template), run for real on
loopback in front of a small upstream that counts its requests: pages are cached, a page
is purged by URL, and a site-wide change drops every cached page in one step (the cache
generation) – W3.3b fast and correct, crisis load."""

import http.client
import http.server
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from django.conf import settings

from deploy import production_stack as stack
from navet.web.cache import NginxPurgeBackend

LUA_MODULE = Path("/usr/lib/nginx/modules/ngx_http_lua_module.so")
pytestmark = pytest.mark.skipif(
    not (Path(stack.NGINX).exists() and LUA_MODULE.exists()),
    reason="nginx with the Lua module is missing (make production-tools installs it)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CountingUpstream(http.server.BaseHTTPRequestHandler):
    """Answers "render N of /path"; pages under /med-banner/ are HTML with the public
    banner's placeholder, in the language of their address (as navet.web.banner's)."""

    served = 0
    failing = False  # the banner's address answers 500, as Navet does when it fails

    def do_GET(self):
        CountingUpstream.served += 1
        if CountingUpstream.failing and self.path.startswith("/_banner/"):
            self.send_error(500)
            return
        body = f"render {CountingUpstream.served} of {self.path}"
        content_type = "text/plain"
        if "/med-banner/" in self.path:
            language = "en" if self.path.startswith("/en/") else "sv"
            placeholder = f'<!--# include virtual="/_banner/public/{language}/" -->'
            body = f"{placeholder}<main>{body}</main>"
            content_type = "text/html"
        body = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Navet-Cacheable", "1")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def run_dir():
    # nginx's workers drop root: pytest's own temporary folders (0700) are closed to them.
    path = Path(tempfile.mkdtemp(prefix="navet-nginx-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def nginx(run_dir):
    app_port, http_port = free_port(), free_port()
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), CountingUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    env = {
        "NAVET_APP_PORT": str(app_port),
        "NAVET_HTTP_PORT": str(http_port),
        "NAVET_PUBLIC_HOST": "localhost",
        "NAVET_INTRANET_HOST": "intranet.localhost",
    }
    config = stack.render_nginx(env, run_dir)
    server = subprocess.Popen(
        [stack.NGINX, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
        start_new_session=True,
    )
    try:
        stack.wait_for("127.0.0.1", http_port, seconds=10)
        yield f"127.0.0.1:{http_port}"
    finally:
        stack.stop([server])
        upstream.shutdown()


def get(address, path):
    request = Request(
        f"http://{address}{path}", headers={"Host": f"localhost:{address.split(':')[1]}"}
    )
    with urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
        return response.read().decode(), response.headers.get("X-Nginx-Cache")


def backend(address):
    return NginxPurgeBackend(
        {"LOCATION": f"http://{address}", "HOSTNAMES": [f"localhost:{address.split(':')[1]}"]}
    )


def test_pages_are_cached_and_purged_by_url(nginx):
    first, _status = get(nginx, "/a/")
    assert get(nginx, "/a/") == (first, "HIT")
    backend(nginx).purge(f"http://localhost:{nginx.split(':')[1]}/a/")
    again, status = get(nginx, "/a/")
    assert again != first and status == "MISS"


def test_a_site_wide_purge_drops_every_page_in_one_request(nginx):
    paths = [f"/sida-{number}/" for number in range(50)]
    before = {path: get(nginx, path)[0] for path in paths}
    assert all(get(nginx, path)[1] == "HIT" for path in paths)
    served = CountingUpstream.served

    started = time.monotonic()
    backend(nginx).purge_everything()
    after = {path: get(nginx, path) for path in paths}
    assert time.monotonic() - started < 1
    assert all(status == "MISS" for _body, status in after.values())
    assert all(after[path][0] != before[path] for path in paths)
    assert CountingUpstream.served == served + len(paths)


def test_the_purge_endpoints_answer_only_loopback(nginx, run_dir):
    config = (run_dir / "nginx.conf").read_text()
    assert (
        "location = /__navet/purge-all {\n            allow 127.0.0.1;\n            deny all;"
        in config
    )


def test_security_nginx_passes_only_the_sites_host_names(nginx):
    served = CountingUpstream.served
    request = Request(f"http://{nginx}/", headers={"Host": "angripare.example"})
    with pytest.raises(OSError):
        urlopen(request, timeout=5)  # noqa: S310 - loopback; nginx closes the connection
    assert CountingUpstream.served == served
    assert get(nginx, "/")[0].startswith("render")


def get_from(address, path, *, source="127.0.0.1"):
    """(status, body) of `path`, asked from the loopback address `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", int(address.split(":")[1]), timeout=5, source_address=(source, 0)
    )
    connection.request("GET", path, headers={"Host": f"localhost:{address.split(':')[1]}"})
    response = connection.getresponse()
    answer = response.status, response.read().decode()
    connection.close()
    return answer


def banner_of(body: str) -> str:
    return body.split("<main>", 1)[0]


def test_the_public_banner_goes_into_cached_pages_and_is_refreshed_in_place(nginx):
    """A crisis banner change reaches every cached page at once, without purging one: nginx
    keeps the banner in memory and puts it where the page's placeholder is; Navet has it
    fetched again, once, right after a change."""
    pages = [f"/med-banner/{number}/" for number in range(5)]
    first = {path: get(nginx, path) for path in pages}
    assert all("<!--#" not in body for body, _status in first.values())
    banner = banner_of(first[pages[0]][0])
    assert banner.startswith("render") and "/_banner/public/sv/" in banner
    assert all(banner_of(get(nginx, path)[0]) == banner for path in pages)
    served = CountingUpstream.served

    backend(nginx).refresh(f"http://localhost:{nginx.split(':')[1]}/_banner/public/sv/")
    after = {path: get(nginx, path) for path in pages}
    assert all(status == "HIT" for _body, status in after.values())
    new_banner = banner_of(after[pages[0]][0])
    assert new_banner != banner
    assert all(banner_of(body) == new_banner for body, _status in after.values())
    assert CountingUpstream.served == served + 1


def test_a_failed_refresh_keeps_the_last_banner(nginx):
    """Navet cannot answer the refresh: the refresh is reported (and queued again by the
    task), and readers keep the banner they had rather than none."""
    banner = banner_of(get(nginx, "/med-banner/ett/")[0])
    CountingUpstream.failing = True
    try:
        with pytest.raises(HTTPError):
            backend(nginx).refresh(f"http://localhost:{nginx.split(':')[1]}/_banner/public/sv/")
        assert banner_of(get(nginx, "/med-banner/ett/")[0]) == banner
        assert banner_of(get(nginx, "/med-banner/tva/")[0]) == banner
    finally:
        CountingUpstream.failing = False


def test_a_page_in_another_language_gets_that_languages_banner(nginx):
    body, _status = get(nginx, "/en/med-banner/")
    assert "/_banner/public/en/" in banner_of(body) and "<!--#" not in body


def test_security_the_banner_is_nginxs_own_and_only_loopback_refreshes_it(nginx):
    """Nobody outside makes requests go through to Navet for the banner: its address is
    nginx's own, and the refresh answers loopback only."""
    assert get_from(nginx, "/_banner/public/sv/")[0] == 404
    served = CountingUpstream.served
    assert get_from(nginx, "/__navet/refresh/_banner/public/sv/", source="127.0.0.2")[0] == 403
    assert CountingUpstream.served == served


def test_nginx_knows_the_sites_languages():
    assert [stack.DEFAULT_LANGUAGE, *stack.PREFIXED_LANGUAGES] == [
        code for code, _name in settings.LANGUAGES
    ]
