from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_trend_v1_surveys_survey_id_trend_get_by import GetTrendV1SurveysSurveyIdTrendGetBy
from ...models.http_validation_error import HTTPValidationError
from ...models.trend_out import TrendOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    survey_id: str,
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    by: GetTrendV1SurveysSurveyIdTrendGetBy | Unset = GetTrendV1SurveysSurveyIdTrendGetBy.TIER,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_by: str | Unset = UNSET
    if not isinstance(by, Unset):
        json_by = by.value

    params["by"] = json_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/surveys/{survey_id}/trend".format(survey_id=quote(str(survey_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | TrendOut | None:
    if response.status_code == 200:
        response_200 = TrendOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | TrendOut]:
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
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    by: GetTrendV1SurveysSurveyIdTrendGetBy | Unset = GetTrendV1SurveysSurveyIdTrendGetBy.TIER,

) -> Response[HTTPValidationError | TrendOut]:
    """ Satisfaction, NPS and CSAT per month, overall and per tier (or quadrant)

    Args:
        survey_id (str):
        from_ (None | str | Unset): YYYY-MM; 11 months before `to`
        to (None | str | Unset): YYYY-MM; this month by default
        by (GetTrendV1SurveysSurveyIdTrendGetBy | Unset):  Default:
            GetTrendV1SurveysSurveyIdTrendGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TrendOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
from_=from_,
to=to,
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
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    by: GetTrendV1SurveysSurveyIdTrendGetBy | Unset = GetTrendV1SurveysSurveyIdTrendGetBy.TIER,

) -> HTTPValidationError | TrendOut | None:
    """ Satisfaction, NPS and CSAT per month, overall and per tier (or quadrant)

    Args:
        survey_id (str):
        from_ (None | str | Unset): YYYY-MM; 11 months before `to`
        to (None | str | Unset): YYYY-MM; this month by default
        by (GetTrendV1SurveysSurveyIdTrendGetBy | Unset):  Default:
            GetTrendV1SurveysSurveyIdTrendGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TrendOut
     """


    return sync_detailed(
        survey_id=survey_id,
client=client,
from_=from_,
to=to,
by=by,

    ).parsed

async def asyncio_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    by: GetTrendV1SurveysSurveyIdTrendGetBy | Unset = GetTrendV1SurveysSurveyIdTrendGetBy.TIER,

) -> Response[HTTPValidationError | TrendOut]:
    """ Satisfaction, NPS and CSAT per month, overall and per tier (or quadrant)

    Args:
        survey_id (str):
        from_ (None | str | Unset): YYYY-MM; 11 months before `to`
        to (None | str | Unset): YYYY-MM; this month by default
        by (GetTrendV1SurveysSurveyIdTrendGetBy | Unset):  Default:
            GetTrendV1SurveysSurveyIdTrendGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TrendOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
from_=from_,
to=to,
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
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    by: GetTrendV1SurveysSurveyIdTrendGetBy | Unset = GetTrendV1SurveysSurveyIdTrendGetBy.TIER,

) -> HTTPValidationError | TrendOut | None:
    """ Satisfaction, NPS and CSAT per month, overall and per tier (or quadrant)

    Args:
        survey_id (str):
        from_ (None | str | Unset): YYYY-MM; 11 months before `to`
        to (None | str | Unset): YYYY-MM; this month by default
        by (GetTrendV1SurveysSurveyIdTrendGetBy | Unset):  Default:
            GetTrendV1SurveysSurveyIdTrendGetBy.TIER.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TrendOut
     """


    return (await asyncio_detailed(
        survey_id=survey_id,
client=client,
from_=from_,
to=to,
by=by,

    )).parsed
