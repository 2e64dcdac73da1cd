from django.core.management.base import BaseCommand

from navet.archive.linkcheck import ExternalLinkChecker, check_links


class Command(BaseCommand):
    help = (
        "Check the links of every live page (W3.7): internal ones through the reference "
        "index, external ones politely (a pause per host, HEAD then GET, back-off)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--internal-only", action="store_true")
        parser.add_argument(
            "--pause", type=float, default=1.0, help="Seconds between requests to one host."
        )

    def handle(self, *args, internal_only=False, pause=1.0, **options):
        broken = check_links(external=not internal_only, checker=ExternalLinkChecker(pause=pause))
        self.stdout.write(f"{broken} broken links.")
