"""Database backends for the test settings: Django's own, starting each pytest session
from the demo snapshot (navet.tests.demo_snapshot) when there is one."""
