"""The answering page in the customer's language: which language, and the page in it.

The page's words live in strings.json, read both here (the title, the first texts before its
script runs) and by its script (embedded in the page), so the two never disagree.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = ("zh-CN", "en")  # the first is the default


def page_language(requested: str | None, accept_language: str | None) -> str:
    """`?lang=` when it names a language of the page, else the browser's first preference the page
    speaks (Accept-Language, by weight), else Chinese."""
    if requested:
        for language in LANGUAGES:
            if requested.casefold() in (language.casefold(), language[:2]):
                return language
    preferences = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            preferences.append((-float(weight or 1), position, tag.strip().casefold()))
        except ValueError:
            continue
    for _, _, tag in sorted(preferences):
        for language in LANGUAGES:
            if tag == language.casefold() or tag.split("-")[0] == language[:2]:
                return language
    return LANGUAGES[0]


@cache
def page_html(language: str) -> str:
    """The page in one language, all but its nonce (`{{nonce}}`) filled in."""
    words = json.loads((HERE / "strings.json").read_text(encoding="utf-8"))[language]
    # Inside <script>, "</" would end the element: JSON allows it escaped.
    embedded = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    html = (HERE / "answer.html").read_text(encoding="utf-8")
    html = html.replace("{{strings}}", embedded).replace("{{lang}}", language)
    for key in ("page_title", "loading", "noscript", "switch_lang", "switch_label"):
        html = html.replace("{{" + key + "}}", escape(words[key]))
    return html
