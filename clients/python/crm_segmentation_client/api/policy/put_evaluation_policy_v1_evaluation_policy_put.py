from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.evaluation_policy_doc import EvaluationPolicyDoc
from ...models.evaluation_policy_out import EvaluationPolicyOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: EvaluationPolicyDoc,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/evaluation-policy",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EvaluationPolicyOut | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = EvaluationPolicyOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EvaluationPolicyOut | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EvaluationPolicyDoc,
    if_match: None | str | Unset = UNSET,

) -> Response[EvaluationPolicyOut | HTTPValidationError]:
    """ Save a new evaluation policy version (admin); 422 names a value out of range

    Args:
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (EvaluationPolicyDoc): Every number of re-evaluation, quadrants, churn risk,
            overrides and trends (defaults: the seed's).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluationPolicyOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: EvaluationPolicyDoc,
    if_match: None | str | Unset = UNSET,

) -> EvaluationPolicyOut | HTTPValidationError | None:
    """ Save a new evaluation policy version (admin); 422 names a value out of range

    Args:
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (EvaluationPolicyDoc): Every number of re-evaluation, quadrants, churn risk,
            overrides and trends (defaults: the seed's).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluationPolicyOut | HTTPValidationError
     """


    return sync_detailed(
        client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EvaluationPolicyDoc,
    if_match: None | str | Unset = UNSET,

) -> Response[EvaluationPolicyOut | HTTPValidationError]:
    """ Save a new evaluation policy version (admin); 422 names a value out of range

    Args:
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (EvaluationPolicyDoc): Every number of re-evaluation, quadrants, churn risk,
            overrides and trends (defaults: the seed's).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluationPolicyOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EvaluationPolicyDoc,
    if_match: None | str | Unset = UNSET,

) -> EvaluationPolicyOut | HTTPValidationError | None:
    """ Save a new evaluation policy version (admin); 422 names a value out of range

    Args:
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (EvaluationPolicyDoc): Every number of re-evaluation, quadrants, churn risk,
            overrides and trends (defaults: the seed's).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluationPolicyOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        client=client,
body=body,
if_match=if_match,

    )).parsed
