from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.action_out import ActionOut
from ...models.http_validation_error import HTTPValidationError
from ...models.patch_action_v1_actions_action_id_patch_json_action_patch import PatchActionV1ActionsActionIdPatchJsonActionPatch
from ...models.patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch import PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    action_id: str,
    *,
    body:    PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch  |     PatchActionV1ActionsActionIdPatchJsonActionPatch  | Unset = UNSET,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/actions/{action_id}".format(action_id=quote(str(action_id), safe=""),),
    }

    if isinstance(body, PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/merge-patch+json"
    if isinstance(body, PatchActionV1ActionsActionIdPatchJsonActionPatch):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ActionOut | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ActionOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ActionOut | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    action_id: str,
    *,
    client: AuthenticatedClient,
    body:    PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch  |     PatchActionV1ActionsActionIdPatchJsonActionPatch  | Unset = UNSET,
    if_match: None | str | Unset = UNSET,

) -> Response[ActionOut | HTTPValidationError]:
    """ Change status (pending, done, cancelled), feedback, next step; 409 if not allowed. A JSON Merge
    Patch (RFC 7396) clears a note with null; plain JSON leaves null fields alone

    Args:
        action_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch):
        body (PatchActionV1ActionsActionIdPatchJsonActionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        action_id=action_id,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    action_id: str,
    *,
    client: AuthenticatedClient,
    body:    PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch  |     PatchActionV1ActionsActionIdPatchJsonActionPatch  | Unset = UNSET,
    if_match: None | str | Unset = UNSET,

) -> ActionOut | HTTPValidationError | None:
    """ Change status (pending, done, cancelled), feedback, next step; 409 if not allowed. A JSON Merge
    Patch (RFC 7396) clears a note with null; plain JSON leaves null fields alone

    Args:
        action_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch):
        body (PatchActionV1ActionsActionIdPatchJsonActionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionOut | HTTPValidationError
     """


    return sync_detailed(
        action_id=action_id,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    action_id: str,
    *,
    client: AuthenticatedClient,
    body:    PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch  |     PatchActionV1ActionsActionIdPatchJsonActionPatch  | Unset = UNSET,
    if_match: None | str | Unset = UNSET,

) -> Response[ActionOut | HTTPValidationError]:
    """ Change status (pending, done, cancelled), feedback, next step; 409 if not allowed. A JSON Merge
    Patch (RFC 7396) clears a note with null; plain JSON leaves null fields alone

    Args:
        action_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch):
        body (PatchActionV1ActionsActionIdPatchJsonActionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        action_id=action_id,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    action_id: str,
    *,
    client: AuthenticatedClient,
    body:    PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch  |     PatchActionV1ActionsActionIdPatchJsonActionPatch  | Unset = UNSET,
    if_match: None | str | Unset = UNSET,

) -> ActionOut | HTTPValidationError | None:
    """ Change status (pending, done, cancelled), feedback, next step; 409 if not allowed. A JSON Merge
    Patch (RFC 7396) clears a note with null; plain JSON leaves null fields alone

    Args:
        action_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch):
        body (PatchActionV1ActionsActionIdPatchJsonActionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        action_id=action_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
