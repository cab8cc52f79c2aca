from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.coverage_out import CoverageOut
from ...models.http_validation_error import HTTPValidationError
from typing import cast



def _get_kwargs(
    survey_id: str,
    *,
    period: str,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["period"] = period


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/surveys/{survey_id}/coverage".format(survey_id=quote(str(survey_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoverageOut | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = CoverageOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CoverageOut | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    period: str,

) -> Response[CoverageOut | HTTPValidationError]:
    """ Of a period's target customers (tiers on cadence): share invited (target 80%), response rate, and
    who is held back by the fatigue guard

    Args:
        survey_id (str):
        period (str): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (business time zone)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
period=period,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    period: str,

) -> CoverageOut | HTTPValidationError | None:
    """ Of a period's target customers (tiers on cadence): share invited (target 80%), response rate, and
    who is held back by the fatigue guard

    Args:
        survey_id (str):
        period (str): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (business time zone)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOut | HTTPValidationError
     """


    return sync_detailed(
        survey_id=survey_id,
client=client,
period=period,

    ).parsed

async def asyncio_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    period: str,

) -> Response[CoverageOut | HTTPValidationError]:
    """ Of a period's target customers (tiers on cadence): share invited (target 80%), response rate, and
    who is held back by the fatigue guard

    Args:
        survey_id (str):
        period (str): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (business time zone)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
period=period,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    period: str,

) -> CoverageOut | HTTPValidationError | None:
    """ Of a period's target customers (tiers on cadence): share invited (target 80%), response rate, and
    who is held back by the fatigue guard

    Args:
        survey_id (str):
        period (str): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (business time zone)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        survey_id=survey_id,
client=client,
period=period,

    )).parsed
