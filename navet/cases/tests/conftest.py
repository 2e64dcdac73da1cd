"""The cases' fixtures: a real IMAP server (Debian's dovecot-imapd) on loopback, with a
generated configuration in a temporary folder, and function mailboxes to read from it."""

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from navet.cases.models import CaseStatus, FunctionMailbox, ImapSecurity, MailboxTakingRole
from navet.organisation.models import Unit
from navet.organisation.roles import Role

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ImapServer:
    def __init__(self, root: Path, port: int, password: str):
        self.root, self.port, self.password = root, port, password
        self.host = "127.0.0.1"

    def add_user(self) -> tuple[str, str]:
        """A new mail account of its own, (user, password): every user name is an account
        (a static user database), whose mail folder appears when first used."""
        return f"box{uuid.uuid4().hex[:10]}", self.password

    def connect(self, user: str, password: str) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(user, password)
        return connection

    def deliver(self, user: str, password: str, raw: bytes) -> None:
        connection = self.connect(user, password)
        try:
            status, data = connection.append("INBOX", None, None, raw)
            assert status == "OK", data
        finally:
            connection.logout()

    def handled_and_waiting(self, user: str, password: str) -> tuple[int, int]:
        """How many messages carry the handled keyword, and how many do not."""
        connection = self.connect(user, password)
        try:
            connection.select("INBOX")
            _status, handled = connection.uid("SEARCH", None, "KEYWORD", "NavetCase")
            _status, waiting = connection.uid("SEARCH", None, "UNKEYWORD", "NavetCase")
            return len(handled[0].split()), len(waiting[0].split())
        finally:
            connection.logout()


@pytest.fixture(scope="session")
def imap_server():
    if not os.path.exists(DOVECOT):
        pytest.fail(
            "The IMAP tests need Debian's dovecot-imapd: run `make imap-server` "
            "(or apt-get install dovecot-imapd)."
        )
    root = Path(tempfile.mkdtemp(prefix="navet-imap-"))
    (root / "mail").mkdir()
    if os.geteuid() == 0:
        # Dovecot runs nothing as root: its own users read the mail folders.
        dovecot = pwd.getpwnam("dovecot")
        uid, gid = dovecot.pw_uid, dovecot.pw_gid
        users = ("dovenull", "dovecot", "dovecot")
        root.chmod(0o755)
        os.chown(root / "mail", uid, gid)
    else:
        uid, gid = os.getuid(), os.getgid()
        name = pwd.getpwuid(uid).pw_name
        users = (name, name, grp.getgrgid(gid).gr_name)
    port = _free_port()
    password = uuid.uuid4().hex
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            port=port,
            password=password,
            uid=uid,
            gid=gid,
            login_user=users[0],
            internal_user=users[1],
            internal_group=users[2],
        )
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                process.kill()
                pytest.fail(f"dovecot did not start on 127.0.0.1:{port}\n{log}")
            time.sleep(0.1)
    try:
        yield ImapServer(root, port, password)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def make_mailbox(db):
    """A function mailbox with a process: new, in progress, closed; communicators take."""

    def make(
        *, name=None, unit="Nyheter och media", goal_hours=8, roles=(Role.COMMUNICATOR,), **fields
    ):
        name = name or f"Testbrevlåda {uuid.uuid4().hex[:6]}"
        mailbox = FunctionMailbox.objects.create(
            name=name,
            address=fields.pop("address", f"{uuid.uuid4().hex[:8]}@linkoping.se"),
            handling_unit=Unit.objects.get(name=unit),
            answer_goal_hours=goal_hours,
            # All hours: the tests run on any day, at any hour (working_time has its own).
            goal_in_working_hours=fields.pop("goal_in_working_hours", False),
            **fields,
        )
        for order, (status, closes) in enumerate(
            (("Ny", False), ("Pågår", False), ("Avslutad", True))
        ):
            CaseStatus.objects.create(
                mailbox=mailbox, name=status, closes_case=closes, sort_order=order
            )
        for role in roles:
            MailboxTakingRole.objects.create(mailbox=mailbox, role=role)
        return mailbox

    return make


@pytest.fixture
def imap_mailbox(imap_server, make_mailbox, monkeypatch):
    """A function mailbox read from its own account on the IMAP server; its password is in
    an environment variable, as in production."""
    user, password = imap_server.add_user()
    variable = f"NAVET_TEST_IMAP_{user.upper()}"
    monkeypatch.setenv(variable, password)
    mailbox = make_mailbox(
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security=ImapSecurity.NONE,
        imap_user=user,
        imap_password_variable=variable,
    )
    mailbox.imap_password = password
    return mailbox
