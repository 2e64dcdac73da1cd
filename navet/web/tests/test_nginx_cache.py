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
from urllib.request import Request, urlopen

import pytest

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
    served = 0

    def do_GET(self):
        CountingUpstream.served += 1
        body = f"render {CountingUpstream.served} of {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
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


def get_banner(address, *, refresh=False, source="127.0.0.1"):
    connection = http.client.HTTPConnection(
        "127.0.0.1", int(address.split(":")[1]), timeout=5, source_address=(source, 0)
    )
    headers = {"Host": f"localhost:{address.split(':')[1]}"}
    if refresh:
        headers["X-Navet-Refresh"] = "1"
    connection.request("GET", "/_banner/public/sv/", headers=headers)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def test_the_public_banner_is_refreshed_in_place(nginx):
    """A crisis banner change reaches every cached page at once: Navet asks nginx to fetch
    the banner again and store it over the old one, so readers never meet a missing banner
    and Navet gets one request, not one per reader."""
    first = get_banner(nginx)
    assert get_banner(nginx) == first
    served = CountingUpstream.served
    backend(nginx).refresh(f"http://localhost:{nginx.split(':')[1]}/_banner/public/sv/")
    fresh = get_banner(nginx)
    assert fresh != first
    assert [get_banner(nginx) for _ in range(5)] == [fresh] * 5
    assert CountingUpstream.served == served + 1


def test_security_only_loopback_refreshes_the_banner(nginx):
    """A reader sending the refresh header gets the cached banner: nobody outside can make
    every request go through to Navet."""
    cached = get_banner(nginx)
    served = CountingUpstream.served
    assert get_banner(nginx, refresh=True, source="127.0.0.2") == cached
    assert CountingUpstream.served == served
