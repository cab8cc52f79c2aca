"""Signing in to the console over HTTP as a browser would, and reading its pages."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import httpx

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="if_match" value="([^"]*)"')


def page_text(html: str) -> str:
    """The page's words without tags, as a person reads them."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def csrf_of(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def version_of(html: str) -> str:
    """The ETag a settings form was rendered with (sent back as If-Match when saved)."""
    match = VERSION_INPUT.search(html)
    assert match and match.group(1), "the form carries no version"
    return unescape(match.group(1))


async def sign_in(client: httpx.AsyncClient, subject: str, next_path: str = "/") -> httpx.Response:
    """The demo sign-in form: the login page's token (double-submit cookie), then the post."""
    page = await client.get("/login", params={"next": next_path})
    assert page.status_code == 200, page.text
    return await client.post(
        "/login/demo", data={"csrf_token": csrf_of(page.text), "subject": subject, "next": next_path}
    )


async def page_token(client: httpx.AsyncClient, path: str) -> str:
    """The session's CSRF token, as the forms of a page carry it."""
    response = await client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return csrf_of(response.text)


class _Forms(HTMLParser):
    """Every form of a page: what a browser would post from it, keyed by the form's action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._form: dict[str, str] | None = None
        self._field: str | None = None  # a textarea or select being read
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = self.forms.setdefault(a.get("action", ""), {})
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[a["name"]] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._field, self._text = a["name"], []
        elif tag == "select" and a.get("name"):
            self._field = a["name"]
            self._form.setdefault(self._field, "")
        elif tag == "option" and self._field and "selected" in a:
            self._form[self._field] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._field and self._form is not None and self._field not in self._form:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._field and self._form is not None:
            self._form[self._field] = "".join(self._text)
            self._field = None
        elif tag == "select":
            self._field = None
        elif tag == "form":
            self._form = None


def form_fields(html: str, action: str) -> dict[str, str]:
    """What the page's form posting to `action` sends as it stands (hidden inputs included)."""
    parser = _Forms()
    parser.feed(html)
    assert action in parser.forms, (action, sorted(parser.forms))
    return dict(parser.forms[action])
