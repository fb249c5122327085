"""The values routing works on: test types, requests, settings, targets, decisions.

Frozen, slotted, keyword-only attrs classes; no JSON knowledge (that lives in ``wire``).
Constructing a :class:`Request` checks its retry limit, so every value that exists is valid
and :func:`callback_routing.rules.route` is total over them.
"""

from __future__ import annotations

import enum

import attrs

from .errors import InputError, InputProblem, UrlProblem, shown_value
from .urls import CallbackUrl

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "MAX_RETRIES_LIMIT",
    "CallbackToken",
    "Decision",
    "RejectedSetting",
    "Request",
    "Rule",
    "Settings",
    "Source",
    "Target",
    "TestType",
    "check_max_retries",
    "to_token",
]

DEFAULT_MAX_RETRIES = 3
MAX_RETRIES_LIMIT = 5


class TestType(enum.StrEnum):
    """The three kinds of SMS test."""

    __test__ = False  # not a pytest test class, despite the name

    MANUAL = "MANUAL"
    CLI = "CLI"
    LNT = "LNT"


class Source(enum.StrEnum):
    """Where a callback target's URL came from (declared in the order targets list them)."""

    REQUEST = "REQUEST"
    GENERAL = "GENERAL"
    INDIVIDUAL = "INDIVIDUAL"


class Rule(enum.StrEnum):
    """The rule IDs of rules.md; a decision lists the ones that produced it."""

    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"
    R6 = "R6"
    R7 = "R7"
    R8 = "R8"
    R9 = "R9"
    R10 = "R10"
    R11 = "R11"
    R12 = "R12"
    R13 = "R13"

    @property
    def number(self) -> int:
        """The rule's number, for ordering (R2 before R10)."""
        return int(self.value[1:])


class CallbackToken:
    """The request's ``results-callback-token``: a secret that only :meth:`reveal` shows.

    It must be visible ASCII (it becomes an ``Authorization`` header value, so a line
    break would inject headers). Its repr and str never show it; it is a plain value, not
    an attrs class, so ``attrs.asdict`` of a request does not reveal it either.
    """

    __slots__ = ("_value",)
    _value: str

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not value or not all("!" <= c <= "~" for c in value):
            raise InputError(
                "'resultsCallbackToken' must be non-empty visible ASCII without spaces "
                "(the value is not shown)",
                problem=InputProblem.INVALID_VALUE,
                field="resultsCallbackToken",
            )
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("CallbackToken is immutable")

    def reveal(self) -> str:
        """Return the token text, for the one place that needs it: the Authorization header."""
        return self._value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CallbackToken) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("CallbackToken", self._value))

    def __repr__(self) -> str:
        return "CallbackToken('***')"

    __str__ = __repr__

    def __reduce__(self) -> tuple[object, ...]:
        return (CallbackToken, (self._value,))


def check_max_retries(value: object) -> int:
    """Return ``value`` if it is an int 0..5 (not a bool), else raise :class:`InputError` (R10)."""
    if type(value) is not int or not 0 <= value <= MAX_RETRIES_LIMIT:
        raise InputError(
            f"'maxCallbackRetries' must be an integer from 0 to 5 (got {shown_value(value)})",
            problem=InputProblem.INVALID_TYPE
            if type(value) is not int
            else InputProblem.INVALID_VALUE,
            field="maxCallbackRetries",
            part=shown_value(value),
        )
    return value


def to_token(value: CallbackToken | str | None) -> CallbackToken | None:
    """Wrap a str token; blank means no token (R9). Other types are refused unseen."""
    if isinstance(value, str):
        value = value.strip(" \t\n\r\x0b\x0c")
        return CallbackToken(value) if value else None
    if value is not None and not isinstance(value, CallbackToken):
        raise TypeError(f"token must be a str or CallbackToken (got {type(value).__name__})")
    return value


@attrs.frozen(kw_only=True)
class Request:
    """What a Public API request says about callbacks: its URL, token and retry limit.

    ``url`` must be a parsed :class:`CallbackUrl` (parsing is the only way in); a plain
    string ``token`` is wrapped in a :class:`CallbackToken`. Without a request URL there is
    no ``Request``: pass ``None`` to :func:`~callback_routing.route`.
    """

    url: CallbackUrl = attrs.field(validator=attrs.validators.instance_of(CallbackUrl))
    token: CallbackToken | None = attrs.field(default=None, converter=to_token)
    max_retries: int = attrs.field(default=DEFAULT_MAX_RETRIES)

    @max_retries.validator
    def _check_retries(self, _attribute: object, value: int) -> None:
        check_max_retries(value)


@attrs.frozen(kw_only=True)
class RejectedSetting:
    """A stored account URL that failed to parse; reported beside the decision (R13)."""

    field: str
    problem: UrlProblem | InputProblem  # INVALID_TYPE when the stored value is not text
    message: str


_STORED = attrs.validators.optional(attrs.validators.instance_of((CallbackUrl, RejectedSetting)))


@attrs.frozen(kw_only=True)
class Settings:
    """Account-level URLs for one test: the organisation's General URL and the Individual URL
    of the user who executes it. A stored value that is not a valid URL is kept as a
    :class:`RejectedSetting`, so routing can report it and still use the other one (R13)."""

    general: CallbackUrl | RejectedSetting | None = attrs.field(default=None, validator=_STORED)
    individual: CallbackUrl | RejectedSetting | None = attrs.field(default=None, validator=_STORED)


@attrs.frozen(kw_only=True)
class Target:
    """One callback to send: where, chosen by which sources, with which token and retries."""

    url: CallbackUrl
    sources: tuple[Source, ...]  # in Source's order: REQUEST, GENERAL, INDIVIDUAL
    token: CallbackToken | None = None
    max_retries: int = DEFAULT_MAX_RETRIES

    @property
    def has_token(self) -> bool:
        """Whether this callback carries the request token as a bearer token (R10)."""
        return self.token is not None


@attrs.frozen(kw_only=True)
class Decision:
    """Where one test's result goes: ordered targets (possibly none) and the rules applied."""

    targets: tuple[Target, ...]
    rules: tuple[Rule, ...]
    overridden_individual: CallbackUrl | None = None
    rejected_settings: tuple[RejectedSetting, ...] = ()
