"""The production profile on one machine: granian runs Navet (navet.settings.production),
nginx (Debian) caches and serves the public pages in front of it and is purged on publish,
PostgreSQL and Redis hold the data, the cache and the sessions, and two supervised
`manage.py run_task_worker` run the background tasks queued in the database (the purges too).

`make serve-production` runs it in the foreground; the benchmarks start it the same way."""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GRANIAN = str(Path(PYTHON).parent / "granian")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# django-tasks-db's worker, under a fixed id so that on a restart it runs again what it was
# killed during. It looks for work every 0.1 s when the queue is empty: purges go through the
# queue, and publish-to-visible must stay well under a second.
WORKER_COUNT = 2


def worker_command(worker_id: str, *, queues: str = "*") -> list[str]:
    return [
        PYTHON,
        "manage.py",
        "run_task_worker",
        "--worker-id",
        worker_id,
        "--interval",
        "0.1",
        "--queue-name",
        queues,
    ]


def worker_queues(number: int) -> str:
    """The first worker serves only what readers wait to see (navet.tasks.VISIBLE_QUEUE);
    the others serve every queue, that one first (it has the higher priority)."""
    return "visible" if number == 1 else "*"


def answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def wait_for(host: str, port: int, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(host, port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"Nothing answers on {host}:{port} after {seconds} s")


def local_secret_key() -> str:
    """For a loopback run only: a random key kept in .venv, said out loud."""
    path = ROOT / ".venv" / "navet-production-secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        print(f"Generated a secret key for this local production run in {path}.")
    return path.read_text().strip()


def environment(**overrides) -> dict:
    http_port = int(os.environ.get("NAVET_HTTP_PORT", "8080"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "navet.settings.production",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/navet"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "NAVET_PUBLIC_HOST": os.environ.get("NAVET_PUBLIC_HOST", "localhost"),
        "NAVET_INTRANET_HOST": os.environ.get("NAVET_INTRANET_HOST", "intranet.localhost"),
        "NAVET_SITE_PORT": str(http_port),
        "NAVET_HTTP_PORT": str(http_port),
        "NAVET_APP_PORT": os.environ.get("NAVET_APP_PORT", "8001"),
        "NAVET_NGINX_PURGE_URL": f"http://127.0.0.1:{http_port}",
        "NAVET_MEDIA_ROOT": os.environ.get("NAVET_MEDIA_ROOT", str(ROOT / "media")),
        # Plain http on loopback: no HTTPS redirect, no secure-only cookies, no HSTS.
        "DJANGO_SECURE_SSL_REDIRECT": os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "false"),
        "DJANGO_SECURE_COOKIES": os.environ.get("DJANGO_SECURE_COOKIES", "false"),
        "DJANGO_SECURE_HSTS_SECONDS": os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"),
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{http_port}",
        # nginx puts the site-wide banner into each page (server-side includes) and serves
        # the fallback copies Navet writes when it does not answer.
        "NAVET_BANNER_BY_PROXY": os.environ.get("NAVET_BANNER_BY_PROXY", "true"),
        "NAVET_FALLBACK_ROOT": os.environ.get(
            "NAVET_FALLBACK_ROOT", str(ROOT / ".run" / "production" / "fallback")
        ),
    }
    env.setdefault("DJANGO_SECRET_KEY", local_secret_key())
    env.update(overrides)
    return env


def ensure_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict) -> None:
    for url, default_port in ((env["DATABASE_URL"], 5432), (env["REDIS_URL"], 6379)):
        parts = urlsplit(url)
        if not answers(parts.hostname, parts.port or default_port):
            raise SystemExit(
                f"Nothing answers at {parts.hostname}:{parts.port or default_port} ({url})."
            )
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


# The sites' languages, as in navet.settings.base.LANGUAGES (a test keeps them the same):
# nginx keeps the public banner per language, and the language of a page is its address
# prefix (/en/, /fi/ ...), none for Swedish.
DEFAULT_LANGUAGE = "sv"
PREFIXED_LANGUAGES = ("en", "fi", "ar", "so", "fa", "ti")


def render_nginx(env: dict, run_dir: Path, extra_servers: str = "") -> Path:
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (run_dir / name).mkdir(parents=True, exist_ok=True)
    values = {
        "RUN": str(run_dir),
        "APP_PORT": env["NAVET_APP_PORT"],
        "HTTP_PORT": env["NAVET_HTTP_PORT"],
        "HTTP_BIND": env.get("NAVET_HTTP_BIND", "127.0.0.1"),
        "PUBLIC_HOST": env["NAVET_PUBLIC_HOST"],
        "INTRANET_HOST": env["NAVET_INTRANET_HOST"],
        "STATIC_ROOT": str(ROOT / "static_collected"),
        # The copies Navet writes for when it does not answer (navet.crisis.fallback).
        "FALLBACK_ROOT": env.get("NAVET_FALLBACK_ROOT") or str(run_dir / "fallback"),
        "EXTRA_SERVERS": extra_servers,
        "DEFAULT_LANGUAGE": DEFAULT_LANGUAGE,
        "BANNER_LANGUAGES": "|".join(PREFIXED_LANGUAGES),
    }
    # ${NAME} placeholders only; nginx's own $variables stay as they are.
    template = (ROOT / "deploy" / "nginx.conf.template").read_text()
    config = re.sub(r"\$\{([A-Z_]+)\}", lambda match: values[match.group(1)], template)
    path = run_dir / "nginx.conf"
    path.write_text(config)
    return path


def start(env: dict, run_dir: Path, *, workers: int = 2, extra_servers: str = "") -> list:
    """Start granian, nginx and the supervised task worker; returns the processes (stop them
    with `stop`)."""
    for port in (env["NAVET_APP_PORT"], env["NAVET_HTTP_PORT"]):
        # granian binds with SO_REUSEPORT: a leftover server would silently share the port.
        if answers("127.0.0.1", int(port)):
            raise SystemExit(f"Something already listens on 127.0.0.1:{port}; stop it first.")
    run_dir.mkdir(parents=True, exist_ok=True)
    if not Path(NGINX).exists():
        raise SystemExit("nginx is missing: apt-get install nginx libnginx-mod-http-cache-purge")
    config = render_nginx(env, run_dir, extra_servers)
    app = subprocess.Popen(
        [
            GRANIAN,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            env["NAVET_APP_PORT"],
            "--workers",
            str(workers),
            "--blocking-threads",
            "4",
            "--no-ws",
            "navet.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(run_dir / "granian.log", "w"),  # noqa: SIM115 - lives as long as the process
        start_new_session=True,  # its workers are stopped with it, as a group
    )
    web = subprocess.Popen(
        [NGINX, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
        stderr=open(run_dir / "nginx.log", "w"),  # noqa: SIM115
        start_new_session=True,
    )
    processes = [web, app]
    if env.get("NAVET_TASKS_BACKEND", "database") == "database":
        # Two workers: a long task (a search-index update at scale) never holds up the purge
        # that makes a publish visible, since the first takes nothing else.
        for number in range(1, WORKER_COUNT + 1):
            processes.append(
                subprocess.Popen(
                    [
                        PYTHON,
                        str(Path(__file__).resolve()),
                        "supervise",
                        *worker_command(
                            f"{socket.gethostname()}-{number}", queues=worker_queues(number)
                        ),
                    ],
                    cwd=ROOT,
                    env={**env, "PYTHONUNBUFFERED": "1"},
                    stdout=open(run_dir / f"worker-{number}.log", "w"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # the supervisor and its worker, stopped as a group
                )
            )
    wait_for("127.0.0.1", int(env["NAVET_APP_PORT"]))
    wait_for("127.0.0.1", int(env["NAVET_HTTP_PORT"]))
    return processes


def stop(processes: list) -> None:
    """Stop each server and every process it started (its session's process group)."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def supervise(command: list[str]) -> int:
    """Run `command` and start it again whenever it exits (after 1 s, then 2, 4 ... up to
    30 s while it keeps failing) until this process is told to stop. `stop` signals the
    whole process group, so the command gets the same SIGTERM and finishes its current
    task first."""
    stopping = False

    def shut_down(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, shut_down)
    signal.signal(signal.SIGINT, shut_down)
    delay = 1
    while True:
        started = time.monotonic()
        code = subprocess.Popen(command, cwd=ROOT).wait()
        if stopping:
            return 0
        if time.monotonic() - started > 60:
            delay = 1
        print(
            f"{time.strftime('%Y-%m-%d %H:%M:%S')} supervisor: {' '.join(command[1:])} "
            f"exited with code {code}; starting it again in {delay} s",
            flush=True,
        )
        deadline = time.monotonic() + delay
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return 0
        delay = min(delay * 2, 30)


def main() -> int:
    env = environment()
    prepare(env)
    processes = start(env, ROOT / ".run" / "production")
    port = env["NAVET_HTTP_PORT"]
    print(
        f"\n  Production profile (granian + nginx + task worker + PostgreSQL + Redis):\n"
        f"  Public website: http://{env['NAVET_PUBLIC_HOST']}:{port}/\n"
        f"  Intranet:       http://{env['NAVET_INTRANET_HOST']}:{port}/\n"
        f"  Admin:          http://{env['NAVET_PUBLIC_HOST']}:{port}/admin/\n"
        "  Ctrl-C stops it.\n"
    )
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
    return 0


if __name__ == "__main__":
    sys.exit(supervise(sys.argv[2:]) if sys.argv[1:2] == ["supervise"] else main())
