"""The site-wide banner slot (navet.web.banner): what is put where a page's placeholder is."""

import pytest
from wagtail import hooks

from navet.web import banner


@pytest.fixture
def message(db):
    """A banner from a hook, as a higher app gives it; the text can be changed."""
    text = {"public": "Kris i Linköping", "intranet": "Till personalen"}

    def show(*, audience, language):
        return f'<div class="b" lang="{language}">{text[audience]}</div>'

    with hooks.register_temporarily(banner.BANNER_HOOK, show):
        yield text


def test_every_placeholder_gets_its_audiences_banner_in_its_language(message):
    page = (
        b"<body>"
        + banner.placeholder(audience="public", language="sv").encode()
        + b"<main>...</main>"
        + banner.placeholder(audience="intranet", language="en").encode()
        + b'<!--# include virtual="/_banner/other/sv/" --></body>'
    )
    assert banner.assemble(page) == (
        b'<body><div class="b" lang="sv">Kris i Link\xc3\xb6ping</div><main>...</main>'
        b'<div class="b" lang="en">Till personalen</div>'
        # Not a placeholder Navet writes: left as it is.
        b'<!--# include virtual="/_banner/other/sv/" --></body>'
    )
    assert banner.assemble(b"<body>no slot</body>") == b"<body>no slot</body>"


def test_a_banner_changed_by_another_process_is_served_at_once(message):
    """The banner is kept in the shared cache under its generation; a change in any
    process moves the generation on, and every process serves the new banner."""
    page = banner.placeholder(audience="public", language="sv").encode()
    assert b"Kris i Link" in banner.assemble(page)
    message["public"] = "Krisen är över"
    assert b"Kris i Link" in banner.assemble(page)  # until the change is told
    banner.banner_generation.advance()
    assert "Krisen är över".encode() in banner.assemble(page)
