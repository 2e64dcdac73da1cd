"""`navet-language-review [--json] FILE|-`: review Swedish text or HTML from the command line.
Exit status 1 when there is an error-level finding, 2 on bad usage."""

import argparse
import json
import sys

from .engine import EASY_TO_READ, STANDARD, review

SEVERITY_NAMES = {"error": "FEL", "warning": "VARNING", "advice": "RÅD"}


def _line_and_column(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="navet-language-review",
        description="Klarspråks- och tillgänglighetsgranskning av svensk text eller HTML.",
    )
    parser.add_argument("file", help="fil att granska, eller - för standard in")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument(
        "--lattlast", action="store_true", help="granska som lättläst svenska (strängare)"
    )
    arguments = parser.parse_args(argv)

    try:
        if arguments.file == "-":
            source = sys.stdin.read()
        else:
            with open(arguments.file, encoding="utf-8") as handle:
                source = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"navet-language-review: kan inte läsa {arguments.file}: {error}", file=sys.stderr)
        return 2

    result = review(source, profile=EASY_TO_READ if arguments.lattlast else STANDARD)
    if arguments.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(
            f"LIX {result.lix} ({result.band}), {result.words} ord, {result.sentences} meningar, "
            f"i snitt {result.average_sentence_length} ord per mening."
        )
        for finding in result.findings:
            line, column = _line_and_column(source, finding.start)
            print(
                f"{line}:{column}: {SEVERITY_NAMES[finding.severity.value]} [{finding.rule}] "
                f"{finding.message}"
                + (f" Förslag: {finding.suggestion}" if finding.suggestion else "")
            )
        if not result.findings:
            print("Inga anmärkningar.")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
