from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.effect_report import EffectReport
from ...models.http_validation_error import HTTPValidationError
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
        "url": "/v1/reports/effect",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EffectReport | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = EffectReport.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EffectReport | HTTPValidationError]:
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

) -> Response[EffectReport | HTTPValidationError]:
    """ Retention, repurchase, complaints, NPS / CSAT, referrals per tier and quadrant

    Args:
        month (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EffectReport | HTTPValidationError]
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

) -> EffectReport | HTTPValidationError | None:
    """ Retention, repurchase, complaints, NPS / CSAT, referrals per tier and quadrant

    Args:
        month (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EffectReport | HTTPValidationError
     """


    return sync_detailed(
        client=client,
month=month,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    month: str,

) -> Response[EffectReport | HTTPValidationError]:
    """ Retention, repurchase, complaints, NPS / CSAT, referrals per tier and quadrant

    Args:
        month (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EffectReport | HTTPValidationError]
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

) -> EffectReport | HTTPValidationError | None:
    """ Retention, repurchase, complaints, NPS / CSAT, referrals per tier and quadrant

    Args:
        month (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EffectReport | HTTPValidationError
     """


    return (await asyncio_detailed(
        client=client,
month=month,

    )).parsed
