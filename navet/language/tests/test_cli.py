"""The console script `navet-language-review`, as an editor or a script would run it."""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "navet-language-review"


def run(*args, stdin=""):
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def test_W3_3e_cli_json_names_both_phrases_with_their_replacements():
    result = run("--json", "-", stdin="Du kan erhålla bidrag i enlighet med reglerna.\n")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"lix", "band", "words", "sentences", "findings"}
    assert data["lix"] == 45.5
    assert data["band"] == "medelsvår"
    found = {(f["rule"], f["suggestion"]) for f in data["findings"]}
    assert ("W3.3e.bureaucratic", "få") in found
    assert ("W3.3e.bureaucratic", "enligt") in found
    for finding in data["findings"]:
        assert set(finding) == {"rule", "severity", "start", "end", "message", "suggestion"}


def test_cli_exit_status_is_1_on_an_error_level_finding(tmp_path):
    page = tmp_path / "sida.html"
    page.write_text('<p>Se bilden.</p><img src="karta.png">', encoding="utf-8")
    result = run(str(page))
    assert result.returncode == 1
    assert "FEL [WCAG.1.1.1.alt-missing]" in result.stdout
    assert "1:18:" in result.stdout  # line and column of the <img>, counted from 1


def test_cli_reads_plain_text_files_and_says_when_all_is_well(tmp_path):
    text = tmp_path / "text.txt"
    text.write_text("Skolan börjar i augusti. Alla elever får lunch.", encoding="utf-8")
    result = run(str(text))
    assert result.returncode == 0
    assert "Inga anmärkningar." in result.stdout
    assert result.stdout.startswith("LIX")


def test_cli_reports_an_unreadable_file_in_swedish():
    result = run("/finns/inte.txt")
    assert result.returncode == 2
    assert "kan inte läsa" in result.stderr


def test_the_engine_is_pure_python_without_django():
    code = (
        "import sys, navet.language.engine as e; e.review('<p>Hej.</p>'); "
        "sys.exit(any(name.split('.')[0] in ('django', 'wagtail') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
