from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.schedule_out import ScheduleOut
from ...models.schedule_times_in import ScheduleTimesIn
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: str,
    *,
    body: ScheduleTimesIn,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/schedules/{name}".format(name=quote(str(name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | ScheduleOut | None:
    if response.status_code == 200:
        response_200 = ScheduleOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | ScheduleOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleTimesIn,
    if_match: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | ScheduleOut]:
    """ Change when a job runs (admin; stored as a new version, If-Match its ETag); a time out of range or
    not of the job's kind is a 422 naming the field

    Args:
        name (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (ScheduleTimesIn): A job's times; those left out take the job's defaults. Only the
            fields of the job's kind apply.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ScheduleOut]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleTimesIn,
    if_match: None | str | Unset = UNSET,

) -> HTTPValidationError | ScheduleOut | None:
    """ Change when a job runs (admin; stored as a new version, If-Match its ETag); a time out of range or
    not of the job's kind is a 422 naming the field

    Args:
        name (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (ScheduleTimesIn): A job's times; those left out take the job's defaults. Only the
            fields of the job's kind apply.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ScheduleOut
     """


    return sync_detailed(
        name=name,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleTimesIn,
    if_match: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | ScheduleOut]:
    """ Change when a job runs (admin; stored as a new version, If-Match its ETag); a time out of range or
    not of the job's kind is a 422 naming the field

    Args:
        name (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (ScheduleTimesIn): A job's times; those left out take the job's defaults. Only the
            fields of the job's kind apply.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ScheduleOut]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleTimesIn,
    if_match: None | str | Unset = UNSET,

) -> HTTPValidationError | ScheduleOut | None:
    """ Change when a job runs (admin; stored as a new version, If-Match its ETag); a time out of range or
    not of the job's kind is a 422 naming the field

    Args:
        name (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (ScheduleTimesIn): A job's times; those left out take the job's defaults. Only the
            fields of the job's kind apply.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ScheduleOut
     """


    return (await asyncio_detailed(
        name=name,
client=client,
body=body,
if_match=if_match,

    )).parsed
