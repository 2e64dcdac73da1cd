"""The crisis figures of `make bench`, measured on the running production profile under the
same cached load as `throughput`:

- banner_visible_max_s: from the commit of the switch to crisis mode until every page of a
  sample of at least 200 cached public pages shows the banner (target ≤ 1 s), the worst of
  three switches;
- throughput_ratio_during_switch: requests per second in the 10 s after the switch over the
  10 s before (target ≥ 0.8), the median of three switches;
- renders_caused_by_switch: sample pages nginx had to fetch from Navet again after the
  switch, i.e. pages rendered because of it (target 0), over all three.

Run alone against a running stack: `python bench/crisis.py` (the ports of bench/run.py)."""

import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
WINDOW_S = 10
SWITCHES = 3
# After a switch is ended: its follow-up work (purges, fallback copies) done before the next.
SETTLE_S = 5
POLLERS = 8
# The pollers' resolution: a tenth of the target for banner_visible_max_s.
ROUND_S = 0.1
INGRESS = "Vattnet är avstängt i centrala Linköping. Hämta vatten vid tankarna på Stora torget."


def step(env, name):
    output = subprocess.run(
        [PYTHON, "bench/crisis_steps.py", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise SystemExit(f"crisis bench step {name} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


class Poller:
    """Asks nginx for every sample page in turn, over one kept-alive connection, a round
    every ROUND_S until told to stop, and notes when each first showed the banner and
    whether nginx had it cached. The pollers run through both windows alike, so they weigh
    on both rates the same, and they pause between rounds: they measure the load, they are
    not part of it (at full speed they took a core from nginx)."""

    def __init__(self, port, host, paths, marker):
        self.port, self.host, self.paths = port, host, paths
        self.marker = marker.encode()
        self.first_seen = {}
        self.misses = set()
        self.stop = threading.Event()

    def get(self, connection, path):
        connection.request("GET", path, headers={"Host": self.host})
        response = connection.getresponse()
        return response.read(), response.getheader("X-Nginx-Cache")

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stop.is_set():
            round_started = time.monotonic()
            for path in self.paths:
                body, status = self.get(connection, path)
                if status != "HIT":
                    self.misses.add(path)
                if path not in self.first_seen and self.marker in body:
                    self.first_seen[path] = time.time()
            self.stop.wait(ROUND_S - (time.monotonic() - round_started))
        connection.close()


def wrk_rate(url, host, seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"Host: {host}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def warm(port, host, paths):
    """Every sample page into nginx's cache, and Navet's workers warmed as in `make bench`
    (a query string passes nginx's cache)."""
    warmer = Poller(port, host, paths, marker="\0")
    for _ in range(2):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in paths:
            warmer.get(connection, path)
        for number in range(20):
            warmer.get(connection, f"/_banner/public/sv/?warm={number}")
        connection.close()


def switch_once(env, *, port, host, paths):
    """One switch to crisis mode between two windows of the cached load."""
    url = f"http://127.0.0.1:{port}/"

    def pollers_for(marker):
        """Eight pollers share the sample, so that one round over it stays short."""
        made = [Poller(port, host, paths[n::POLLERS], marker=marker) for n in range(POLLERS)]
        threads = [threading.Thread(target=poller.run) for poller in made]
        for thread in threads:
            thread.start()
        return made, threads

    def stop(made, threads):
        for poller in made:
            poller.stop.set()
        for thread in threads:
            thread.join()

    # Django is loaded before the windows, so that loading it weighs on neither.
    switcher = subprocess.Popen(
        [PYTHON, "bench/crisis_steps.py", "switch_on"],
        cwd=ROOT,
        env={**env, "BENCH_CRISIS_INGRESS": INGRESS},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert json.loads(switcher.stdout.readline())["ready"]

    # Before: the cached load, with the pollers finding no banner.
    idle, idle_threads = pollers_for(INGRESS)
    before = wrk_rate(url, host, WINDOW_S)
    stop(idle, idle_threads)

    # After: the same load and pollers while crisis mode is switched on.
    results = {}
    load = threading.Thread(target=lambda: results.update(after=wrk_rate(url, host, WINDOW_S)))
    load.start()
    pollers, threads = pollers_for(INGRESS)
    switcher.stdin.write("go\n")
    switcher.stdin.flush()
    output, _errors = switcher.communicate(timeout=120)
    switch = json.loads(output.strip().splitlines()[-1])
    load.join()
    deadline = switch["committed_at"] + 60
    while time.time() < deadline and sum(len(p.first_seen) for p in pollers) < len(paths):
        time.sleep(0.1)
    stop(pollers, threads)
    seen = {path: at for poller in pollers for path, at in poller.first_seen.items()}
    misses = set().union(*(poller.misses for poller in pollers))
    # A page that never showed the banner in the minute allowed counts as the whole minute.
    unseen = sorted(set(paths) - set(seen))
    last_seen = max(seen.values()) if not unseen else switch["committed_at"] + 60
    return {
        "pages_without_banner": unseen,
        "banner_visible_max_s": round(last_seen - switch["committed_at"], 3),
        "banner_visible_median_s": round(
            sorted(seen.values())[len(seen) // 2] - switch["committed_at"], 3
        ),
        "requests_per_s_before": round(before),
        "requests_per_s_during_switch": round(results["after"]),
        "throughput_ratio_during_switch": round(results["after"] / before, 3),
        "renders_caused_by_switch": len(misses),
    }


def measure(env, *, port, host):
    """SWITCHES switches, each ended before the next: the worst banner time, every render,
    and the median throughput ratio (two 10 s windows on two shared cores differ by up to a
    fifth with nothing changed; the median of three, as in `throughput`, is steadier)."""
    paths = step(env, "paths")["paths"]
    warm(port, host, paths)
    switches = []
    for _ in range(SWITCHES):
        switches.append(switch_once(env, port=port, host=host, paths=paths))
        step(env, "switch_off")
        time.sleep(SETTLE_S)
    return {
        "sample_pages": len(paths),
        "switches": len(switches),
        "pages_without_banner": sorted({p for s in switches for p in s["pages_without_banner"]}),
        "banner_visible_max_s": max(s["banner_visible_max_s"] for s in switches),
        "banner_visible_median_s": statistics.median(
            s["banner_visible_median_s"] for s in switches
        ),
        "throughput_ratio_during_switch": statistics.median(
            s["throughput_ratio_during_switch"] for s in switches
        ),
        "renders_caused_by_switch": sum(s["renders_caused_by_switch"] for s in switches),
        "each_switch": [
            {key: value for key, value in s.items() if key != "pages_without_banner"}
            for s in switches
        ],
        "targets": {
            "banner_visible_max_s": 1.0,
            "throughput_ratio_during_switch_min": 0.8,
            "renders_caused_by_switch": 0,
        },
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import run

    from deploy import production_stack as stack

    environment = stack.environment(
        DATABASE_URL=run.DATABASE,
        REDIS_URL=run.REDIS,
        NAVET_HTTP_PORT=str(run.HTTP_PORT),
        NAVET_SITE_PORT=str(run.HTTP_PORT),
        NAVET_APP_PORT=str(run.APP_PORT),
        NAVET_NGINX_PURGE_URL=f"http://127.0.0.1:{run.HTTP_PORT}",
        NAVET_LOG_LEVEL="WARNING",
    )
    print(json.dumps(measure(environment, port=run.HTTP_PORT, host=f"localhost:{run.HTTP_PORT}")))
