from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.csat_group import CsatGroup
from ...models.csat_report_out import CsatReportOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    month: str,
    by: CsatGroup | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["month"] = month

    json_by: str | Unset = UNSET
    if not isinstance(by, Unset):
        json_by = by.value

    params["by"] = json_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/csat",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CsatReportOut | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = CsatReportOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CsatReportOut | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    month: str,
    by: CsatGroup | Unset = UNSET,

) -> Response[CsatReportOut | HTTPValidationError]:
    """ CSAT after resolution in a business month, per agent, team or tier

    Args:
        month (str): YYYY-MM
        by (CsatGroup | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsatReportOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        month=month,
by=by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    month: str,
    by: CsatGroup | Unset = UNSET,

) -> CsatReportOut | HTTPValidationError | None:
    """ CSAT after resolution in a business month, per agent, team or tier

    Args:
        month (str): YYYY-MM
        by (CsatGroup | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsatReportOut | HTTPValidationError
     """


    return sync_detailed(
        client=client,
month=month,
by=by,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    month: str,
    by: CsatGroup | Unset = UNSET,

) -> Response[CsatReportOut | HTTPValidationError]:
    """ CSAT after resolution in a business month, per agent, team or tier

    Args:
        month (str): YYYY-MM
        by (CsatGroup | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsatReportOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        month=month,
by=by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    month: str,
    by: CsatGroup | Unset = UNSET,

) -> CsatReportOut | HTTPValidationError | None:
    """ CSAT after resolution in a business month, per agent, team or tier

    Args:
        month (str): YYYY-MM
        by (CsatGroup | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsatReportOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        client=client,
month=month,
by=by,

    )).parsed
