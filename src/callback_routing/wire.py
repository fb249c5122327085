"""The JSON shape of a routing input and of a decision (pure; no I/O).

This is the text-level edge of routing: it turns an untrusted JSON object into typed values
(applying R9, blank means unset, and R13, invalid URLs) and a :class:`Decision` back into
JSON-ready data. Field names are the wire names of rules.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from .addresses import UrlPolicy
from .errors import (
    InputError,
    InputProblem,
    InvalidCallbackUrl,
    PayloadError,
    PayloadIssue,
    shown_value,
)
from .models import (
    DEFAULT_MAX_RETRIES,
    Decision,
    RejectedSetting,
    Request,
    Settings,
    TestType,
    check_max_retries,
    to_token,
)
from .org import Account, Batch, Organisation, Role, route_batch
from .rules import route
from .urls import DEFAULT_POLICY, CallbackUrl, parse_optional_callback_url

__all__ = [
    "ROUTE_INPUT_KEYS",
    "RouteInput",
    "decision_to_wire",
    "error_to_wire",
    "finite_float",
    "issues_to_wire",
    "loads_strict",
    "organisation_to_wire",
    "parse_batch_input",
    "parse_organisation",
    "parse_route_input",
    "parse_settings",
    "plan_wire",
    "reject_json_constant",
    "route_batch_wire",
    "route_wire",
]

ROUTE_INPUT_KEYS = (
    "testType",
    "resultsCallbackUrl",
    "resultsCallbackToken",
    "maxCallbackRetries",
    "generalCallbackUrl",
    "individualCallbackUrl",
)


@attrs.frozen(kw_only=True)
class RouteInput:
    """A parsed routing input: the three arguments of :func:`callback_routing.route`."""

    test_type: TestType
    request: Request | None
    settings: Settings

    def route(self) -> Decision:
        """Route this input (a shortcut for ``route(test_type, request, settings)``)."""
        return route(self.test_type, self.request, self.settings)


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(
            f"'{key}' must be a string or null (got {type(value).__name__})",
            problem=InputProblem.INVALID_TYPE,
            field=key,
        )
    return value


def _stored(text: object, field: str, policy: UrlPolicy) -> CallbackUrl | RejectedSetting | None:
    if text is not None and not isinstance(text, str):  # R13: reported, not fatal
        return RejectedSetting(
            field=field,
            problem=InputProblem.INVALID_TYPE,
            message=f"'{field}' must be a string or null (got {shown_value(text)})",
        )
    try:
        return parse_optional_callback_url(text, field=field, policy=policy)
    except InvalidCallbackUrl as exc:  # R13: reported beside the decision, not raised
        return RejectedSetting(field=field, problem=exc.problem, message=exc.message)


def parse_settings(
    general: object, individual: object, *, policy: UrlPolicy = DEFAULT_POLICY
) -> Settings:
    """Parse stored account URLs; blank is unset (R9), invalid is kept as rejected (R13)."""
    return Settings(
        general=_stored(general, "generalCallbackUrl", policy),
        individual=_stored(individual, "individualCallbackUrl", policy),
    )


def parse_route_input(data: object, *, policy: UrlPolicy = DEFAULT_POLICY) -> RouteInput:
    """Turn a decoded JSON object into a :class:`RouteInput`, or raise :class:`InputError`.

    An invalid ``resultsCallbackUrl``, token or ``maxCallbackRetries`` refuses the whole
    input (R13); invalid stored URLs become rejected settings. A token or retry limit
    without a request URL is checked but has nothing to apply to (rules.md §4.3).
    """
    if not isinstance(data, Mapping):
        raise InputError(
            f"the routing input must be a JSON object (got {type(data).__name__})",
            problem=InputProblem.NOT_AN_OBJECT,
        )
    unknown = sorted(str(k) for k in data if k not in ROUTE_INPUT_KEYS)
    if unknown:
        raise InputError(
            f"unknown key {shown_value(unknown[0])} in the routing input; expected one of "
            + ", ".join(ROUTE_INPUT_KEYS),
            problem=InputProblem.UNKNOWN_KEY,
            field=unknown[0],
            part=unknown[0],
        )
    if "testType" not in data or data["testType"] is None:
        raise InputError(
            "'testType' is required (one of MANUAL, CLI, LNT)",
            problem=InputProblem.MISSING_FIELD,
            field="testType",
        )
    raw_type = data["testType"]
    if not isinstance(raw_type, str) or raw_type not in TestType.__members__:
        raise InputError(
            f"'testType' must be one of MANUAL, CLI, LNT (got {shown_value(raw_type)})",
            problem=InputProblem.INVALID_VALUE,
            field="testType",
        )
    url = parse_optional_callback_url(
        _text(data, "resultsCallbackUrl"), field="resultsCallbackUrl", policy=policy
    )
    token = to_token(_text(data, "resultsCallbackToken"))  # R9: blank means no token
    raw_retries = data.get("maxCallbackRetries")
    retries = DEFAULT_MAX_RETRIES if raw_retries is None else check_max_retries(raw_retries)
    settings = parse_settings(
        data.get("generalCallbackUrl"), data.get("individualCallbackUrl"), policy=policy
    )
    request = None if url is None else Request(url=url, token=token, max_retries=retries)
    return RouteInput(test_type=TestType(raw_type), request=request, settings=settings)


def decision_to_wire(decision: Decision) -> dict[str, Any]:
    """The JSON-ready form of a decision. A token is shown only as ``hasToken``."""
    overridden = decision.overridden_individual
    return {
        "targets": [
            {
                "url": str(t.url),
                "sources": [s.value for s in t.sources],
                "maxRetries": t.max_retries,
                "hasToken": t.has_token,
            }
            for t in decision.targets
        ],
        "rules": [r.value for r in decision.rules],
        "overriddenIndividualCallbackUrl": None if overridden is None else str(overridden),
        "rejectedSettings": [
            {"field": r.field, "problem": r.problem.value, "message": r.message}
            for r in decision.rejected_settings
        ],
    }


def error_to_wire(error: InputError) -> dict[str, Any]:
    """The JSON-ready form of an input error: ``{"error": {field, problem, message}}``."""
    return {
        "error": {"field": error.field, "problem": str(error.problem), "message": error.message}
    }


def route_wire(data: object, *, policy: UrlPolicy = DEFAULT_POLICY) -> dict[str, Any]:
    """Route a decoded JSON input and return the decision's JSON form, or raise InputError."""
    return decision_to_wire(parse_route_input(data, policy=policy).route())


def plan_wire(
    data: object, *, policy: UrlPolicy = DEFAULT_POLICY, reveal_token: bool = False
) -> dict[str, Any]:
    """Plan the deliveries for a routing input with a ``"result"`` body, as JSON-ready data.

    The result is decoded as the input's ``testType``; its error paths start at
    ``$.result``. The bearer token is shown as ``***`` unless ``reveal_token``.
    """
    if not isinstance(data, Mapping) or "result" not in data:
        raise InputError(
            "the plan input must be a JSON object with the routing keys and a 'result' body",
            problem=InputProblem.MISSING_FIELD
            if isinstance(data, Mapping)
            else InputProblem.NOT_AN_OBJECT,
            field="result" if isinstance(data, Mapping) else None,
        )
    # The codec (and cattrs) load on first use, so routing alone stays cheap to import.
    from .codec import decode  # noqa: PLC0415
    from .delivery import plan_deliveries  # noqa: PLC0415

    route_input = parse_route_input({k: v for k, v in data.items() if k != "result"}, policy=policy)
    result = data["result"]
    try:
        model = decode(
            result if isinstance(result, Mapping) else json.dumps(result), route_input.test_type
        )
    except PayloadError as exc:
        raise PayloadError(
            [PayloadIssue("$.result" + e.path[1:], e.problem, e.message) for e in exc.errors]
        ) from None
    decision = route_input.route()
    return {
        "deliveries": [
            {
                "url": str(d.url),
                "method": d.method,
                "headers": dict(d.headers if reveal_token else d.redacted_headers),
                "body": d.body.decode("utf-8"),
                "maxRetries": d.max_retries,
            }
            for d in plan_deliveries(decision, model)
        ],
        "rules": [r.value for r in decision.rules],
        "rejectedSettings": decision_to_wire(decision)["rejectedSettings"],
    }


_BATCH_KEYS = (
    "batchId",
    "testType",
    "testIds",
    "executingUser",
    "resultsCallbackUrl",
    "resultsCallbackToken",
    "maxCallbackRetries",
)
_ACCOUNT_KEYS = ("userId", "role", "individualCallbackUrl")


def _object(data: object, where: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise InputError(
            f"'{where}' must be a JSON object (got {type(data).__name__})",
            problem=InputProblem.NOT_AN_OBJECT,
            field=where,
        )
    unknown = sorted(str(k) for k in data if k not in keys)
    if unknown:
        raise InputError(
            f"unknown key {shown_value(unknown[0])} in '{where}'; expected one of "
            + ", ".join(keys),
            problem=InputProblem.UNKNOWN_KEY,
            field=f"{where}.{unknown[0]}",
        )
    return data


def _required_text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise InputError(
            f"'{where}.{key}' must be a non-empty string",
            problem=InputProblem.MISSING_FIELD if value is None else InputProblem.INVALID_TYPE,
            field=f"{where}.{key}",
        )
    return value


def parse_organisation(data: object, *, policy: UrlPolicy = DEFAULT_POLICY) -> Organisation:
    """Parse ``{"generalCallbackUrl", "accounts": [{userId, role, individualCallbackUrl}]}``."""
    raw_org = _object(data, "organisation", ("generalCallbackUrl", "accounts"))
    accounts = raw_org.get("accounts")
    if not isinstance(accounts, list):
        raise InputError(
            "'organisation.accounts' must be an array of accounts",
            problem=InputProblem.INVALID_TYPE,
            field="organisation.accounts",
        )
    parsed_accounts = []
    for index, raw in enumerate(accounts):
        where = f"organisation.accounts[{index}]"
        account = _object(raw, where, _ACCOUNT_KEYS)
        role = account.get("role")
        if not isinstance(role, str) or role not in Role.__members__:
            raise InputError(
                f"'{where}.role' must be one of MAIN, DEPUTY, SUB",
                problem=InputProblem.INVALID_VALUE,
                field=f"{where}.role",
            )
        parsed_accounts.append(
            Account(
                user_id=_required_text(account, "userId", where),
                role=Role(role),
                individual_url=_stored(
                    account.get("individualCallbackUrl"), "individualCallbackUrl", policy
                ),
            )
        )
    if sum(a.role is Role.MAIN for a in parsed_accounts) != 1:
        raise InputError(
            "'organisation.accounts' must hold exactly one MAIN account",
            problem=InputProblem.INVALID_VALUE,
            field="organisation.accounts",
        )
    ids = [a.user_id for a in parsed_accounts]
    if len(set(ids)) != len(ids):
        raise InputError(
            "'organisation.accounts' lists a userId twice",
            problem=InputProblem.INVALID_VALUE,
            field="organisation.accounts",
        )
    return Organisation(
        general_url=_stored(raw_org.get("generalCallbackUrl"), "generalCallbackUrl", policy),
        accounts=parsed_accounts,
    )


def parse_batch_input(
    data: object, *, policy: UrlPolicy = DEFAULT_POLICY
) -> tuple[Batch, Organisation]:
    """Parse ``{"batch": {...}, "organisation": {...}}`` (see the README) or raise InputError."""
    top = _object(data, "input", ("batch", "organisation"))
    raw_batch = _object(top.get("batch"), "batch", _BATCH_KEYS)
    raw_org = top.get("organisation")
    request_part = {k: raw_batch[k] for k in ROUTE_INPUT_KEYS if k in raw_batch}
    try:
        route_input = parse_route_input(request_part, policy=policy)
    except InputError as exc:  # name the field where it is: inside "batch"
        exc.field = None if exc.field is None else f"batch.{exc.field}"
        raise
    batch_id = raw_batch.get("batchId", "batch")
    if not isinstance(batch_id, str) or not batch_id:
        raise InputError(
            "'batch.batchId' must be a non-empty string",
            problem=InputProblem.INVALID_TYPE,
            field="batch.batchId",
        )
    test_ids = raw_batch.get("testIds")
    if not isinstance(test_ids, list) or not all(type(i) is int for i in test_ids):
        raise InputError(
            "'batch.testIds' must be an array of integers",
            problem=InputProblem.INVALID_TYPE,
            field="batch.testIds",
        )
    organisation = parse_organisation(raw_org, policy=policy)
    batch = Batch(
        batch_id=batch_id,
        test_type=route_input.test_type,
        test_ids=test_ids,
        executing_user=_required_text(raw_batch, "executingUser", "batch"),
        request=route_input.request,
    )
    if batch.executing_user not in organisation.accounts:
        raise InputError(
            f"'batch.executingUser' {shown_value(batch.executing_user)} is not an account of the "
            "organisation",
            problem=InputProblem.INVALID_VALUE,
            field="batch.executingUser",
        )
    return batch, organisation


def route_batch_wire(data: object, *, policy: UrlPolicy = DEFAULT_POLICY) -> dict[str, Any]:
    """Route every result of a batch input; JSON-ready ``{"results": [...]}``."""
    batch, organisation = parse_batch_input(data, policy=policy)
    return {
        "results": [
            {"testId": test_id, **decision_to_wire(decision)}
            for test_id, decision in route_batch(batch, organisation).items()
        ]
    }


def organisation_to_wire(organisation: Organisation) -> dict[str, Any]:
    """The JSON-ready form of an organisation's settings (accounts in user-id order)."""

    def shown(url: CallbackUrl | RejectedSetting | None) -> str | None:
        return str(url) if isinstance(url, CallbackUrl) else None

    return {
        "generalCallbackUrl": shown(organisation.general_url),
        "accounts": [
            {
                "userId": a.user_id,
                "role": a.role.value,
                "individualCallbackUrl": shown(a.individual_url),
            }
            for _, a in sorted(organisation.accounts.items())
        ],
    }


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {shown_value(key)}")
        result[key] = value
    return result


def reject_json_constant(name: str) -> object:
    """A ``json.loads`` hook: NaN and Infinity are not JSON."""
    raise ValueError(f"{name} is not allowed in JSON")


def finite_float(text: str) -> float:
    """A ``json.loads`` hook: 1e999 would become Infinity, which JSON cannot write back."""
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def issues_to_wire(error: PayloadError) -> list[dict[str, str]]:
    """The JSON-ready form of a body's problems: ``[{path, problem, message}]``."""
    return [
        {"path": e.path, "problem": e.problem.value, "message": e.message} for e in error.errors
    ]


def loads_strict(text: str | bytes) -> object:
    """Parse one JSON value, refusing duplicate keys and NaN/Infinity (nothing is dropped).

    Raises :class:`InputError` with ``INVALID_JSON`` (bad UTF-8 and too-deep nesting too).
    """
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=reject_json_constant,
            parse_float=finite_float,
        )
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError too
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
        raise InputError(
            f"the input is not valid JSON ({detail:.120})", problem=InputProblem.INVALID_JSON
        ) from None
