from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.monthly_report_out import MonthlyReportOut
from typing import cast



def _get_kwargs(
    *,
    month: str,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["month"] = month


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/monthly",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | MonthlyReportOut | None:
    if response.status_code == 200:
        response_200 = MonthlyReportOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | MonthlyReportOut]:
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

) -> Response[HTTPValidationError | MonthlyReportOut]:
    """ The monthly tiered service report built on the 1st for the month before: SLA by tier and priority,
    satisfaction and NPS, actions, tier moves, effect

    Args:
        month (str): YYYY-MM, a business month

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | MonthlyReportOut]
     """


    kwargs = _get_kwargs(
        month=month,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    month: str,

) -> HTTPValidationError | MonthlyReportOut | None:
    """ The monthly tiered service report built on the 1st for the month before: SLA by tier and priority,
    satisfaction and NPS, actions, tier moves, effect

    Args:
        month (str): YYYY-MM, a business month

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | MonthlyReportOut
     """


    return sync_detailed(
        client=client,
month=month,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    month: str,

) -> Response[HTTPValidationError | MonthlyReportOut]:
    """ The monthly tiered service report built on the 1st for the month before: SLA by tier and priority,
    satisfaction and NPS, actions, tier moves, effect

    Args:
        month (str): YYYY-MM, a business month

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | MonthlyReportOut]
     """


    kwargs = _get_kwargs(
        month=month,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    month: str,

) -> HTTPValidationError | MonthlyReportOut | None:
    """ The monthly tiered service report built on the 1st for the month before: SLA by tier and priority,
    satisfaction and NPS, actions, tier moves, effect

    Args:
        month (str): YYYY-MM, a business month

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | MonthlyReportOut
     """


    return (await asyncio_detailed(
        client=client,
month=month,

    )).parsed
