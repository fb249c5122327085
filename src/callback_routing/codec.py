"""The cattrs converters for callback bodies: wire names, timestamps, strictness, error paths.

``decode`` never coerces: a JSON value of the wrong type is refused (``true`` is not an
integer, ``null`` is not a string), and every problem is reported at once, each at its JSON
path in wire names (``$.destinationNetworkDetails.portedFromMnc``). Lenient decoding (the
default) keeps unknown keys in ``extra`` and unknown receipt statuses as text; strict
decoding refuses both. cattrs' exception groups never escape: callers get ``PayloadError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import attrs
import cattrs

try:  # optional accelerator (the "fast" extra); plain json gives the same results
    import orjson
except ImportError:  # pragma: no cover - depends on what is installed
    orjson = None  # type: ignore[assignment]  # the module is optional
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .errors import PayloadError, PayloadIssue, PayloadProblem
from .models import TestType
from .payloads import (
    ABSENT,
    Absent,
    CliResult,
    DestinationNetworkDetails,
    HexPdu,
    LntResult,
    ManualResult,
    ReceiptStatus,
    Result,
    SmscInfo,
    Supplier,
    TestIdTextCase,
    TestIdTextType,
)
from .wire import finite_float, reject_json_constant

__all__ = ["decode", "detect_kind", "encode", "kind_of", "to_wire"]

T = TypeVar("T")
_CLASSES: tuple[type[Any], ...] = (
    DestinationNetworkDetails,
    SmscInfo,
    Supplier,
    ManualResult,
    CliResult,
    LntResult,
)
_KINDS: dict[TestType, type[Result]] = {
    TestType.MANUAL: ManualResult,
    TestType.CLI: CliResult,
    TestType.LNT: LntResult,
}
_KIND_OF = {cls: kind for kind, cls in _KINDS.items()}
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z")
_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})*")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


_WIRE_NAMES = {cls: {f.name: _camel(f.name) for f in attrs.fields(cls)} for cls in _CLASSES}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


class _Refused(Exception):
    """A leaf problem raised by a structure hook; turned into a PayloadIssue."""

    def __init__(self, problem: PayloadProblem, expected: str, value: object) -> None:
        shown = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
        super().__init__(f"expected {expected} (got {_json_type(value)} {shown:.40})")
        self.problem = problem


def _exact(kind: type[T], expected: str) -> Callable[[object, object], T]:
    def hook(value: object, _: object) -> T:
        if type(value) is not kind:  # no coercion: bool is not int, null is not str
            raise _Refused(PayloadProblem.INVALID_TYPE, expected, value)
        return value

    return hook


def _timestamp(value: object, _: object) -> datetime:
    if type(value) is not str:
        raise _Refused(PayloadProblem.INVALID_TYPE, "a UTC timestamp string", value)
    if not _TIMESTAMP.fullmatch(value):
        raise _Refused(
            PayloadProblem.INVALID_VALUE, "a UTC timestamp like 2025-01-08T15:33:37.405570Z", value
        )
    try:  # fewer than six fraction digits are accepted; encoding writes six
        return datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(PayloadProblem.INVALID_VALUE, "a real date and time", value) from None


def _format_timestamp(value: datetime) -> str:
    utc = value.astimezone(UTC).replace(tzinfo=None)  # models only hold aware datetimes
    return utc.isoformat(timespec="microseconds") + "Z"


def _pdu(value: object, _: object) -> HexPdu:
    if type(value) is not str:
        raise _Refused(PayloadProblem.INVALID_TYPE, "a hex string", value)
    if not _HEX.fullmatch(value):
        raise _Refused(PayloadProblem.INVALID_VALUE, "an even number of hex digits", value)
    return HexPdu(value)


def _enum(kind: type[Any]) -> Callable[[object, object], Any]:
    allowed = ", ".join(kind.__members__)

    def hook(value: object, _: object) -> Any:
        if type(value) is not str:
            raise _Refused(PayloadProblem.INVALID_TYPE, f"one of {allowed}", value)
        if value not in kind.__members__:
            raise _Refused(PayloadProblem.INVALID_VALUE, f"one of {allowed}", value)
        return kind(value)

    return hook


def _receipt_status(strict: bool) -> Callable[[object, object], ReceiptStatus | str]:
    known = _enum(ReceiptStatus)

    def hook(value: object, _: object) -> ReceiptStatus | str:
        if not strict and type(value) is str and value not in ReceiptStatus.__members__:
            return value  # lenient: a status the platform added later is kept as text
        status: ReceiptStatus = known(value, _)
        return status

    return hook


def _optional_text(value: object, _: object) -> str | None:
    if value is not None and type(value) is not str:
        raise _Refused(PayloadProblem.INVALID_TYPE, "a string or null", value)
    return value


def _make_converter(strict: bool, detailed: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=strict)
    conv.register_structure_hook(str, _exact(str, "a string"))
    conv.register_structure_hook(int, _exact(int, "an integer"))
    conv.register_structure_hook(bool, _exact(bool, "true or false"))
    conv.register_structure_hook(datetime, _timestamp)
    conv.register_structure_hook(HexPdu, _pdu)
    conv.register_structure_hook(TestIdTextType, _enum(TestIdTextType))
    conv.register_structure_hook(TestIdTextCase, _enum(TestIdTextCase))
    conv.register_structure_hook_func(lambda t: t == ReceiptStatus | str, _receipt_status(strict))
    conv.register_structure_hook_func(lambda t: t == str | Absent | None, _optional_text)
    pdus = conv.get_structure_hook(tuple[HexPdu, ...])

    def pdu_list(value: object, kind: Any) -> tuple[HexPdu, ...]:
        if type(value) is not list:
            raise _Refused(PayloadProblem.INVALID_TYPE, "an array of hex strings", value)
        checked: tuple[HexPdu, ...] = pdus(value, kind)
        return checked

    conv.register_structure_hook_func(lambda t: t == tuple[HexPdu, ...], pdu_list)
    conv.register_unstructure_hook(datetime, _format_timestamp)
    for cls in _CLASSES:
        _register_class(conv, cls, strict)
    return conv


def _register_class(conv: cattrs.Converter, cls: type[Any], strict: bool) -> None:
    names = _WIRE_NAMES[cls]
    known = frozenset(names.values()) - {"extra"}
    renames: dict[str, Any] = {
        py: override(rename=wire) for py, wire in names.items() if py != "extra"
    }
    optional = {
        f.name: override(rename=names[f.name], omit_if_default=True)
        for f in attrs.fields(cls)
        if f.default is ABSENT
    }
    structure = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=strict, extra=override(omit=True), **renames
    )
    unstructure = make_dict_unstructure_fn(
        cls, conv, extra=override(omit=True), **{**renames, **optional}
    )

    def structure_object(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise _Refused(PayloadProblem.INVALID_TYPE, "an object", value)
        result = structure(value, cls)
        extra = {k: v for k, v in value.items() if k not in known}
        return attrs.evolve(result, extra=extra) if extra else result

    def unstructure_object(value: Any) -> dict[str, Any]:
        return {**unstructure(value), **value.extra}

    conv.register_structure_hook(cls, structure_object)
    conv.register_unstructure_hook(cls, unstructure_object)


# Each strictness has a fast converter (no exception groups) for the common case and a
# detailed one, run only when the fast one fails, to report every problem by path.
_LENIENT = _make_converter(strict=False)
_STRICT = _make_converter(strict=True)
_FAST = {
    False: _make_converter(strict=False, detailed=False),
    True: _make_converter(strict=True, detailed=False),
}
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if _PLAIN_KEY.fullmatch(key) else f"{path}[{json.dumps(key)}]"


def _issues(exc: BaseException, path: str, cls: type[Any] | None) -> list[PayloadIssue]:
    """Flatten cattrs' exception groups into issues with wire-name paths."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            PayloadIssue(
                _key_path(path, k), PayloadProblem.UNKNOWN_FIELD, "unknown field (strict decoding)"
            )
            for k in sorted(exc.extra_fields)
        ]
    if isinstance(exc, BaseExceptionGroup):
        found: list[PayloadIssue] = []
        for sub in exc.exceptions:
            sub_path = path
            wire_names = _WIRE_NAMES.get(getattr(exc, "cl", cls) or object, {})
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    wire = wire_names.get(note.name, note.name)
                    sub_path = _key_path(path, wire)
                elif isinstance(note, IterableValidationNote):
                    sub_path = f"{path}[{note.index}]"
            found.extend(_issues(sub, sub_path, None))
        return found
    if isinstance(exc, KeyError):
        return [PayloadIssue(path, PayloadProblem.MISSING_FIELD, "required field is missing")]
    if isinstance(exc, _Refused):
        return [PayloadIssue(path, exc.problem, str(exc))]
    return [PayloadIssue(path, PayloadProblem.INVALID_VALUE, f"invalid value ({exc})")]


_LNT_ONLY = frozenset(
    {
        "senderSent",
        "textSent",
        "sessionId",
        "supplier",
        "dlrStatus",
        "dlrDelay",
        "scheduledTaskId",
        "testIdTextType",
        "testIdTextCase",
        "testIdTextLength",
        "retry",
        "username",
    }
)
_CLI_ONLY = frozenset({"callReceivedOnServerAt", "userId", "cli", "callReceivedOnPhoneAt"})
_SMS_ONLY = frozenset(
    {
        "testIdText",
        "senderDelivered",
        "textDelivered",
        "smsReceivedAt",
        "smscInfo",
        "pdusDelivered",
    }
)


def detect_kind(data: Mapping[str, Any]) -> TestType:
    """Tell Manual, CLI or LNT from the keys of a body; refuse to guess when unclear."""
    keys = frozenset(data)
    lnt, cli, sms = keys & _LNT_ONLY, keys & _CLI_ONLY, keys & _SMS_ONLY
    if cli and (lnt or sms):
        raise PayloadError(
            [
                PayloadIssue(
                    "$",
                    PayloadProblem.AMBIGUOUS_KIND,
                    f"cannot tell the test type: CLI fields ({', '.join(sorted(cli))}) beside SMS "
                    f"fields ({', '.join(sorted(lnt | sms))}); pass the kind explicitly",
                )
            ]
        )
    if cli or lnt or sms:
        return TestType.CLI if cli else TestType.LNT if lnt else TestType.MANUAL
    raise PayloadError(
        [
            PayloadIssue(
                "$",
                PayloadProblem.UNKNOWN_KIND,
                "cannot tell the test type: none of the Manual, CLI or LNT fields is present",
            )
        ]
    )


def _load(data: bytes | str | Mapping[str, Any]) -> object:
    if isinstance(data, Mapping):
        return dict(data)
    # Always plain json here: orjson reads integers beyond 64 bits as floats.
    try:
        return json.loads(data, parse_constant=reject_json_constant, parse_float=finite_float)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and bad UTF-8 are ValueErrors
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
        raise PayloadError(
            [PayloadIssue("$", PayloadProblem.INVALID_JSON, f"not valid JSON ({detail})")]
        ) from None


def decode(
    data: bytes | str | Mapping[str, Any], kind: TestType | None = None, *, strict: bool = False
) -> Result:
    """Decode a callback body (JSON bytes or text, or a decoded mapping) into its model.

    ``kind`` says which body to expect; without it the kind is told from the keys
    (:func:`detect_kind`). Raises :class:`PayloadError` listing every problem.
    """
    value = _load(data)
    if type(value) is not dict:
        raise PayloadError(
            [
                PayloadIssue(
                    "$",
                    PayloadProblem.INVALID_TYPE,
                    f"expected an object (got {_json_type(value)})",
                )
            ]
        )
    cls = _KINDS[kind if kind is not None else detect_kind(value)]
    try:
        result: Result = _FAST[strict].structure(value, cls)
        return result
    except Exception:  # noqa: S110 - any failure: the detailed pass explains it
        pass
    try:
        return (_STRICT if strict else _LENIENT).structure(value, cls)
    except (cattrs.BaseValidationError, _Refused) as exc:
        raise PayloadError(_issues(exc, "$", cls)) from None


def to_wire(result: Result) -> dict[str, Any]:
    """The JSON-ready form of a result, with wire names and the platform's timestamp text."""
    wire: dict[str, Any] = _LENIENT.unstructure(result)
    return wire


def encode(result: Result) -> bytes:
    """Encode a result as compact UTF-8 JSON (the callback body).

    Text that UTF-8 cannot carry (a lone surrogate from a ``\\ud800`` escape) is written
    as JSON escapes instead, so every decodable body can be encoded.
    """
    data = to_wire(result)
    if orjson is not None:
        try:  # the accelerator, when installed: same JSON, compact, UTF-8
            return orjson.dumps(data)
        except (orjson.JSONEncodeError, TypeError):
            pass  # lone surrogates, integers beyond 64 bits: plain json handles them
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":")).encode()


def kind_of(result: Result) -> TestType:
    """The test type a result belongs to."""
    return _KIND_OF[type(result)]
