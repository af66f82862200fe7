"""The images beside stories: a name of the right shape, a size within the limit, first bytes that are
the format the extension says (PNG, JPEG, GIF or WebP), read without following a link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.text import slugify
from newsdesk.sources.nofollow import file_problem, read_regular
from newsdesk.sources.storynames import IMAGE_NAME

if TYPE_CHECKING:
    from newsdesk.core.problems import Problem

IMAGES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
EXTENSION_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}


def image_format(head: bytes) -> str | None:
    """PNG, JPEG, GIF or WebP from a file's first 12 bytes, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def image_problem(path: str, name: str, stem: str, extension: str, size: int, max_kib: int) -> Problem | None:
    """What is wrong with the image file at `path` (named `name`, `stem` + `extension`), or None."""
    slug = slugify(stem) or "image"
    if not IMAGE_NAME.fullmatch(name):
        message = (
            "an image's name is lower-case letters, digits and single hyphens, then .png, .jpg, .gif or .webp"
        )
        return file_problem("", 0, message, f"rename it to {slug}{extension}")
    if size > max_kib * 1024:
        message = f"the image is {size // 1024} KiB; images are limited to {max_kib} KiB"
        return file_problem("", 0, message, "save it smaller, for example 1600 pixels wide")
    try:
        kind = image_format(read_regular(path, 12))
    except OSError as exc:
        return file_problem("", 0, f"cannot read the file: {exc.strerror}")
    if kind is None:
        message = f"this file is not the {IMAGES[extension]} image its name says"
        return file_problem("", 0, message, "save the picture again as PNG, JPEG, GIF or WebP")
    if kind != IMAGES[extension]:
        message = f"this file is a {kind} image, not the {IMAGES[extension]} its name says"
        return file_problem("", 0, message, f"rename it to {slug}{EXTENSION_OF[kind]}")
    return None
