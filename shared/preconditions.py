"""ETag and If-Match (RFC 9110 §8.8.3, §13.1.1): a client updates what it read only if nobody
changed it since; a stale write is a 412 instead of silently undoing someone else's (docs/design.md
§13).

A tag is computed from the stored state, so every replica computes the same one: the hash of the
resource's representation, or for an immutable versioned document its kind and version. A use case
checks `If-Match` inside the transaction that locked the row (or that inserts the next version under
a unique key), so two writers holding the same tag cannot both pass.

A route adopts it with one parameter each:
    etags: ETags = Depends(response_etags)                  -> `return etags.tag(view)` (or `.tag(view, tag)`)
    precondition: IfMatch = Depends(if_match) -> handed to the use case: `precondition.check(tag)`
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fastapi import Header, Request, Response
from pydantic import BaseModel

from shared.errors import PreconditionFailed, PreconditionRequired

ANY = "*"


def representation_tag(view: BaseModel) -> str:
    """A strong entity tag of a representation: equal representations, equal tags, on any replica."""
    return '"' + hashlib.blake2b(view.model_dump_json().encode(), digest_size=16).hexdigest() + '"'


def version_tag(kind: str, version: int | str) -> str:
    """The tag of one version of a document that never changes once written."""
    return f'"{kind}.{version}"'


def _parse_tags(header: str) -> frozenset[str]:
    # Weak tags (W/"...") never match under the strong comparison If-Match uses: left out.
    return frozenset(t.strip() for t in header.split(",") if t.strip() and not t.strip().startswith("W/"))


@dataclass(frozen=True)
class IfMatch:
    """The If-Match of an update request; None when the client sent none."""

    tags: frozenset[str] | None = None
    required: bool = False

    @property
    def given(self) -> bool:
        return self.tags is not None

    def check(self, current: str | None) -> None:
        """Raise unless the current tag (None: the resource does not exist) satisfies If-Match."""
        if self.tags is None:
            if self.required and current is not None:
                raise PreconditionRequired(
                    "This update needs an If-Match header with the ETag of the resource as you read it",
                    field="If-Match")
            return
        if current is None or (ANY not in self.tags and current not in self.tags):
            raise PreconditionFailed(
                "The resource changed since you read it (its ETag no longer matches If-Match); "
                "read it again and reapply your change", field="If-Match")


NO_PRECONDITION = IfMatch()


async def if_match(
    request: Request,
    header: str | None = Header(
        None, alias="If-Match",
        description="The ETag of the resource as last read; a changed resource answers 412. "
        "Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it)."),
) -> IfMatch:
    """FastAPI dependency: the update's precondition, checked later by the use case. (Async like
    every dependency here: FastAPI runs a plain function or a class in its thread pool, a thread
    hand-off per request.)"""
    required = request.app.state.ctx.settings.require_if_match
    return IfMatch(_parse_tags(header) if header is not None else None, required)


class ETags:
    """Sets the ETag of the representation a route returns, and answers a GET whose If-None-Match
    already holds it with 304 Not Modified. A route takes it as `Depends(response_etags)`."""

    def __init__(self, request: Request, response: Response) -> None:
        self.request = request
        self.response = response

    def tag(self, view: BaseModel, tag: str | None = None):
        tag = tag or representation_tag(view)
        if self.request.method in ("GET", "HEAD"):
            cached = self.request.headers.get("if-none-match")
            if cached and (cached.strip() == ANY or tag in {
                    t.strip().removeprefix("W/") for t in cached.split(",")}):
                return Response(status_code=304, headers={"ETag": tag})
        self.response.headers["ETag"] = tag
        return view


async def response_etags(request: Request, response: Response) -> ETags:
    """FastAPI dependency giving a route its `ETags` (a function, not the class itself: FastAPI runs
    a class dependency in its thread pool)."""
    return ETags(request, response)
