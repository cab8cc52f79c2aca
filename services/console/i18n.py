"""The console's words in Chinese (zh-CN, the default) and English (docs/design.md §12).

The words themselves are in messages.py.
"""

from __future__ import annotations

from collections.abc import Callable

from services.console.messages import MESSAGES

LANGUAGES = ("zh-CN", "en")



def negotiate(accept_language: str | None, default: str) -> str:
    """zh-CN or en from an Accept-Language header (first match by preference), else the default."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return default


def translator(language: str) -> Callable[..., str]:
    column = 1 if language == "zh-CN" else 0

    def t(key: str, default: str | None = None, **values: object) -> str:
        entry = MESSAGES.get(key)
        if entry is None:
            return default if default is not None else key
        text = entry[column]
        return text.format(**values) if values else text

    return t
