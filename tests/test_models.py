"""Typed values refuse what is not valid, so route() only ever sees valid input."""

from __future__ import annotations

import copy
import pickle

import pytest

from callback_routing import (
    CallbackToken,
    InputError,
    InvalidCallbackUrl,
    Request,
    Rule,
    Settings,
    TestType,
    parse_callback_url,
    route,
)
from callback_routing.codec import decode
from callback_routing.errors import PayloadError

Q = parse_callback_url("https://api.example.com/cb")


@pytest.mark.parametrize("bad", [None, "https://api.example.com/cb", 1])
def test_request_url_must_be_a_parsed_url(bad: object) -> None:
    """R13: a Request only takes a parsed CallbackUrl; parsing is the only way in."""
    with pytest.raises(TypeError):
        Request(url=bad)  # type: ignore[arg-type]


def test_settings_refuse_raw_strings() -> None:
    """R13: stored URLs are parsed values or rejected settings, never raw text."""
    with pytest.raises(TypeError):
        Settings(general="http://10.0.0.1/x")  # type: ignore[arg-type]


def test_plain_string_token_is_wrapped_and_hidden() -> None:
    """R10: a str token becomes a CallbackToken; no repr shows it."""
    request = Request(url=Q, token="abc-secret")
    assert request.token == CallbackToken("abc-secret")
    assert "abc-secret" not in repr(request)
    assert "abc-secret" not in str(request.token)
    with pytest.raises(InputError):
        Request(url=Q, token="two words")


def test_string_test_type_means_the_enum_member() -> None:
    """R1, R2: route("LNT", ...) is route(TestType.LNT, ...); garbage is refused."""
    settings = Settings(general=Q)
    assert route("LNT", None, settings) == route(TestType.LNT, None, settings)  # type: ignore[arg-type]
    assert route("CLI").rules == (Rule.R1,)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="SMS"):
        route("SMS")  # type: ignore[arg-type]


def test_errors_pickle_and_copy() -> None:
    """Errors survive pickling (worker processes) and copying with all their attributes."""
    with pytest.raises(InvalidCallbackUrl) as url_error:
        parse_callback_url("ftp://x.example/", field="generalCallbackUrl")
    again = pickle.loads(pickle.dumps(url_error.value))  # noqa: S301 - our own data
    assert type(again) is InvalidCallbackUrl
    assert (again.problem, again.field, again.part, str(again)) == (
        url_error.value.problem,
        "generalCallbackUrl",
        "ftp",
        str(url_error.value),
    )
    assert copy.copy(url_error.value).message == url_error.value.message
    with pytest.raises(PayloadError) as payload_error:
        decode(b"{}")
    assert pickle.loads(pickle.dumps(payload_error.value)).errors == payload_error.value.errors  # noqa: S301


def test_parse_refuses_non_text() -> None:
    """A URL must be text: anything else is a TypeError, not an AttributeError."""
    with pytest.raises(TypeError):
        parse_callback_url(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_callback_url(b"https://h.example/")  # type: ignore[arg-type]


def test_r9_blank_token_is_no_token_and_bytes_are_refused_unseen() -> None:
    """R9: a blank token is no token; a token of the wrong type is refused without echo."""
    assert Request(url=Q, token="  ").token is None
    assert Request(url=Q, token=" t0k ").token == CallbackToken("t0k")
    with pytest.raises(TypeError) as info:
        Request(url=Q, token=b"s3cret")  # type: ignore[arg-type]
    assert "s3cret" not in str(info.value)
