from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.template_in import TemplateIn
from ...models.template_out import TemplateOut
from typing import cast



def _get_kwargs(
    name: str,
    language: str,
    *,
    body: TemplateIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/templates/{name}/{language}".format(name=quote(str(name), safe=""),language=quote(str(language), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | TemplateOut | None:
    if response.status_code == 200:
        response_200 = TemplateOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | TemplateOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    language: str,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,

) -> Response[HTTPValidationError | TemplateOut]:
    """ Replace a template; it must render with its variables (else 422 naming the field)

    Args:
        name (str):
        language (str):
        body (TemplateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TemplateOut]
     """


    kwargs = _get_kwargs(
        name=name,
language=language,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    language: str,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,

) -> HTTPValidationError | TemplateOut | None:
    """ Replace a template; it must render with its variables (else 422 naming the field)

    Args:
        name (str):
        language (str):
        body (TemplateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TemplateOut
     """


    return sync_detailed(
        name=name,
language=language,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    name: str,
    language: str,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,

) -> Response[HTTPValidationError | TemplateOut]:
    """ Replace a template; it must render with its variables (else 422 naming the field)

    Args:
        name (str):
        language (str):
        body (TemplateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TemplateOut]
     """


    kwargs = _get_kwargs(
        name=name,
language=language,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    language: str,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,

) -> HTTPValidationError | TemplateOut | None:
    """ Replace a template; it must render with its variables (else 422 naming the field)

    Args:
        name (str):
        language (str):
        body (TemplateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TemplateOut
     """


    return (await asyncio_detailed(
        name=name,
language=language,
client=client,
body=body,

    )).parsed
