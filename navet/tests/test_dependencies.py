"""Apps depend one way: organisation ← language ← editorial ← web ← intranet ← the newer apps,
in the order of LAYERS ← demo. A lower app never imports a higher one, not even inside a
function; a higher app plugs into a lower one through a registry or hook the lower app
defines. (Tests may exercise the apps together and are not counted.)"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
LAYERS = [
    "organisation",
    "language",
    "editorial",
    "web",
    "intranet",
    "directories",
    "governance",
    "crisis",
    "cases",
    "press",
    "forums",
    "archive",
    "demo",
]


def imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "navet" and len(parts) > 1 and parts[1] in LAYERS:
                apps.add(parts[1])
    return apps


def app_modules(app: str):
    for path in sorted((PACKAGE / app).rglob("*.py")):
        relative = path.relative_to(PACKAGE / app).parts
        if "tests" not in relative and "migrations" not in relative:
            yield path


@pytest.mark.parametrize("app", LAYERS)
def test_a_lower_app_never_imports_a_higher_one(app):
    higher = set(LAYERS[LAYERS.index(app) + 1 :])
    offending = {
        str(path.relative_to(PACKAGE)): sorted(imported_apps(path) & higher)
        for path in app_modules(app)
        if imported_apps(path) & higher
    }
    assert offending == {}


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from navet.web.models import StartPage\n")
    assert imported_apps(module) == {"web"}
