"""JSON Merge Patch (RFC 7396): change some fields of a resource and keep the rest.

The patch is applied to the stored document of the resource and the result is validated like a
full document (the model of PUT or POST), so a patch can never store what a full write could not.

A route adopts it with one parameter and one `openapi_extra`:
    @router.patch(..., openapi_extra=merge_patch_openapi(schemas.CustomerIn))
    async def patch_x(..., patch: dict = Depends(merge_patch_body)) -> ...
and the use case calls `merged(Model, stored_document, patch)` inside its transaction.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from shared.errors import InvalidInput, UnsupportedMediaType

MERGE_PATCH = "application/merge-patch+json"
ModelT = TypeVar("ModelT", bound=BaseModel)


def apply_merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 §2: objects merge member by member, `null` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = apply_merge_patch(result.get(name), value)
    return result


def merged(model: type[ModelT], stored: dict[str, Any], patch: dict[str, Any]) -> ModelT:
    """The stored document with the patch applied, validated as a full document; a field the
    result gets wrong is a 422 naming it."""
    try:
        return model.model_validate(apply_merge_patch(stored, patch))
    except ValidationError as exc:
        errors = [{"field": ".".join(str(part) for part in error["loc"]) or "body",
                   "message": error["msg"]} for error in exc.errors(include_url=False)]
        fields = ", ".join(sorted({e["field"] for e in errors}))
        raise InvalidInput(f"Invalid value for: {fields}", field=errors[0]["field"],
                           errors=errors) from exc


def is_merge_patch(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == MERGE_PATCH


async def merge_patch_body(request: Request) -> dict[str, Any]:
    """FastAPI dependency: the patch document of an `application/merge-patch+json` request (plain
    `application/json` is refused with 415: its `null` would be ambiguous)."""
    if not is_merge_patch(request):
        raise UnsupportedMediaType(f"send the patch as {MERGE_PATCH} (RFC 7396)", field="Content-Type")
    return await _json_object(request)


async def json_or_merge_patch_body(request: Request) -> dict[str, Any]:
    """FastAPI dependency for a PATCH that also takes plain JSON, where `null` means "leave it":
    such a body is turned into the equivalent merge patch (its nulls dropped)."""
    document = await _json_object(request)
    if is_merge_patch(request):
        return document
    return {name: value for name, value in document.items() if value is not None}


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        document = json.loads(await request.body() or b"null")
    except ValueError as exc:
        raise InvalidInput(f"the body is not JSON: {exc}", field="body") from exc
    if not isinstance(document, dict):
        raise InvalidInput("a merge patch is a JSON object of the fields to change", field="body")
    return document


def merge_patch_openapi(model: type[BaseModel], *, also_json: bool = False) -> dict[str, Any]:
    """The request body of a merge-patch route for the OpenAPI document: the full model's fields,
    each optional (null removes a field)."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    schema.pop("required", None)
    schema["title"] = f"{model.__name__} merge patch"
    content = {MERGE_PATCH: {"schema": schema}}
    if also_json:
        content["application/json"] = {"schema": {**schema, "title": model.__name__}}
    return {"requestBody": {"required": True, "content": content}}
