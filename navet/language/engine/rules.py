"""The review rules: id, default severity and a Swedish name for the admin. Ids start with
the rule of DESIGN.md (W3.3c, W3.3e) or the WCAG success criterion they serve."""

from .findings import Severity

RULES: dict[str, tuple[Severity, str]] = {
    "W3.3e.lix": (Severity.WARNING, "Svårläst text (LIX över 50)"),
    "W3.3e.long-sentence": (Severity.ADVICE, "Lång mening (över 25 ord)"),
    "W3.3e.easy-to-read.lix": (Severity.ERROR, "Lättläst: LIX över 30"),
    "W3.3e.easy-to-read.long-sentence": (Severity.ERROR, "Lättläst: mening över 15 ord"),
    "W3.3e.bureaucratic": (Severity.WARNING, "Byråkratiskt ord eller uttryck"),
    "W3.3e.value-laden": (Severity.WARNING, "Värdeladdat ord"),
    "W3.3e.jargon": (Severity.WARNING, "Internt begrepp som inte förklaras"),
    "W3.3e.passive": (Severity.ADVICE, "Många passiva verb"),
    "W3.3e.capitals": (Severity.WARNING, "Lång text med versaler"),
    "W3.3c.ingress-sentences": (Severity.WARNING, "Ingressen har fler än två meningar"),
    "WCAG.1.1.1.alt-missing": (Severity.ERROR, "Bild utan alternativtext"),
    "WCAG.1.1.1.alt-filename": (Severity.ERROR, "Filnamn som alternativtext"),
    "WCAG.1.3.1.heading-skip": (Severity.WARNING, "Rubriknivå hoppas över"),
    "WCAG.2.4.6.heading-empty": (Severity.ERROR, "Tom rubrik"),
    "WCAG.2.4.4.link-text": (Severity.WARNING, "Otydlig länktext"),
    "WCAG.2.4.4.bare-url": (Severity.WARNING, "Webbadress som länktext"),
    "WCAG.2.4.4.document-link": (Severity.WARNING, "Dokumentlänk utan filtyp och storlek"),
    "WCAG.1.3.1.table-headers": (Severity.ERROR, "Tabell utan rubrikceller"),
    "W3.6.look-alike-link": (
        Severity.WARNING,
        "Länk till en adress som liknar kommunens men inte finns i domänregistret",
    ),
}


def severities_with(overrides: dict | None = None) -> dict[str, Severity]:
    chosen = {rule: default for rule, (default, _label) in RULES.items()}
    for rule, severity in (overrides or {}).items():
        if rule in chosen:
            chosen[rule] = Severity(severity)
    return chosen
