"""The library's errors: one base, each error also the matching builtin.

Every error carries structured attributes (the field in wire names, a stable problem code,
the offending part) besides its message, so callers branch on codes, never on message text.
No error message ever contains a token or URL credentials.
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "CallbackRoutingError",
    "InputError",
    "InputProblem",
    "InvalidCallbackUrl",
    "PayloadError",
    "PayloadIssue",
    "PayloadProblem",
    "UrlProblem",
    "shown_value",
]


def shown_value(value: object, limit: int = 40) -> str:
    """A short, safe description of an untrusted value for an error message.

    Scalars are quoted (shortened); containers and huge numbers are named by kind, so a
    message never recurses into, or expands, what it describes.
    """
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(value) if -(10**12) < value < 10**12 else "a very large number"
    if isinstance(value, float | str):
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 4] + "...'"
    return f"a {type(value).__name__}"


class CallbackRoutingError(Exception):
    """Base class of every error this library raises on purpose."""


class UrlProblem(enum.StrEnum):
    """Why a text is not an acceptable callback URL (stable codes, see rules.md)."""

    MALFORMED = "MALFORMED"
    UNSUPPORTED_SCHEME = "UNSUPPORTED_SCHEME"
    FORBIDDEN_CHARACTER = "FORBIDDEN_CHARACTER"
    CREDENTIALS = "CREDENTIALS"
    FRAGMENT = "FRAGMENT"
    TOO_LONG = "TOO_LONG"
    INVALID_PORT = "INVALID_PORT"
    AMBIGUOUS_IP = "AMBIGUOUS_IP"
    BLOCKED_ADDRESS = "BLOCKED_ADDRESS"


class InputProblem(enum.StrEnum):
    """Why a routing input is refused, apart from URL problems (stable codes)."""

    UNREADABLE_INPUT = "UNREADABLE_INPUT"
    INVALID_JSON = "INVALID_JSON"
    NOT_AN_OBJECT = "NOT_AN_OBJECT"
    UNKNOWN_KEY = "UNKNOWN_KEY"
    MISSING_FIELD = "MISSING_FIELD"
    INVALID_TYPE = "INVALID_TYPE"
    INVALID_VALUE = "INVALID_VALUE"


class InputError(CallbackRoutingError, ValueError):
    """An input value was refused.

    ``field`` is the wire name of the input field (``None`` when unknown), ``problem`` a
    stable code, ``part`` the offending part (already safe to show), ``message`` the whole
    sentence, which is also ``str(error)``.
    """

    field: str | None
    problem: str
    part: str | None
    message: str

    def __init__(
        self,
        message: str,
        *,
        problem: InputProblem | UrlProblem,
        field: str | None = None,
        part: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problem = problem
        self.field = field
        self.part = part

    def __reduce__(self) -> tuple[object, ...]:
        # keyword-only arguments: pickle and copy need to be told how to rebuild
        return (_rebuild, (type(self), self.message, self.problem, self.field, self.part))

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(problem={self.problem!s}, field={self.field!r}, message={self.message!r})"


def _rebuild(
    cls: type[InputError],
    message: str,
    problem: InputProblem | UrlProblem,
    field: str | None,
    part: str | None,
) -> InputError:
    error = cls.__new__(cls)
    InputError.__init__(error, message, problem=problem, field=field, part=part)
    return error


class InvalidCallbackUrl(InputError):
    """A text is not an acceptable callback URL; ``problem`` is a :class:`UrlProblem`."""

    problem: UrlProblem

    def __init__(
        self,
        message: str,
        *,
        problem: UrlProblem,
        field: str | None = None,
        part: str | None = None,
    ) -> None:
        super().__init__(message, problem=problem, field=field, part=part)


class PayloadProblem(enum.StrEnum):
    """Why a callback body was refused (stable codes)."""

    INVALID_JSON = "INVALID_JSON"
    MISSING_FIELD = "MISSING_FIELD"
    INVALID_TYPE = "INVALID_TYPE"
    INVALID_VALUE = "INVALID_VALUE"
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    UNKNOWN_KIND = "UNKNOWN_KIND"
    AMBIGUOUS_KIND = "AMBIGUOUS_KIND"


@attrs.frozen
class PayloadIssue:
    """One problem of a callback body, at a JSON path written with wire names."""

    path: str
    problem: PayloadProblem
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class PayloadError(CallbackRoutingError, ValueError):
    """A callback body was refused; ``errors`` lists every problem found, each with its path."""

    errors: tuple[PayloadIssue, ...]

    def __init__(self, errors: tuple[PayloadIssue, ...] | list[PayloadIssue]) -> None:
        self.errors = tuple(errors)
        count = len(self.errors)
        head = f"invalid callback body ({count} problem{'s' if count != 1 else ''}): "
        super().__init__(head + "; ".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))
