"""A status as a word inside a sentence ("with the status scheduled or published", "still in review").

English writes it in lower case, and so do French, Spanish and Dutch; German keeps a noun's capital. So the
words in a sentence are messages of their own, not the labels (`pages.STATUS_LABELS`) lower-cased.
"""

from __future__ import annotations

from newsdesk.core.text import N_, gettext

STATUS_WORDS = {
    "idea": N_("idea"),
    "draft": N_("draft"),
    "review": N_("in review"),
    "scheduled": N_("scheduled"),
    "published": N_("published"),
    "cancelled": N_("cancelled"),
}


def status_word(status: str) -> str:
    """`status` as a word inside a sentence, in the site's language."""
    return gettext(STATUS_WORDS[status])
