"""`newsdesk nudge --post` against a local HTTP server and `--email` against a local SMTP server (aiosmtpd),
both started here: what arrives, what a failure says, and that no secret is ever printed."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sitekit import copy_site, newsdesk

TODAY = "2026-11-25"
SECRET = "T0KEN-s3cr3t-4242"
PASSWORD = "pa55-w0rd-never-shown"
PROPOSE = "https://nudge.example.com/desk/contribute/new/?department=research&channels=linkedin&date=2026-11-26&time=12%3A00"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_site("nudge", tmp_path_factory.mktemp("send"))


# -- a chat webhook ------------------------------------------------------------------------------------


@dataclass
class Webhook:
    """A local incoming webhook: answers each POST with the next of `answers` (200 once they run out)."""

    answers: list[int | str] = field(default_factory=list)
    received: list[tuple[str, str, bytes]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server calls it by this name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hook.received.append((self.path, self.headers["Content-Type"], body))
            answer = hook.answers.pop(0) if hook.answers else 200
            if answer == "hang":
                time.sleep(6)  # far longer than the command's --timeout
                return
            self.send_response(int(answer))
            self.end_headers()
            self.wfile.write(f"{SECRET} echoed".encode())  # a server that repeats the address

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/{SECRET}"
    yield hook
    server.shutdown()
    server.server_close()


def post(root: Path, *args: str, **env: str) -> tuple[int, str]:
    done = newsdesk(root, "nudge", *args, NEWSDESK_TODAY=TODAY, **env)
    output = done.stdout + done.stderr
    assert SECRET not in output and PASSWORD not in output, output
    return done.returncode, output


def test_post_to_slack_or_google_chat(root: Path, webhook: Webhook) -> None:
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=webhook.url)
    assert code == 0, output
    assert "the nudge went out by chat" in output
    [(path, kind, body)] = webhook.received
    assert path == f"/hooks/{SECRET}" and kind == "application/json; charset=utf-8"
    payload = json.loads(body)
    assert list(payload) == ["text"]
    text = payload["text"]
    assert text.startswith("*Nudge fixture: Nudge for Wednesday 25 November 2026*\n")
    # Links in Slack's form; a department name that spells a mention arrives as entities, mentioning nobody.
    assert f"<{PROPOSE}|Propose a story>" in text
    assert "Marketing &lt;!here&gt; *team*" in text and "<!here>" not in text
    assert "Pay &amp; benefits" in text


def test_post_a_teams_adaptive_card_with_the_url_on_the_command_line(root: Path, webhook: Webhook) -> None:
    code, output = post(root, "--post", webhook.url, "--post-format", "teams")
    assert code == 0, output
    [(_, _, body)] = webhook.received
    payload = json.loads(body)
    assert payload["type"] == "message"
    [attachment] = payload["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    # Every value is a TextRun, which reads no markdown: the name shows as it is written.
    assert {block["type"] for block in card["body"]} == {"RichTextBlock"}
    runs = [run for block in card["body"] for run in block["inlines"]]
    assert {run["type"] for run in runs} == {"TextRun"}
    texts = [run["text"] for run in runs]
    assert 'Pay & benefits: "what\'s new" in *2027*' in texts
    assert " (Marketing <!here> *team*; LinkedIn, Twitter / X; 14:00)" in texts
    actions = {run["text"]: run["selectAction"]["url"] for run in runs if "selectAction" in run}
    assert actions["Propose a story"] == PROPOSE


def test_a_500_is_retried_once_then_a_clear_error_and_exit_1(root: Path, webhook: Webhook) -> None:
    webhook.answers = [500, 503]
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=webhook.url)
    assert code == 1
    assert "newsdesk: could not post the nudge: 127.0.0.1 answered HTTP 503" in output
    assert "twice" in output
    assert len(webhook.received) == 2


def test_a_refusal_is_not_retried(root: Path, webhook: Webhook) -> None:
    webhook.answers = [404]
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=webhook.url)
    assert code == 1 and "answered HTTP 404" in output
    assert len(webhook.received) == 1


def test_a_500_then_success_goes_out(root: Path, webhook: Webhook) -> None:
    webhook.answers = [500]
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=webhook.url)
    assert code == 0, output
    assert len(webhook.received) == 2 and webhook.received[0][2] == webhook.received[1][2]


def test_a_hanging_server_is_cut_by_the_timeout(root: Path, webhook: Webhook) -> None:
    webhook.answers = ["hang", "hang"]
    start = time.monotonic()
    code, output = post(root, "--post", "--timeout", "1", NEWSDESK_WEBHOOK_URL=webhook.url)
    elapsed = time.monotonic() - start
    assert code == 1
    assert "127.0.0.1 did not answer within 1 seconds, twice" in output
    assert elapsed < 5.5, elapsed  # two 1-second attempts and a pause, not the server's 6 seconds


def test_an_unreachable_or_missing_webhook(root: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=f"http://127.0.0.1:{port}/{SECRET}")
    assert code == 1 and "could not reach 127.0.0.1" in output
    code, output = post(root, "--post", NEWSDESK_WEBHOOK_URL=f"ftp://{SECRET}.example/")
    assert code == 1 and "must start with https://" in output
    code, output = post(root, "--post")
    assert code == 2 and "NEWSDESK_WEBHOOK_URL" in output


# -- e-mail ------------------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(
        self, server: Any, session: Any, envelope: Any
    ) -> str:  # aiosmtpd calls it by this name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == PASSWORD
        if ok:
            box.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        box.port = probe.getsockname()[1]
    controller = Controller(
        box, hostname="127.0.0.1", port=box.port, authenticator=authenticator, auth_require_tls=False
    )
    controller.start()
    yield box
    controller.stop()


def smtp_env(box: Mailbox, **override: str) -> dict[str, str]:
    env = {
        "NEWSDESK_SMTP_HOST": "127.0.0.1",
        "NEWSDESK_SMTP_PORT": str(box.port),
        "NEWSDESK_SMTP_SECURITY": "none",
        "NEWSDESK_SMTP_USER": "desk",
        "NEWSDESK_SMTP_PASSWORD": PASSWORD,
        "NEWSDESK_SMTP_FROM": "desk@nudge.example.com",
        "NEWSDESK_SMTP_TO": "leads@nudge.example.com, editor@nudge.example.com",
    }
    return {**env, **override}


def test_email_arrives_with_a_plain_and_an_html_part(root: Path, mailbox: Mailbox) -> None:
    code, output = post(root, "--email", **smtp_env(mailbox))
    assert code == 0, output
    assert "the nudge went out by e-mail" in output
    assert mailbox.logins == ["desk"]
    [(sender, recipients, content)] = mailbox.messages
    assert sender == "desk@nudge.example.com"
    assert recipients == ["leads@nudge.example.com", "editor@nudge.example.com"]
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert message["Subject"] == "Nudge fixture: Nudge for Wednesday 25 November 2026"
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()  # type: ignore[attr-defined]
    assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    text = plain.get_content()
    assert 'Pay & benefits: "what\'s new" in *2027*' in text and PROPOSE in text
    markup = html.get_content()
    assert markup.startswith("<!DOCTYPE html>") and "Marketing &lt;!here&gt; *team*" in markup
    assert f'href="{PROPOSE.replace("&", "&amp;")}"' in markup
    assert PASSWORD.encode() not in content


def test_a_wrong_password_fails_without_showing_it(root: Path, mailbox: Mailbox) -> None:
    code, output = post(root, "--email", **smtp_env(mailbox, NEWSDESK_SMTP_PASSWORD=PASSWORD + "x"))
    assert code == 1
    assert "refused the login of NEWSDESK_SMTP_USER" in output
    assert PASSWORD not in output and mailbox.messages == []


def test_email_settings_are_checked_before_sending(root: Path, mailbox: Mailbox) -> None:
    code, output = post(root, "--email", **smtp_env(mailbox, NEWSDESK_SMTP_TO=""))
    assert code == 2 and "NEWSDESK_SMTP_TO" in output
    code, output = post(root, "--email", **smtp_env(mailbox, NEWSDESK_SMTP_HOST="mail.example.com"))
    assert code == 2 and "for a server on this machine only" in output
    assert mailbox.messages == []


def test_email_and_post_together_each_report(root: Path, mailbox: Mailbox, webhook: Webhook) -> None:
    webhook.answers = [500, 500]
    code, output = post(root, "--email", "--post", NEWSDESK_WEBHOOK_URL=webhook.url, **smtp_env(mailbox))
    assert code == 1  # the chat failed, the e-mail went
    assert "answered HTTP 500" in output and "the nudge went out by e-mail" in output
    assert len(mailbox.messages) == 1
