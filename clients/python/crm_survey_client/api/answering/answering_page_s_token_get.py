from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    token: str,
    *,
    lang: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/s/{token}".format(token=quote(str(token), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | str]:
    """ The mobile-friendly answering page an invitation URL points to, in the customer's language: `lang`
    (zh-CN or en), else the browser's, Chinese by default

    Args:
        token (str): The invitation token: the only key needed
        lang (None | str | Unset): zh-CN or en

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | str]
     """


    kwargs = _get_kwargs(
        token=token,
lang=lang,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,

) -> HTTPValidationError | str | None:
    """ The mobile-friendly answering page an invitation URL points to, in the customer's language: `lang`
    (zh-CN or en), else the browser's, Chinese by default

    Args:
        token (str): The invitation token: the only key needed
        lang (None | str | Unset): zh-CN or en

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | str
     """


    return sync_detailed(
        token=token,
client=client,
lang=lang,

    ).parsed

async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | str]:
    """ The mobile-friendly answering page an invitation URL points to, in the customer's language: `lang`
    (zh-CN or en), else the browser's, Chinese by default

    Args:
        token (str): The invitation token: the only key needed
        lang (None | str | Unset): zh-CN or en

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | str]
     """


    kwargs = _get_kwargs(
        token=token,
lang=lang,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,

) -> HTTPValidationError | str | None:
    """ The mobile-friendly answering page an invitation URL points to, in the customer's language: `lang`
    (zh-CN or en), else the browser's, Chinese by default

    Args:
        token (str): The invitation token: the only key needed
        lang (None | str | Unset): zh-CN or en

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | str
     """


    return (await asyncio_detailed(
        token=token,
client=client,
lang=lang,

    )).parsed
