"""Every review rule with texts that must and must not trigger it (W3.3c, W3.3e, WCAG)."""

import pytest

from navet.language.engine import EASY_TO_READ, RULES, JargonTerm, Severity, review, review_ingress
from navet.language.engine.wording import DATA


def rules_in(source, **options):
    return [finding.rule for finding in review(source, **options).findings]


PLAIN_SAMPLE = (
    "<h2>Ansök om plats i förskola</h2>"
    "<p>Alla barn från ett års ålder har rätt till förskola. Du ansöker i vår e-tjänst. "
    "Logga in med bank-id.</p>"
    "<h3>Så går det till</h3>"
    "<ol><li>Välj upp till fem förskolor.</li><li>Skicka in ansökan.</li>"
    "<li>Du får ett erbjudande om plats inom fyra månader.</li></ol>"
    '<p>Har du frågor? Ring oss på 013-20 60 00 eller läs om <a href="/avgifter/">avgifter '
    "för förskola</a>.</p>"
    '<figure><img src="/media/barn.jpg" alt="Barn som leker i en sandlåda"></figure>'
)


def test_W3_3e_no_finding_on_a_plain_well_written_text():
    result = review(PLAIN_SAMPLE)
    assert result.findings == []
    assert result.lix < 40


def test_W3_3e_bureaucratic_list_is_large_enough():
    lines = (DATA / "bureaucratic.tsv").read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if line.strip() and not line.startswith("#")) >= 150


@pytest.mark.parametrize(
    "text,suggestion",
    [
        ("Du kan erhålla bidrag.", "få"),
        ("Sökande erhöll beskedet i går.", "få"),
        ("Kommunen tillhandahåller stöd.", "ge, erbjuda"),
        ("Betala i enlighet med avtalet.", "enligt"),
        ("Vi beaktar dina synpunkter.", "ta hänsyn till"),
        ("Du ska inkomma med intyg.", "skicka in, lämna in"),
        ("Beslut avseende bygglov.", "om, när det gäller"),
    ],
)
def test_W3_3e_bureaucratic_words_in_inflected_forms(text, suggestion):
    findings = [f for f in review(text).findings if f.rule == "W3.3e.bureaucratic"]
    assert suggestion in [f.suggestion for f in findings], text


def test_W3_3e_bureaucratic_does_not_trigger_on_plain_words():
    assert "W3.3e.bureaucratic" not in rules_in("Du får bidrag enligt reglerna om du söker.")
    assert "W3.3e.bureaucratic" not in rules_in("Inkomsten avgör avgiften. Framgången var stor.")


def test_W3_3e_bureaucratic_phrase_does_not_span_punctuation():
    assert "W3.3e.bureaucratic" not in rules_in("Ta med pass, i enlighet. Med detta klart.")


def test_W3_3e_value_laden_words():
    assert "W3.3e.value-laden" in rules_in("Vi har en fantastisk simhall.")
    assert "W3.3e.value-laden" in rules_in("Tyvärr är biblioteket stängt.")
    assert "W3.3e.value-laden" not in rules_in("Simhallen har en bassäng på 50 meter.")


def test_W3_3e_jargon_is_flagged_unless_explained_on_first_use():
    terms = [JargonTerm("KiB", "kommunikatör i beredskap")]
    unexplained = review("Ring KiB om det brinner. KiB svarar dygnet runt.", jargon=terms)
    jargon = [f for f in unexplained.findings if f.rule == "W3.3e.jargon"]
    assert len(jargon) == 1
    assert jargon[0].start == 5
    assert jargon[0].suggestion == "kommunikatör i beredskap (KiB)"

    for explained in (
        "Ring kommunikatör i beredskap (KiB) om det brinner. KiB svarar.",
        "Ring KiB (kommunikatör i beredskap) om det brinner.",
    ):
        assert "W3.3e.jargon" not in rules_in(explained, jargon=terms)


def test_W3_3e_jargon_matches_inflected_forms_and_defaults_to_the_seed_list():
    assert "W3.3e.jargon" in rules_in("Läs mer på Linwebben.")
    assert "W3.3e.jargon" in rules_in("Systemet är ett förvaltningsobjekt enligt PM3.")
    assert "W3.3e.jargon" not in rules_in("Läs mer på intranätet.")


PASSIVE_TEXT = (
    "Ansökan skickas till kommunen. Beslutet meddelas inom en månad. "
    "Bidraget betalas ut i mars. Pengarna sätts in på ditt konto."
)


def test_W3_3e_passive_density():
    findings = [f for f in review(PASSIVE_TEXT).findings if f.rule == "W3.3e.passive"]
    flagged = {PASSIVE_TEXT[f.start : f.end] for f in findings}
    assert flagged == {"skickas", "meddelas", "betalas", "sätts"}
    assert "75 %" in findings[0].message or "100 %" in findings[0].message


def test_W3_3e_deponent_verbs_are_not_passive():
    text = "Vi hoppas att du trivs. Det finns plats. Vi lyckades. Minns du oss?"
    assert "W3.3e.passive" not in rules_in(text)


def test_W3_3e_a_single_passive_is_fine():
    assert "W3.3e.passive" not in rules_in("Ansökan skickas till oss. Vi svarar inom en vecka.")


def test_W3_3e_long_sentences_are_marked():
    long_sentence = " ".join(["ord"] * 26) + "."
    findings = [f for f in review(long_sentence).findings if f.rule == "W3.3e.long-sentence"]
    assert len(findings) == 1
    assert "26 ord" in findings[0].message
    assert "W3.3e.long-sentence" not in rules_in(" ".join(["ord"] * 25) + ".")


def test_W3_3e_difficult_text_gets_a_lix_finding():
    difficult = (
        "Kommunfullmäktiges verksamhetsplanering förutsätter omfattande "
        "kvalitetsuppföljning, resursfördelningsmodeller och kontinuerlig "
        "kompetensutveckling avseende organisationens samtliga verksamhetsområden. "
    ) * 3
    assert "W3.3e.lix" in rules_in(difficult)


def test_W3_3e_easy_to_read_is_held_to_stricter_limits():
    text = (
        "Du kan få hjälp med att betala hyran om du har låga inkomster och inte kan "
        "betala själv just nu."
    )  # 20 words: fine normally, too long for lättläst
    assert "W3.3e.long-sentence" not in rules_in(text)
    easy = review(text, profile=EASY_TO_READ)
    rules = {f.rule: f.severity for f in easy.findings}
    assert rules["W3.3e.easy-to-read.long-sentence"] is Severity.ERROR

    medium = "Kommunen erbjuder familjerådgivning för föräldrar och ungdomar. " * 3
    assert review(medium).lix > 30
    assert "W3.3e.easy-to-read.lix" in rules_in(medium, profile=EASY_TO_READ)
    assert "W3.3e.easy-to-read.lix" not in rules_in(
        "Vi hjälper dig. Ring oss i dag.", profile=EASY_TO_READ
    )


def test_W3_3c_ingress_checks():
    assert review_ingress("Skolan börjar 18 augusti.") == []
    # The length is the publishing rule's (navet.editorial.rules), checked in one place.
    assert review_ingress("Ord " * 100) == []
    three = review_ingress("Skolan börjar. Ta med matsäck. Kom i tid.")
    assert [f.rule for f in three] == ["W3.3c.ingress-sentences"]
    assert review_ingress("Skolan börjar. Ta med matsäck.") == []


@pytest.mark.parametrize(
    "html,rule",
    [
        ('<p>Se bilden.</p><img src="a.jpg">', "WCAG.1.1.1.alt-missing"),
        ('<embed embedtype="image" id="4" format="left"/>', "WCAG.1.1.1.alt-missing"),
        ('<img src="a.jpg" alt="IMG_4711.JPG">', "WCAG.1.1.1.alt-filename"),
        ('<img src="a.jpg" alt="DSC-0042">', "WCAG.1.1.1.alt-filename"),
        ("<h2>Avgifter</h2><h4>Förskola</h4>", "WCAG.1.3.1.heading-skip"),
        ("<h2> </h2><p>Text.</p>", "WCAG.2.4.6.heading-empty"),
        ('<p>Ansök <a href="/ansok/">här</a>.</p>', "WCAG.2.4.4.link-text"),
        ('<p><a href="/mer/">Läs mer</a></p>', "WCAG.2.4.4.link-text"),
        ('<p><a href="/ansok/">Klicka här</a></p>', "WCAG.2.4.4.link-text"),
        ('<p><a href="https://linkoping.se/">https://linkoping.se/</a></p>', "WCAG.2.4.4.bare-url"),
        ('<p><a href="/documents/1/taxa.pdf">Taxa 2027</a></p>', "WCAG.2.4.4.document-link"),
        ('<p><a linktype="document" id="3">Taxa 2027</a></p>', "WCAG.2.4.4.document-link"),
        ("<table><tr><td>Avgift</td><td>100 kr</td></tr></table>", "WCAG.1.3.1.table-headers"),
        ("<p>VIKTIGT ATT ALLA LÄSER DETTA NOGGRANT</p>", "W3.3e.capitals"),
    ],
)
def test_WCAG_markup_rules_trigger(html, rule):
    assert rule in rules_in(html)


@pytest.mark.parametrize(
    "html",
    [
        '<img src="a.jpg" alt="Barn som leker">',
        '<img src="a.jpg" alt="">',  # decorative
        "<h2>Avgifter</h2><h3>Förskola</h3><h2>Skola</h2>",
        '<p><a href="/ansok/">Ansök om förskoleplats</a></p>',
        '<p><a href="/documents/1/taxa.pdf">Taxa 2027 (PDF, 1,2 MB)</a></p>',
        "<table><tr><th>Avgift</th></tr><tr><td>100 kr</td></tr></table>",
        "<p>Läs om EU och FN i PDF-filen.</p>",
    ],
)
def test_WCAG_markup_rules_stay_quiet_on_good_markup(html):
    assert rules_in(html) == []


def test_findings_point_into_the_html_source():
    html = "<p>Du kan <em>erhålla</em> bidrag &amp; stöd i enlighet med reglerna.</p>"
    findings = [f for f in review(html).findings if f.rule == "W3.3e.bureaucratic"]
    assert [html[f.start : f.end] for f in findings] == ["erhålla", "i enlighet med"]


def test_severities_can_be_overridden():
    findings = review("Du kan erhålla bidrag.", severities={"W3.3e.bureaucratic": "error"}).findings
    assert findings[0].severity is Severity.ERROR


def test_every_rule_has_a_swedish_name_and_a_rule_id_prefix():
    for rule, (severity, label) in RULES.items():
        assert rule.startswith(("W3.3c.", "W3.3e.", "W3.6.", "WCAG."))
        assert isinstance(severity, Severity)
        assert label


def test_hostile_input_never_breaks_the_review():
    for source in (
        "",
        "<",
        "<<<>>>",
        "<p",
        "&#x110000;",
        "<a href='x'>" * 500,
        "\x00\x01",
        "ä" * 20000,
    ):
        review(source)


LOOK_ALIKE = '<p>Läs om <a href="https://linkoping-kampanj.se/sommar">sommarkampanjen</a>.</p>'


def test_W3_6_a_link_to_a_host_that_only_looks_like_ours_is_questioned():
    findings = [
        finding
        for finding in review(LOOK_ALIKE, own_domains=["linkoping.se"]).findings
        if finding.rule == "W3.6.look-alike-link"
    ]
    assert len(findings) == 1
    assert "linkoping-kampanj.se" in findings[0].message
    assert findings[0].excerpt == "sommarkampanjen"
    assert LOOK_ALIKE[findings[0].start : findings[0].end].startswith("<a ")


@pytest.mark.parametrize(
    "href",
    [
        "https://www.linkoping.se/bygga/",  # ours
        "https://linkoping-kampanj.se/",  # an exception in force counts as ours
        "https://www.regeringen.se/",  # plainly someone else's
        "/bygga/",  # a page of the site itself
    ],
)
def test_W3_6_links_to_our_own_or_to_plainly_other_hosts_are_not_questioned(href):
    source = f'<p>Läs om <a href="{href}">sommarkampanjen</a>.</p>'
    own = ["linkoping.se", "linkoping-kampanj.se"]
    assert "W3.6.look-alike-link" not in rules_in(source, own_domains=own)


def test_W3_6_without_the_register_no_link_is_questioned():
    assert "W3.6.look-alike-link" not in rules_in(LOOK_ALIKE)
