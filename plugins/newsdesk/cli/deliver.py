"""Sending the nudge with the organisation's own services: a chat webhook (HTTP POST) and SMTP.

Only the standard library: urllib and smtplib. Each attempt has a timeout; a failure that may pass (a
network error, a timeout, a 5xx or 429 answer, a dropped SMTP connection) is tried once more after a
pause; then a `DeliveryError` says what failed in words that hold no secret. A webhook's address is its
secret (Slack's and Teams' carry their token in it), so messages name its host only, and never repeat
what an exception or the server said, which may quote the address. SMTP settings come from environment
variables only, never the command line, which other users of the machine and CI logs can read.
"""

from __future__ import annotations

import smtplib
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Mapping

RETRY_PAUSE = 1.0
"""Seconds between the first attempt and the one retry."""
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class DeliveryError(Exception):
    """The nudge could not be sent; the message says why, without any secret."""


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "the webhook"
    except ValueError:
        return "the webhook"


def post(url: str, body: bytes, timeout: float) -> None:
    """POST `body` (JSON) to a webhook; one retry for a failure that may pass."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        scheme = ""
    if scheme not in ("https", "http"):
        raise DeliveryError("the webhook address must start with https:// (the address is not shown)")
    host = _host(url)
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    for attempt in (1, 2):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # http(s) only
                answer.read()
            return
        except urllib.error.HTTPError as exc:
            failure = f"{host} answered HTTP {exc.code} {exc.reason}"
            exc.close()
            if exc.code < 500 and exc.code != 429:
                raise DeliveryError(f"could not post the nudge: {failure}") from None
        except TimeoutError:
            failure = f"{host} did not answer within {timeout:g} seconds"
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            kind = "timed out" if isinstance(reason, TimeoutError) else type(reason).__name__
            failure = f"could not reach {host} ({kind})"
        if attempt == 1:
            time.sleep(RETRY_PAUSE)
    raise DeliveryError(f"could not post the nudge: {failure}, twice")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: from NEWSDESK_SMTP_* environment variables (`from_environ`)."""

    host: str
    port: int
    security: str
    """starttls (the default), ssl (implicit TLS, port 465), or none (only to this machine)."""
    user: str
    password: str
    sender: str
    recipients: tuple[str, ...]

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> SmtpSettings:
        def get(name: str) -> str:
            return environ.get(f"NEWSDESK_SMTP_{name}", "").strip()

        missing = [f"NEWSDESK_SMTP_{n}" for n in ("HOST", "FROM", "TO") if not get(n)]
        if missing:
            raise DeliveryError(f"--email needs {', '.join(missing)} in the environment")
        security = get("SECURITY").lower() or "starttls"
        if security not in ("starttls", "ssl", "none"):
            raise DeliveryError("NEWSDESK_SMTP_SECURITY must be starttls, ssl or none")
        port = get("PORT") or ("465" if security == "ssl" else "587")
        if not port.isdigit():
            raise DeliveryError("NEWSDESK_SMTP_PORT must be a port number")
        host = get("HOST")
        if security == "none" and host not in LOOPBACK:
            raise DeliveryError("NEWSDESK_SMTP_SECURITY=none is for a server on this machine only")
        recipients = tuple(r.strip() for r in get("TO").split(",") if r.strip())
        user = get("USER")
        password = environ.get("NEWSDESK_SMTP_PASSWORD", "")  # as it is: a password may end in a space
        return cls(host, int(port), security, user, password, get("FROM"), recipients)


def message(settings: SmtpSettings, subject: str, text: str, html: str) -> EmailMessage:
    """A multipart/alternative message: the plain text first, the HTML as the preferred part."""
    mail = EmailMessage()
    mail["Subject"] = " ".join(subject.split())  # one line: no header can be added through it
    mail["From"] = settings.sender
    mail["To"] = ", ".join(settings.recipients)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    return mail


def send_email(settings: SmtpSettings, mail: EmailMessage, timeout: float) -> None:
    """Send `mail` through the configured server; one retry when the connection fails."""
    for attempt in (1, 2):
        try:
            _send_once(settings, mail, timeout)
            return
        except smtplib.SMTPAuthenticationError:
            raise DeliveryError(
                f"{settings.host} refused the login of NEWSDESK_SMTP_USER (check the user and password)"
            ) from None
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError(f"{settings.host} refused every recipient of NEWSDESK_SMTP_TO") from None
        except smtplib.SMTPResponseException as exc:
            failure = f"{settings.host} answered {exc.smtp_code}"
            if exc.smtp_code < 400 or exc.smtp_code >= 500:
                raise DeliveryError(f"could not send the nudge: {failure}") from None
        except (smtplib.SMTPException, OSError) as exc:
            kind = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
            failure = f"could not reach {settings.host}:{settings.port} ({kind})"
        if attempt == 1:
            time.sleep(RETRY_PAUSE)
    raise DeliveryError(f"could not send the nudge: {failure}, twice")


def _send_once(settings: SmtpSettings, mail: EmailMessage, timeout: float) -> None:
    context = ssl.create_default_context()
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    with server:
        if settings.security == "starttls":
            server.starttls(context=context)
        if settings.user:
            server.login(settings.user, settings.password)
        server.send_message(mail, settings.sender, list(settings.recipients))
