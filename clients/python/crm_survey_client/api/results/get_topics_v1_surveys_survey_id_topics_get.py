from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.topics_out import TopicsOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    survey_id: str,
    *,
    question_id: None | str | Unset = UNSET,
    max_topics: int | Unset = 8,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_question_id: None | str | Unset
    if isinstance(question_id, Unset):
        json_question_id = UNSET
    else:
        json_question_id = question_id
    params["question_id"] = json_question_id

    params["max_topics"] = max_topics


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/surveys/{survey_id}/topics".format(survey_id=quote(str(survey_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | TopicsOut | None:
    if response.status_code == 200:
        response_200 = TopicsOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | TopicsOut]:
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
    question_id: None | str | Unset = UNSET,
    max_topics: int | Unset = 8,

) -> Response[HTTPValidationError | TopicsOut]:
    """ Open answers (Chinese and English) grouped into keyword clusters

    Args:
        survey_id (str):
        question_id (None | str | Unset):
        max_topics (int | Unset):  Default: 8.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TopicsOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
question_id=question_id,
max_topics=max_topics,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    question_id: None | str | Unset = UNSET,
    max_topics: int | Unset = 8,

) -> HTTPValidationError | TopicsOut | None:
    """ Open answers (Chinese and English) grouped into keyword clusters

    Args:
        survey_id (str):
        question_id (None | str | Unset):
        max_topics (int | Unset):  Default: 8.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TopicsOut
     """


    return sync_detailed(
        survey_id=survey_id,
client=client,
question_id=question_id,
max_topics=max_topics,

    ).parsed

async def asyncio_detailed(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    question_id: None | str | Unset = UNSET,
    max_topics: int | Unset = 8,

) -> Response[HTTPValidationError | TopicsOut]:
    """ Open answers (Chinese and English) grouped into keyword clusters

    Args:
        survey_id (str):
        question_id (None | str | Unset):
        max_topics (int | Unset):  Default: 8.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TopicsOut]
     """


    kwargs = _get_kwargs(
        survey_id=survey_id,
question_id=question_id,
max_topics=max_topics,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    survey_id: str,
    *,
    client: AuthenticatedClient,
    question_id: None | str | Unset = UNSET,
    max_topics: int | Unset = 8,

) -> HTTPValidationError | TopicsOut | None:
    """ Open answers (Chinese and English) grouped into keyword clusters

    Args:
        survey_id (str):
        question_id (None | str | Unset):
        max_topics (int | Unset):  Default: 8.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TopicsOut
     """


    return (await asyncio_detailed(
        survey_id=survey_id,
client=client,
question_id=question_id,
max_topics=max_topics,

    )).parsed
