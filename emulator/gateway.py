"""API Gateway's part, played locally: route a request, run the REQUEST authorizer first, then
invoke the very `lambda_handler` the stack deploys with a REST proxy event. The local server and
the in-process tests both go through here."""

from __future__ import annotations

import importlib
import json
import logging
import re
import threading
from typing import Any

from emulator import apigw
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.gateway_contract import DENIED, NO_METHOD, NO_ROUTE, UNAUTHORIZED
from shared.routes import AUTHORIZER_MODULE, LAMBDAS, Lambda

logger = logging.getLogger(__name__)


def gateway_problem(status: int, title: str, detail: str, code: str) -> tuple[int, dict[str, str], bytes]:
    body = {"type": PROBLEM_TYPE_BASE + code, "title": title, "status": status, "detail": detail}
    return status, {"Content-Type": PROBLEM_JSON}, json.dumps(body).encode()


# UNAUTHORIZED, DENIED and NO_ROUTE are the stack's Gateway Responses too (shared/gateway_contract.py).
AUTHORIZER_FAILED = (500, "Internal Server Error", "the authorizer failed", "internal-error")


def _as_list(value: Any) -> list[Any]:
    """A policy element that may be one value or a list of them (IAM allows both)."""
    return [value] if isinstance(value, str | dict) else list(value)


def _wildcard(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """IAM's wildcards: `*` any run of characters (`/` included), `?` any one character."""
    return re.compile("".join({"*": ".*", "?": "."}.get(c, re.escape(c)) for c in pattern), flags | re.DOTALL)


def policy_allows(policy_document: dict[str, Any], method_arn: str) -> bool:
    """What API Gateway does with an authorizer's policy: the request goes through when an `Allow`
    statement covers its method ARN and no `Deny` statement does (an explicit deny wins; nothing
    covering it is a deny too). Actions and resources match with IAM's wildcards, actions
    case-insensitively."""
    effects = set()
    for statement in _as_list(policy_document.get("Statement", [])):
        actions = _as_list(statement.get("Action", []))
        if not any(_wildcard(action, re.IGNORECASE).fullmatch("execute-api:Invoke") for action in actions):
            continue
        if any(_wildcard(resource).fullmatch(method_arn) for resource in _as_list(statement.get("Resource", []))):
            effects.add(statement.get("Effect"))
    return "Allow" in effects and "Deny" not in effects


class Gateway:
    def __init__(self, functions: tuple[Lambda, ...] = LAMBDAS):
        self.functions = functions
        self._modules: dict[str, Any] = {}
        # Powertools keeps the current event on a class attribute shared by every resolver in the
        # process, so two handler calls must never overlap (on Lambda each environment serves one
        # request at a time anyway).
        self._one_invocation = threading.Lock()

    def _handler(self, module: str):
        if module not in self._modules:
            self._modules[module] = importlib.import_module(module)
        return self._modules[module].lambda_handler

    def handle(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        query: str = "",
        body: bytes | None = None,
        source_ip: str = "127.0.0.1",
    ) -> tuple[int, dict[str, str], bytes]:
        found = apigw.resolve(self.functions, method, path)
        if found is None:
            return gateway_problem(*(NO_METHOD if apigw.path_known(self.functions, path) else NO_ROUTE))
        function, route, params = found

        auth_event = apigw.authorizer_event(headers, params, method, path)
        try:
            with self._one_invocation:
                policy = self._handler(AUTHORIZER_MODULE)(auth_event, apigw.LambdaContext("authorizer"))
        except Exception as error:
            if str(error) == "Unauthorized":
                return gateway_problem(*UNAUTHORIZED)
            # API Gateway answers 500 when the authorizer fails; so does this.
            logger.exception("authorizer failed")
            return gateway_problem(*AUTHORIZER_FAILED)
        if not policy_allows(policy["policyDocument"], auth_event["methodArn"]):
            return gateway_problem(*DENIED)
        authorizer = {**policy.get("context", {}), "principalId": policy["principalId"]}

        event = apigw.build_event(method, path, route, params, headers, query, body, authorizer, source_ip)
        with self._one_invocation:
            response = self._handler(function.module)(event, apigw.LambdaContext(function.name))
        return apigw.response_parts(response)
