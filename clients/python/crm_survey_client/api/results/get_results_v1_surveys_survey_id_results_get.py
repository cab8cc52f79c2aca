from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_results_v1_surveys_survey_id_results_get_by import GetResultsV1SurveysSurveyIdResultsGetBy
from ...models.http_validation_error import HTTPValidationError
from ...models.results_out import ResultsOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    survey_id: str,
    *,
    by: GetResultsV1SurveysSurveyIdResultsGetBy | Unset = GetResultsV1SurveysSurveyIdResultsGetBy.TIER,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_by: str | Unset = UNSET
    if not isinstance(by, Unset):
        json_by = by.value

    params["by"] = json_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/surveys/{survey_id}/results".format(survey_id=quote(str(survey_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | ResultsOut | None:
    if response.status_code == 200:
        response_200 = ResultsOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | ResultsOut]:
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
    by: GetResultsV1SurveysSurveyIdResultsGetBy | Unset = GetResultsV1SurveysSurveyIdResultsGetBy.TIER,

) -> Response[HTTPValidationError | ResultsOut]:
    """ Means per dimension, gaps between groups, NPS, CSAT, response rate, and the funnel (invited, opened,
    started, completed, drop-off per question)

    Args:
        survey_id (str):
        by (GetResultsV1SurveysSurveyIdResultsGetBy | Unset):  Default:
            GetResultsV1SurveysSurveyIdResultsGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ResultsOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
by=by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    by: GetResultsV1SurveysSurveyIdResultsGetBy | Unset = GetResultsV1SurveysSurveyIdResultsGetBy.TIER,

) -> HTTPValidationError | ResultsOut | None:
    """ Means per dimension, gaps between groups, NPS, CSAT, response rate, and the funnel (invited, opened,
    started, completed, drop-off per question)

    Args:
        survey_id (str):
        by (GetResultsV1SurveysSurveyIdResultsGetBy | Unset):  Default:
            GetResultsV1SurveysSurveyIdResultsGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ResultsOut
     """


    return sync_detailed(
        survey_id=survey_id,
client=client,
by=by,

    ).parsed

async def asyncio_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    by: GetResultsV1SurveysSurveyIdResultsGetBy | Unset = GetResultsV1SurveysSurveyIdResultsGetBy.TIER,

) -> Response[HTTPValidationError | ResultsOut]:
    """ Means per dimension, gaps between groups, NPS, CSAT, response rate, and the funnel (invited, opened,
    started, completed, drop-off per question)

    Args:
        survey_id (str):
        by (GetResultsV1SurveysSurveyIdResultsGetBy | Unset):  Default:
            GetResultsV1SurveysSurveyIdResultsGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | ResultsOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
by=by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    by: GetResultsV1SurveysSurveyIdResultsGetBy | Unset = GetResultsV1SurveysSurveyIdResultsGetBy.TIER,

) -> HTTPValidationError | ResultsOut | None:
    """ Means per dimension, gaps between groups, NPS, CSAT, response rate, and the funnel (invited, opened,
    started, completed, drop-off per question)

    Args:
        survey_id (str):
        by (GetResultsV1SurveysSurveyIdResultsGetBy | Unset):  Default:
            GetResultsV1SurveysSurveyIdResultsGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | ResultsOut
     """


    return (await asyncio_detailed(
        survey_id=survey_id,
client=client,
by=by,

    )).parsed
