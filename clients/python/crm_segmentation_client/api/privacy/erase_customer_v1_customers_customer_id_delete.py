from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.erasure_in import ErasureIn
from ...models.erasure_out import ErasureOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    customer_id: str,
    *,
    body: ErasureIn | None | Unset = UNSET,
    reason: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    else:
        json_reason = reason
    params["reason"] = json_reason


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/customers/{customer_id}".format(customer_id=quote(str(customer_id), safe=""),),
        "params": params,
    }

    
    if isinstance(body, ErasureIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErasureOut | HTTPValidationError | None:
    if response.status_code == 202:
        response_202 = ErasureOut.from_dict(response.json())



        return response_202

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErasureOut | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn | None | Unset = UNSET,
    reason: None | str | Unset = UNSET,

) -> Response[ErasureOut | HTTPValidationError]:
    """ Erase the customer's personal data everywhere (admin; a reason in the body or the query); publishes
    customer-erased

    Args:
        customer_id (str):
        reason (None | str | Unset): Why (or in the body)
        body (ErasureIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
body=body,
reason=reason,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn | None | Unset = UNSET,
    reason: None | str | Unset = UNSET,

) -> ErasureOut | HTTPValidationError | None:
    """ Erase the customer's personal data everywhere (admin; a reason in the body or the query); publishes
    customer-erased

    Args:
        customer_id (str):
        reason (None | str | Unset): Why (or in the body)
        body (ErasureIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | HTTPValidationError
     """


    return sync_detailed(
        customer_id=customer_id,
client=client,
body=body,
reason=reason,

    ).parsed

async def asyncio_detailed(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn | None | Unset = UNSET,
    reason: None | str | Unset = UNSET,

) -> Response[ErasureOut | HTTPValidationError]:
    """ Erase the customer's personal data everywhere (admin; a reason in the body or the query); publishes
    customer-erased

    Args:
        customer_id (str):
        reason (None | str | Unset): Why (or in the body)
        body (ErasureIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
body=body,
reason=reason,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn | None | Unset = UNSET,
    reason: None | str | Unset = UNSET,

) -> ErasureOut | HTTPValidationError | None:
    """ Erase the customer's personal data everywhere (admin; a reason in the body or the query); publishes
    customer-erased

    Args:
        customer_id (str):
        reason (None | str | Unset): Why (or in the body)
        body (ErasureIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        customer_id=customer_id,
client=client,
body=body,
reason=reason,

    )).parsed
