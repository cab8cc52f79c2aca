"""A bearer token for trying the APIs by hand under `make run`, as any user and role:

    .venv/bin/python -m shared.dev_token am-li account_manager      # subject, then its roles
    .venv/bin/python -m shared.dev_token agent-zhang agent --team customer-service
    .venv/bin/python -m shared.dev_token mgr-zhou manager --permission pii:read

Signed like the admin token `make run` prints: HS256 with `CRM_JWT_SECRET`, the development
secret when it is unset. Refused when `CRM_ENV` is production (tokens come from the identity
provider there).
"""

from __future__ import annotations

import argparse
import os
import sys

from shared.auth import Role, issue_token
from shared.settings import DEVELOPMENT_JWT_SECRET, Environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.dev_token", description=__doc__.split("\n")[0])
    parser.add_argument("subject", help="the user, e.g. am-li (an account manager sees its customers)")
    parser.add_argument("roles", nargs="+", choices=[role.value for role in Role])
    parser.add_argument("--permission", action="append", default=[], help="e.g. pii:read (repeatable)")
    parser.add_argument("--team", help="the team claim, e.g. customer-service (an agent's queue)")
    parser.add_argument("--hours", type=float, default=12.0, help="validity (default 12)")
    args = parser.parse_args(argv)
    if os.environ.get("CRM_ENV", Environment.DEVELOPMENT.value) == Environment.PRODUCTION.value:
        print("no development tokens in production: use the identity provider's", file=sys.stderr)
        return 2
    secret = os.environ.get("CRM_JWT_SECRET", DEVELOPMENT_JWT_SECRET)
    print(
        issue_token(
            secret, args.subject, args.roles, permissions=args.permission, ttl_seconds=int(args.hours * 3600),
            extra_claims={"team": args.team} if args.team else None,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
