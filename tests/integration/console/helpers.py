"""Signing in to the console over HTTP as a browser would, and reading its pages."""

from __future__ import annotations

import re

import httpx

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


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
