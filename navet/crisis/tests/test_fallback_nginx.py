"""When the application is down, the production nginx (deploy/nginx.conf.template, run for
real on loopback) keeps serving the public start page and the crisis page from the copies
Navet wrote at the last crisis update, with the banner and a note of when they were
written; while Navet answers, nginx puts the banner into every page by server-side
include. The app server is a recording of Navet's own answers, stopped mid-test."""

import http.server
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from deploy import production_stack as stack

from .helpers import after_commit, publish_everywhere, start, write
from .test_banner import deep_path

LUA_MODULE = Path("/usr/lib/nginx/modules/ngx_http_lua_module.so")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (Path(stack.NGINX).exists() and LUA_MODULE.exists()),
        reason="nginx with the Lua module is missing (make production-tools installs it)",
    ),
]
SKIPPED_HEADERS = {"content-length", "connection", "transfer-encoding"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def recorded_app(answers: dict):
    """An app server that gives Navet's recorded answers, path by path."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            response = answers.get(self.path)
            if response is None:
                self.send_error(404)
                return
            self.send_response(response.status_code)
            for name, value in response.items():
                if name.lower() not in SKIPPED_HEADERS:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def run_dir():
    # nginx's workers drop root: pytest's own temporary folders (0700) are closed to them.
    path = Path(tempfile.mkdtemp(prefix="navet-crisis-nginx-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def get(port: int, path: str) -> tuple[int, str, dict]:
    request = Request(f"http://127.0.0.1:{port}{path}", headers={"Host": f"localhost:{port}"})
    try:
        with urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode(), dict(response.headers)
    except HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_pages_still_come_with_a_last_updated_note_when_the_app_is_down(
    demo_user, public_client, settings, run_dir
):
    settings.NAVET_BANNER_BY_PROXY = True
    settings.NAVET_FALLBACK_ROOT = str(run_dir / "fallback")
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        update = write(kib, event)
        publish_everywhere(kib, update)
    deep = deep_path()
    answers = {path: public_client.get(path) for path in (deep, "/_banner/public/sv/")}
    assert "<!--# include" in answers[deep].content.decode()

    app_port, http_port = free_port(), free_port()
    app = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), recorded_app(answers))
    threading.Thread(target=app.serve_forever, daemon=True).start()
    env = {
        "NAVET_APP_PORT": str(app_port),
        "NAVET_HTTP_PORT": str(http_port),
        "NAVET_PUBLIC_HOST": "localhost",
        "NAVET_INTRANET_HOST": "intranet.localhost",
        "NAVET_FALLBACK_ROOT": settings.NAVET_FALLBACK_ROOT,
    }
    config = stack.render_nginx(env, run_dir)
    nginx = subprocess.Popen(
        [stack.NGINX, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
        start_new_session=True,
    )
    try:
        stack.wait_for("127.0.0.1", http_port, seconds=10)
        # Navet answers: nginx puts the banner into the page by server-side include.
        status, body, _headers = get(http_port, deep)
        assert status == 200 and update.ingress in body and "<!--# include" not in body

        # The app server stops.
        app.shutdown()
        app.server_close()
        for path in ("/", event.public_path()):
            status, body, headers = get(http_port, path)
            assert status == 200, path
            assert headers.get("X-Navet-Fallback") == "1"
            assert "sparad kopia av sidan, senast uppdaterad" in body
            assert update.ingress in body and 'role="region"' in body
        assert update.title in get(http_port, event.public_path())[1]
        # A page nginx had cached still comes, with the last banner Navet wrote.
        status, body, _headers = get(http_port, deep)
        assert status == 200 and update.ingress in body
    finally:
        stack.stop([nginx])
        app.server_close()
