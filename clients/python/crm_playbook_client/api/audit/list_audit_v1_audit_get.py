from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_audit_entry_out import PageAuditEntryOut
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    actor: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    json_entity: None | str | Unset
    if isinstance(entity, Unset):
        json_entity = UNSET
    else:
        json_entity = entity
    params["entity"] = json_entity

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageAuditEntryOut | None:
    if response.status_code == 200:
        response_200 = PageAuditEntryOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageAuditEntryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageAuditEntryOut]:
    """ The audit trail: changes, decisions, erasures and personal-data reads (admin)

    Args:
        actor (None | str | Unset): Only this token subject
        entity (None | str | Unset): `kind` or `kind:id`, e.g. `customer:c-1`
        since (datetime.datetime | None | Unset): Only rows at or after this time
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageAuditEntryOut]
     """


    kwargs = _get_kwargs(
        actor=actor,
entity=entity,
since=since,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageAuditEntryOut | None:
    """ The audit trail: changes, decisions, erasures and personal-data reads (admin)

    Args:
        actor (None | str | Unset): Only this token subject
        entity (None | str | Unset): `kind` or `kind:id`, e.g. `customer:c-1`
        since (datetime.datetime | None | Unset): Only rows at or after this time
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageAuditEntryOut
     """


    return sync_detailed(
        client=client,
actor=actor,
entity=entity,
since=since,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageAuditEntryOut]:
    """ The audit trail: changes, decisions, erasures and personal-data reads (admin)

    Args:
        actor (None | str | Unset): Only this token subject
        entity (None | str | Unset): `kind` or `kind:id`, e.g. `customer:c-1`
        since (datetime.datetime | None | Unset): Only rows at or after this time
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageAuditEntryOut]
     """


    kwargs = _get_kwargs(
        actor=actor,
entity=entity,
since=since,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageAuditEntryOut | None:
    """ The audit trail: changes, decisions, erasures and personal-data reads (admin)

    Args:
        actor (None | str | Unset): Only this token subject
        entity (None | str | Unset): `kind` or `kind:id`, e.g. `customer:c-1`
        since (datetime.datetime | None | Unset): Only rows at or after this time
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageAuditEntryOut
     """


    return (await asyncio_detailed(
        client=client,
actor=actor,
entity=entity,
since=since,
limit=limit,
cursor=cursor,

    )).parsed
