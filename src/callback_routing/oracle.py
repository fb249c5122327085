"""The JSON-lines oracle: one request in, one answer out, for other implementations (pure).

Each request is a JSON object with an ``op``: ``route``, ``route-batch``, ``check-url``,
``decode``, ``plan`` or ``apply-change`` (see vectors/README.md for the shapes). An optional
``id`` is echoed, and ``allowPrivate: true`` selects the private-networks URL policy. The
answer is ``{"result": ...}`` or ``{"error": [{"path", "problem", "message"}, ...]}``;
errors compare by ``path`` and ``problem`` only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .addresses import UrlPolicy
from .codec import decode, to_wire
from .errors import InputError, InputProblem, PayloadError, shown_value
from .models import TestType
from .org import (
    ClearGeneral,
    ClearIndividual,
    SetGeneral,
    SetIndividual,
    SettingsChange,
    SettingsPermissionError,
    UnknownAccount,
    apply_change,
)
from .urls import parse_callback_url
from .wire import (
    issues_to_wire,
    loads_strict,
    organisation_to_wire,
    parse_organisation,
    plan_wire,
    route_batch_wire,
    route_wire,
)

__all__ = ["OPS", "answer", "answer_line"]

_META = ("op", "id", "allowPrivate")


def _body(request: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in request.items() if k not in _META}


def _check_url(request: Mapping[str, Any], policy: UrlPolicy) -> Any:
    text = request.get("url")
    if not isinstance(text, str):
        raise InputError("'url' must be a string", problem=InputProblem.INVALID_TYPE, field="url")
    return {"url": str(parse_callback_url(text, field="url", policy=policy))}


def _decode(request: Mapping[str, Any], _: UrlPolicy) -> Any:
    kind, strict = request.get("kind"), request.get("strict", False)
    if kind is not None and (not isinstance(kind, str) or kind not in TestType.__members__):
        raise InputError(
            "'kind' must be MANUAL, CLI or LNT", problem=InputProblem.INVALID_VALUE, field="kind"
        )
    if type(strict) is not bool:
        raise InputError(
            "'strict' must be true or false", problem=InputProblem.INVALID_TYPE, field="strict"
        )
    body = request.get("body")
    data = body if isinstance(body, Mapping) else json.dumps(body)
    return to_wire(decode(data, None if kind is None else TestType(kind), strict=strict))


_CHANGE_KINDS = ("SET_GENERAL", "CLEAR_GENERAL", "SET_INDIVIDUAL", "CLEAR_INDIVIDUAL")


def _field(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise InputError(
            f"'{where}' must be a string", problem=InputProblem.INVALID_TYPE, field=where
        )
    return value


def _change(request: Mapping[str, Any], policy: UrlPolicy) -> SettingsChange:
    change = request.get("change")
    if not isinstance(change, Mapping):
        raise InputError(
            "'change' must be an object", problem=InputProblem.INVALID_TYPE, field="change"
        )
    kind = change.get("kind")
    if kind not in _CHANGE_KINDS:
        raise InputError(
            "'change.kind' must be one of " + ", ".join(_CHANGE_KINDS),
            problem=InputProblem.INVALID_VALUE,
            field="change.kind",
        )
    if kind == "CLEAR_GENERAL":
        return ClearGeneral()
    if kind == "CLEAR_INDIVIDUAL":
        return ClearIndividual(user_id=_field(change, "userId", "change.userId"))
    url = parse_callback_url(_field(change, "url", "change.url"), field="change.url", policy=policy)
    if kind == "SET_GENERAL":
        return SetGeneral(url=url)
    return SetIndividual(user_id=_field(change, "userId", "change.userId"), url=url)


def _known_keys(data: Mapping[str, Any], keys: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(k) for k in data if k not in keys)
    if unknown:
        raise InputError(
            f"unknown key {shown_value(unknown[0])} in {where}; expected one of " + ", ".join(keys),
            problem=InputProblem.UNKNOWN_KEY,
            field=unknown[0] if where == "the request" else f"change.{unknown[0]}",
        )


def _apply_change(request: Mapping[str, Any], policy: UrlPolicy) -> Any:
    _known_keys(request, (*_META, "organisation", "actor", "change"), "the request")
    change_data = request.get("change")
    if isinstance(change_data, Mapping):
        _known_keys(change_data, ("kind", "userId", "url"), "'change'")
    organisation = parse_organisation(request.get("organisation"), policy=policy)
    actor = _field(request, "actor", "actor")
    change = _change(request, policy)
    try:
        changed = apply_change(organisation, actor, change)
    except UnknownAccount as exc:
        where = "actor" if exc.user_id == actor else "change.userId"
        raise InputError(str(exc), problem=InputProblem.INVALID_VALUE, field=where) from None
    return organisation_to_wire(changed)


OPS: Mapping[str, Callable[[Mapping[str, Any], UrlPolicy], Any]] = MappingProxyType(
    {
        "route": lambda r, p: route_wire(_body(r), policy=p),
        "route-batch": lambda r, p: route_batch_wire(_body(r), policy=p),
        "check-url": _check_url,
        "decode": _decode,
        "plan": lambda r, p: plan_wire(_body(r), policy=p),
        "apply-change": _apply_change,
    }
)
_STRICT, _PRIVATE = UrlPolicy(), UrlPolicy(allow_private_networks=True)


def _error(path: str, problem: str, message: str) -> dict[str, Any]:
    return {"error": [{"path": path, "problem": problem, "message": message}]}


def answer(request: object) -> dict[str, Any]:
    """Answer one decoded oracle request; never raises for any JSON value."""
    if not isinstance(request, Mapping):
        return _error("$", InputProblem.NOT_AN_OBJECT, "a request must be a JSON object")
    op = request.get("op")
    handler = OPS.get(op) if isinstance(op, str) else None
    if handler is None:
        return _error("$.op", InputProblem.INVALID_VALUE, "'op' must be one of " + ", ".join(OPS))
    policy = _PRIVATE if request.get("allowPrivate") is True else _STRICT
    try:
        response: dict[str, Any] = {"result": handler(request, policy)}
    except RecursionError:
        response = _error("$", InputProblem.INVALID_VALUE, "the request is nested too deeply")
    except InputError as exc:
        path = "$" if exc.field is None else "$." + exc.field
        response = _error(path, str(exc.problem), exc.message)
    except PayloadError as exc:
        response = {"error": issues_to_wire(exc)}
    except SettingsPermissionError as exc:
        response = _error("$.change", "PERMISSION_DENIED", str(exc))
    if "id" in request:
        response = {"id": request["id"], **response}
    return response


def answer_line(line: str | bytes) -> str:
    """Answer one JSON line (text or UTF-8 bytes) with one JSON line, without the newline."""
    try:
        request = loads_strict(line)
    except InputError as exc:  # not JSON, not UTF-8, or a duplicate key
        return json.dumps(_error("$", InputProblem.INVALID_JSON, exc.message))
    return json.dumps(answer(request))
