"""Verified bearer tokens are kept per process until they expire (shared.auth.VerifiedTokens):
a cached token must be refused once expired, and a refused token is never kept."""

import asyncio

import jwt
import pytest

from shared.auth import Role, VerifiedTokens, issue_token
from shared.errors import Unauthorized
from shared.settings import PlatformSettings

SECRET = "a-secret-of-this-deployment-0123456789abcdef"
SETTINGS = PlatformSettings(jwt_secret=SECRET)


async def test_a_token_is_verified_once_and_its_caller_kept():
    tokens = VerifiedTokens()
    token = issue_token(SECRET, "agent-wu", ["agent"])
    first = await tokens.caller(SETTINGS, token)
    # Verified again with another secret it would be refused: the second answer is the kept one.
    assert await tokens.caller(PlatformSettings(jwt_secret="another-secret-0123456789abcdef"), token) is first
    assert first.subject == "agent-wu" and first.roles == frozenset({Role.AGENT})


async def test_a_kept_token_is_refused_once_it_expires():
    tokens = VerifiedTokens()
    token = issue_token(SECRET, "agent-wu", ["agent"], ttl_seconds=1)
    await tokens.caller(SETTINGS, token)
    await asyncio.sleep(2.1)
    with pytest.raises(Unauthorized, match="expired"):
        await tokens.caller(SETTINGS, token)


async def test_a_refused_token_is_not_kept():
    tokens = VerifiedTokens()
    forged = jwt.encode(
        {"sub": "x", "roles": ["admin"], "exp": 4102444800},
        "wrong-secret-0123456789abcdef0",
        algorithm="HS256",
    )
    for _ in range(2):
        with pytest.raises(Unauthorized):
            await tokens.caller(SETTINGS, forged)


async def test_the_cache_is_bounded_least_recently_used_first():
    tokens = VerifiedTokens(capacity=2)
    a, b, c = (issue_token(SECRET, name, ["agent"]) for name in "abc")
    kept_a = await tokens.caller(SETTINGS, a)
    await tokens.caller(SETTINGS, b)
    assert await tokens.caller(SETTINGS, a) is kept_a  # a is now the most recently used
    await tokens.caller(SETTINGS, c)  # b goes
    other = PlatformSettings(jwt_secret="another-secret-0123456789abcdef")
    assert (await tokens.caller(other, a)) is kept_a
    with pytest.raises(Unauthorized):
        await tokens.caller(other, b)  # no longer kept: verified again, with the wrong secret
