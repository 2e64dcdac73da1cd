"""Benchmark: reviewing a 5,000-word HTML page (issue target: median at most 20 ms).

Run by `make bench`; writes bench/results/language_review.json. The page mixes what real
pages have: headings, paragraphs, lists, links, images, a table, bureaucratic phrases."""

import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from navet.language.engine import review

ROOT = Path(__file__).resolve().parent
TARGET_MS = 20.0
RUNS = 60

PARAGRAPH = (
    "<p>Du kan ansöka om bidrag till föreningens verksamhet. Ansökan ska vara inne senast "
    "den 1 mars, t.ex. via e-tjänsten. Vi beaktar bl.a. antalet medlemmar och i enlighet "
    "med reglerna erhåller föreningen ett grundbidrag. Läs om "
    '<a href="/foreningar/bidrag/">bidrag till föreningar</a> innan du söker.</p>'
)
BLOCK = (
    "<h2>Bidrag till föreningar</h2>"
    + PARAGRAPH * 3
    + "<ul><li>Kontoutdrag för de senaste tre månaderna.</li><li>Hyresavi.</li></ul>"
    + '<img src="/media/images/bild.jpg" alt="Ungdomar spelar fotboll">'
    + "<table><tr><th>Avgift</th><th>Belopp</th></tr><tr><td>Hall</td><td>100 kr</td></tr>"
    + "</table><h3>Så gör du</h3>"
    + PARAGRAPH * 2
)


def build_page(words: int = 5000) -> str:
    block_words = review(BLOCK).words
    return "<article>" + BLOCK * (words // block_words + 1) + "</article>"


def main() -> int:
    page = build_page()
    measured = review(page)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        review(page)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    result = {
        "benchmark": "language_review",
        "words": measured.words,
        "html_bytes": len(page.encode()),
        "findings": len(measured.findings),
        "runs": RUNS,
        "median_ms": round(median, 2),
        "p90_ms": round(statistics.quantiles(timings, n=10)[-1], 2),
        "target_median_ms": TARGET_MS,
        "meets_target": median <= TARGET_MS,
        "machine": f"{platform.machine()}, {platform.processor() or platform.node()}, "
        f"Python {platform.python_version()}",
        "commit": commit,
    }
    out = ROOT / "results" / "language_review.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
