from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.survey_out import SurveyOut
from ...models.weights_in import WeightsIn
from typing import cast



def _get_kwargs(
    survey_id: str,
    *,
    body: WeightsIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/surveys/{survey_id}/weights".format(survey_id=quote(str(survey_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | SurveyOut | None:
    if response.status_code == 200:
        response_200 = SurveyOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | SurveyOut]:
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
    body: WeightsIn,

) -> Response[HTTPValidationError | SurveyOut]:
    """ Set per-tier dimension weights; responses scored later use them

    Args:
        survey_id (str):
        body (WeightsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | SurveyOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    body: WeightsIn,

) -> HTTPValidationError | SurveyOut | None:
    """ Set per-tier dimension weights; responses scored later use them

    Args:
        survey_id (str):
        body (WeightsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | SurveyOut
     """


    return sync_detailed(
        survey_id=survey_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    body: WeightsIn,

) -> Response[HTTPValidationError | SurveyOut]:
    """ Set per-tier dimension weights; responses scored later use them

    Args:
        survey_id (str):
        body (WeightsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | SurveyOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    body: WeightsIn,

) -> HTTPValidationError | SurveyOut | None:
    """ Set per-tier dimension weights; responses scored later use them

    Args:
        survey_id (str):
        body (WeightsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | SurveyOut
     """


    return (await asyncio_detailed(
        survey_id=survey_id,
client=client,
body=body,

    )).parsed
