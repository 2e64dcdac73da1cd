"""`make bench`: starts what it needs on loopback, loads a known data set (the demo
municipality), measures, and writes bench/results/latest.json. Not part of `make test`.

- render: uncached service time of the start, news and content pages as ratios to a bare
  Wagtail page at the same depth, and the most SQL queries any of them makes;
- throughput: cached anonymous start-page requests per second with wrk, as ratios to
  nginx serving the identical bytes as a static file; a signed-in intranet page against the
  uncached public render rate;
- publish_to_visible_s: publishing a news item until it shows on both start pages, under a
  background load of more than 200 requests per second;
- scale: the production profile with the demo grown to 50,000+ pages (bench/scale.py; set
  BENCH_SKIP_SCALE=1 to keep the last figures while developing);
- crisis: switching crisis mode on under the same cached load – until the banner shows on
  200+ cached pages, the throughput meanwhile, and the page renders it caused (bench/crisis.py);
- language_review: the plain-language engine on a 5,000-word page."""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy import production_stack as stack  # noqa: E402

RESULTS = ROOT / "bench" / "results"
RUN = ROOT / ".run" / "bench"
PYTHON = sys.executable
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
ROUNDS = 3
HTTP_PORT, APP_PORT, STATIC_PORT, EMBEDDED_PORT = 18080, 18001, 18090, 18011
DATABASE = "postgres://postgres@127.0.0.1:5432/navet_bench"
REDIS = "redis://127.0.0.1:6379/3"
SQLITE = RUN / "embedded.sqlite3"


def say(message):
    print(f"[bench] {message}", flush=True)


def django_step(env, step, extra=None):
    output = subprocess.run(
        [PYTHON, "bench/django_steps.py", step],
        cwd=ROOT,
        env={**env, **(extra or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise SystemExit(f"bench step {step} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def wrk(url, host, *, cookie=None, connections=16, seconds=WRK_SECONDS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", f"Host: {host}"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}:\n{output}")
    return rate


def load_data(env):
    stack.ensure_database(DATABASE)
    subprocess.run(["redis-cli", "-n", "3", "FLUSHDB"], check=True, capture_output=True)
    stack.manage(env, "migrate", "--noinput", "-v0")
    stack.manage(env, "load_demo")


def fresh_database():
    import psycopg

    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute("DROP DATABASE IF EXISTS navet_bench WITH (FORCE)")


def main() -> int:
    for tool in ("nginx", "wrk", "redis-cli"):
        if not shutil.which(tool) and not Path(stack.NGINX).exists():
            raise SystemExit(f"{tool} is missing (make bench installs it with apt-get).")
    for host, port in (("127.0.0.1", 5432), ("127.0.0.1", 6379)):
        if not stack.answers(host, port):
            raise SystemExit(f"make bench needs PostgreSQL and Redis on loopback ({host}:{port}).")
    started = time.monotonic()
    load_at_start = round(os.getloadavg()[0], 2)  # anything else on the cores skews the figures
    shutil.rmtree(RUN, ignore_errors=True)
    RUN.mkdir(parents=True)
    RESULTS.mkdir(exist_ok=True)

    production = stack.environment(
        DATABASE_URL=DATABASE,
        REDIS_URL=REDIS,
        NAVET_HTTP_PORT=str(HTTP_PORT),
        NAVET_SITE_PORT=str(HTTP_PORT),
        NAVET_APP_PORT=str(APP_PORT),
        NAVET_NGINX_PURGE_URL=f"http://127.0.0.1:{HTTP_PORT}",
        NAVET_MEDIA_ROOT=str(RUN / "media"),
        NAVET_LOG_LEVEL="WARNING",
    )
    # The data set: the demo municipality, loaded with the development profile (production
    # never loads demo data) into the benchmark's own database.
    say("loading the demo municipality into PostgreSQL")
    fresh_database()
    loading = {**production, "DJANGO_SETTINGS_MODULE": "navet.settings.dev"}
    loading.pop("NAVET_NGINX_PURGE_URL")  # nginx is not running yet
    load_data(loading)
    stack.manage(production, "collectstatic", "--noinput", "-v0")
    urls = django_step(production, "fixtures")["urls"]

    say("render: uncached service time against a bare Wagtail page")
    render = django_step(production, "render")

    say("starting the production profile: granian + nginx + PostgreSQL + Redis")
    reference = RUN / "reference"
    reference.mkdir()
    extra = (
        f"    server {{ listen 127.0.0.1:{STATIC_PORT}; root {reference}; "
        "location / { try_files $uri =404; } }\n"
    )
    processes = stack.start(production, RUN / "nginx", extra_servers=extra)
    public_host = f"localhost:{HTTP_PORT}"
    intranet_host = f"intranet.localhost:{HTTP_PORT}"
    base = f"http://127.0.0.1:{HTTP_PORT}"
    try:
        start_page = subprocess.run(
            ["curl", "-s", "-H", f"Host: {public_host}", f"{base}/"],
            capture_output=True,
            check=True,
        ).stdout
        (reference / "start.html").write_bytes(start_page)
        session = django_step(production, "session")["sessionid"]

        # Two cores are shared by wrk and the servers, so the runs alternate and the medians
        # are compared: drift on the machine hits both sides alike.
        say("throughput: nginx static file against the production profile's cached page")
        static_runs, production_runs = [], []
        for _ in range(ROUNDS):
            static_runs.append(wrk(f"http://127.0.0.1:{STATIC_PORT}/start.html", "localhost"))
            production_runs.append(wrk(f"{base}/", public_host))
        nginx_static = statistics.median(static_runs)
        production_rate = statistics.median(production_runs)
        say("throughput: public start page uncached against the signed-in intranet")
        uncached_runs, intranet_runs = [], []
        for _ in range(ROUNDS):
            uncached_runs.append(wrk(f"{base}/?uncached=1", public_host))
            intranet_runs.append(wrk(f"{base}/", intranet_host, cookie=session))
        public_uncached = statistics.median(uncached_runs)
        intranet_rate = statistics.median(intranet_runs)

        say("publish to visible under background load")
        load = subprocess.Popen(
            ["wrk", "-t1", "-c4", "-d40s", "-H", f"Host: {public_host}", f"{base}/"],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1)
        publish = django_step(
            production,
            "publish",
            {"BENCH_SESSION": session, "NAVET_HTTP_PORT": str(HTTP_PORT)},
        )
        background = load.communicate(timeout=120)[0]
        match = re.search(r"Requests/sec:\s+([\d.]+)", background or "")
        publish["background_requests_per_s"] = float(match.group(1)) if match else None

        say("crisis: switching crisis mode on under the cached load (bench/crisis.py)")
        import crisis as crisis_bench

        crisis_result = crisis_bench.measure(production, port=HTTP_PORT, host=public_host)
    finally:
        stack.stop(processes)

    say("throughput: embedded profile (make run: granian, SQLite, in-memory cache)")
    embedded_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "navet.settings.dev",
        "DATABASE_URL": f"sqlite:///{SQLITE}",
        "NAVET_SITE_PORT": str(EMBEDDED_PORT),
        "NAVET_MEDIA_ROOT": str(RUN / "media-embedded"),
        "NAVET_LOG_LEVEL": "WARNING",
    }
    embedded_env.pop("REDIS_URL", None)
    stack.manage(embedded_env, "migrate", "--noinput", "-v0")
    stack.manage(embedded_env, "load_demo")
    embedded = subprocess.Popen(
        [
            stack.GRANIAN,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(EMBEDDED_PORT),
            "--workers",
            "1",
            "--blocking-threads",
            "2",
            "--no-ws",
            "--log-level",
            "warning",
            "navet.wsgi:application",
        ],
        cwd=ROOT,
        env=embedded_env,
        start_new_session=True,
    )
    try:
        stack.wait_for("127.0.0.1", EMBEDDED_PORT)
        embedded_host = f"localhost:{EMBEDDED_PORT}"
        subprocess.run(
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-H",
                f"Host: {embedded_host}",
                f"http://127.0.0.1:{EMBEDDED_PORT}/",
            ],
            check=True,
        )
        embedded_rate = statistics.median(
            wrk(f"http://127.0.0.1:{EMBEDDED_PORT}/", embedded_host) for _ in range(ROUNDS)
        )
    finally:
        stack.stop([embedded])

    # The same stack at 50,000+ pages, on a database, Redis database and ports of its own.
    if os.environ.get("BENCH_SKIP_SCALE") == "1":
        say("scale: skipped (BENCH_SKIP_SCALE=1); the last measured figures are kept")
        previous = RESULTS / "latest.json"
        scale_result = json.loads(previous.read_text()).get("scale") if previous.exists() else None
    else:
        say("scale: the demo grown to 50,000+ pages (bench/scale.py)")
        import scale

        scale_result = scale.run(collectstatic=False)

    say("language review of a 5,000-word page")
    subprocess.run([PYTHON, "bench/language_review.py"], cwd=ROOT, check=False, capture_output=True)
    language = json.loads((RESULTS / "language_review.json").read_text())

    # BENCH_COMMIT names the commit when the tree measured is an export without .git.
    commit = (
        os.environ.get("BENCH_COMMIT")
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    )
    result = {
        "render": render,
        "throughput": {
            "runs": {
                "nginx_static": [round(rate) for rate in static_runs],
                "production": [round(rate) for rate in production_runs],
                "public_uncached": [round(rate) for rate in uncached_runs],
                "intranet": [round(rate) for rate in intranet_runs],
            },
            "nginx_static_requests_per_s": round(nginx_static),
            "production_requests_per_s": round(production_rate),
            "embedded_requests_per_s": round(embedded_rate),
            "public_uncached_requests_per_s": round(public_uncached),
            "intranet_requests_per_s": round(intranet_rate),
            "production_ratio_to_nginx": round(production_rate / nginx_static, 3),
            "embedded_ratio_to_nginx": round(embedded_rate / nginx_static, 3),
            "intranet_ratio_to_public_uncached": round(intranet_rate / public_uncached, 3),
        },
        "publish_to_visible_s": publish,
        "crisis": crisis_result,
        "scale": scale_result,
        "language_review": {
            "median_ms": language["median_ms"],
            "words": language["words"],
            "target_median_ms": language["target_median_ms"],
        },
        "targets": {
            "render_ratio_max": 1.5,
            "max_queries_per_page": 15,
            "production_ratio_to_nginx_min": 0.8,
            "embedded_ratio_to_nginx_min": 0.1,
            "intranet_ratio_to_public_uncached_min": 0.5,
            "publish_to_visible_max_s": 1.0,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "description": "2-core loopback; wrk shares the cores with the servers",
            "load_average_at_start": load_at_start,
        },
        "commit": commit,
        "urls": urls,
        "duration_s": round(time.monotonic() - started, 1),
    }
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
