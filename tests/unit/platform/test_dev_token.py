"""`python -m shared.dev_token`: a token of any user and role for trying the APIs under `make run`,
accepted by the services as the admin token `make run` prints is; never in production."""

import pytest

from shared.auth import Role, decode_caller
from shared.dev_token import main
from shared.errors import Unauthorized
from shared.settings import DEVELOPMENT_JWT_SECRET, PlatformSettings

SECRET = "a-secret-of-this-deployment-0123456789abcdef"


@pytest.fixture
def development(monkeypatch):
    monkeypatch.delenv("CRM_ENV", raising=False)
    monkeypatch.delenv("CRM_JWT_SECRET", raising=False)


async def test_a_development_token_names_the_user_its_roles_and_permissions(development, capsys):
    assert main(["am-li", "account_manager", "--permission", "pii:read"]) == 0
    token = capsys.readouterr().out.strip()
    caller = await decode_caller(PlatformSettings(), token)
    assert caller.subject == "am-li"
    assert caller.roles == frozenset({Role.ACCOUNT_MANAGER})
    assert caller.can_read_pii


async def test_it_is_signed_with_the_configured_secret(development, monkeypatch, capsys):
    monkeypatch.setenv("CRM_JWT_SECRET", SECRET)
    assert main(["mgr-zhou", "manager"]) == 0
    token = capsys.readouterr().out.strip()
    caller = await decode_caller(PlatformSettings(jwt_secret=SECRET), token)
    assert caller.roles == frozenset({Role.MANAGER})
    with pytest.raises(Unauthorized):
        await decode_caller(PlatformSettings(jwt_secret=DEVELOPMENT_JWT_SECRET), token)


def test_production_gets_no_development_token(monkeypatch, capsys):
    monkeypatch.setenv("CRM_ENV", "production")
    assert main(["admin", "admin"]) == 2
    assert capsys.readouterr().out == ""
