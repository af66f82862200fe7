"""Content lines and TEXT values for the feeds, through the icalendar library (RFC 5545).

The library is used at the level of its value types and content lines, not of its components: vText
escapes every TEXT value; vDatetime, vDDDTypes, vInt, vUri, vDuration and vBoolean format the others;
Contentline.to_ical() folds every line, before 75 octets and never inside a UTF-8 character or an escape.
newsdesk only joins `NAME[;PARAMS]:value`. Measured on 10,000 synthetic stories (20,000 events, best of
3 to 5 runs on 2 shared cores, December 2026): `icalendar.Event(...).to_ical()` 340 to 430 µs an event,
this level 37 to 48 µs, the hand-written writer it replaced 17 to 28 µs. Through components the site-wide
feeds would take 7 to 9 s (issue 4's budget is 1 s); through values they take 0.9 to 1.2 s, against 0.6
to 0.8 s by hand. A line under 75 octets, which Contentline returns as it is, is not walked, and a value
with nothing to clean or escape is its own TEXT.

newsdesk's own is cleaning text before vText escapes it (`text`): U+0085, U+2028 and U+2029, which some
parsers take for line breaks, become line breaks, and control characters but tab are dropped (RFC 5545
allows none in TEXT; strict clients reject the whole feed). And one gap: vText turns a backslash before
`N` into a line break (it takes `\\N` for an escaped one), so a title such as `C:\\New` would reach every
parser as two lines; `text` escapes such a text in pieces, around each `\\N`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from icalendar.parser import Contentline, Parameters
from icalendar.prop import vBoolean, vDatetime, vDuration, vText, vUri

from newsdesk import __version__

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

# icalendar 7.3 leaves these untyped: their types, as newsdesk calls them.
new_line: Callable[[str], Contentline] = Contentline
line_bytes: Callable[[Contentline], bytes] = Contentline.to_ical
datetime_bytes: Callable[[vDatetime], bytes] = vDatetime.to_ical
duration: Callable[[str], dt.timedelta] = vDuration.from_ical

PRODID = f"-//newsdesk//newsdesk {__version__}//EN"
SEPARATORS = re.compile("[\x85\u2028\u2029]")
"""What some parsers read as a line break: made one (`\\n` once escaped), never written as it is."""
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""What RFC 5545 allows in no TEXT value (tab is allowed; CR and LF are line breaks vText escapes), and
the C1 controls, which no text means."""
NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\\N")
BACKSLASH_N = vText("\\").to_ical().decode() + "N"
"""A backslash followed by N, as TEXT: vText's own escaped backslash, then the N."""


VTEXT_CHANGES = re.compile(
    "[" + re.escape("".join(c for c in map(chr, range(128)) if vText(c).to_ical().decode() != c)) + "]"
)
"""The characters vText escapes (`\\`, `;`, `,`, CR, LF), asked of the library itself when this module
loads; it leaves every other character as it is (tests/test_feeds.py holds it to that over the whole
Basic Multilingual Plane). A value with none of them is its own TEXT, so `text` hands it through without
the library's round trip, as `fold` does for a line the library would not fold."""
_PLAIN_TEXT = re.compile(f"(?:{NEEDS_CLEANING.pattern})|{VTEXT_CHANGES.pattern}")


def text(value: str) -> str:
    """`value` as TEXT (RFC 5545 3.3.11): cleaned by newsdesk, escaped by vText (see the module's text)."""
    if not _PLAIN_TEXT.search(value):
        return value  # most values: one regex scan finds nothing to clean and nothing vText would change
    if not NEEDS_CLEANING.search(value):
        return vText(value).to_ical().decode()
    value = CONTROLS.sub("", SEPARATORS.sub("\n", value))
    # vText turns `\N` into a line break before escaping. Escaped apart, no piece holds a `\N`, and what
    # joins them is vText's own escaped backslash followed by N: parsers read `\N` back.
    return BACKSLASH_N.join(vText(piece).to_ical().decode() for piece in value.split("\\N"))


def fold(line: str) -> str:
    """One content line folded by icalendar (`Contentline.to_ical`), CRLF-terminated."""
    if len(line) < 75 and (line.isascii() or len(line.encode()) < 75):
        return line + "\r\n"  # under 75 octets: the library would return it as it is
    return line_bytes(new_line(line)).decode() + "\r\n"


def categories(*names: str) -> str:
    """The CATEGORIES line of `names`: a list of TEXT values, joined by commas as vCategory joins them
    (vCategory makes its own vText of each, which would skip the cleaning)."""
    return fold(f"CATEGORIES:{','.join(map(text, names))}")


def constant(name: str, value: vText | vUri | vDuration | vBoolean, **params: str) -> str:
    """A content line from the library's own assembly (`Contentline.from_parts`): for the lines that are
    the same in every event or every feed, made once."""
    return fold(Contentline.from_parts(name, Parameters(params), value))


CALENDAR_START = "BEGIN:VCALENDAR\r\n" + "".join(
    constant(name, vText(value))
    for name, value in (
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    )
)
ICS_STATUS = {"idea": "TENTATIVE", "draft": "TENTATIVE", "review": "TENTATIVE", "scheduled": "CONFIRMED",
              "published": "CONFIRMED", "cancelled": "CANCELLED"}  # fmt: skip
STATUS_LINES = {status: constant("STATUS", vText(value)) for status, value in ICS_STATUS.items()}
TENTATIVE = STATUS_LINES["draft"]
TRANSPARENT = constant("TRANSP", vText("TRANSPARENT"))
# Outlook reads this as "all day" even for clients that ignore VALUE=DATE on DTEND.
ALL_DAY = constant("X-MICROSOFT-CDO-ALLDAYEVENT", vBoolean(True))
