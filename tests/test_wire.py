"""The text-level edge: JSON routing input in, decision JSON out (R9, R10, R13)."""

from __future__ import annotations

from typing import Any

import pytest

from callback_routing import (
    InputError,
    InputProblem,
    InvalidCallbackUrl,
    UrlProblem,
    parse_route_input,
)
from callback_routing.wire import route_wire

LNT_OVERRIDE = {
    "testType": "LNT",
    "resultsCallbackUrl": "https://api.example.com/cb",
    "generalCallbackUrl": "https://hooks.example.com/all",
    "individualCallbackUrl": "https://hooks.example.com/me",
}


def error_of(data: object) -> InputError:
    with pytest.raises(InputError) as info:
        parse_route_input(data)
    return info.value


def test_override_example_from_the_issue() -> None:
    """R3, R4, R5: General first, then the request URL; the Individual URL is overridden."""
    out = route_wire(LNT_OVERRIDE)
    assert [t["url"] for t in out["targets"]] == [
        "https://hooks.example.com/all",
        "https://api.example.com/cb",
    ]
    assert [t["sources"] for t in out["targets"]] == [["GENERAL"], ["REQUEST"]]
    assert out["overriddenIndividualCallbackUrl"] == "https://hooks.example.com/me"
    assert {"R3", "R4", "R5"} <= set(out["rules"])
    assert out["rejectedSettings"] == []


def test_r6_one_target_for_two_spellings_of_one_url() -> None:
    """R6: General and Individual in different spellings give one target with both sources."""
    out = route_wire(
        {
            "testType": "LNT",
            "generalCallbackUrl": "https://Hooks.example.com:443/x",
            "individualCallbackUrl": "https://hooks.example.com/x",
        }
    )
    assert out["targets"] == [
        {
            "url": "https://hooks.example.com/x",
            "sources": ["GENERAL", "INDIVIDUAL"],
            "maxRetries": 3,
            "hasToken": False,
        }
    ]
    assert "R6" in out["rules"]


def test_r1_cli_with_only_a_general_url_gets_nothing() -> None:
    """R1: a CLI test without a request URL gets no callback, even with a General URL."""
    out = route_wire({"testType": "CLI", "generalCallbackUrl": "https://hooks.example.com/all"})
    assert out["targets"] == []
    assert out["rules"] == ["R1"]


@pytest.mark.parametrize("blank", [None, "", "   ", "\t\n"])
@pytest.mark.parametrize("test_type", ["MANUAL", "CLI", "LNT"])
def test_r9_blank_request_url_is_no_request_url(blank: str | None, test_type: str) -> None:
    """R9: "", whitespace and null request URLs mean 'no request URL', not an error."""
    with_blank = route_wire(
        {
            "testType": test_type,
            "resultsCallbackUrl": blank,
            "generalCallbackUrl": "https://hooks.example.com/all",
        }
    )
    without = route_wire(
        {"testType": test_type, "generalCallbackUrl": "https://hooks.example.com/all"}
    )
    assert with_blank == without


def test_r9_blank_token_means_no_token() -> None:
    """R9: a blank token is no token."""
    out = route_wire(
        {
            "testType": "MANUAL",
            "resultsCallbackUrl": "https://api.example.com/cb",
            "resultsCallbackToken": "  ",
        }
    )
    assert out["targets"][0]["hasToken"] is False


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (-1, InputProblem.INVALID_VALUE),
        (6, InputProblem.INVALID_VALUE),
        (10**30, InputProblem.INVALID_VALUE),
        (True, InputProblem.INVALID_TYPE),
        (False, InputProblem.INVALID_TYPE),
        ("3", InputProblem.INVALID_TYPE),
        (3.0, InputProblem.INVALID_TYPE),
        (2.5, InputProblem.INVALID_TYPE),
        ([3], InputProblem.INVALID_TYPE),
        ({"n": 3}, InputProblem.INVALID_TYPE),
    ],
)
def test_r10_retry_limit_type_and_range(value: object, problem: InputProblem) -> None:
    """R10: maxCallbackRetries is an integer 0..5; anything else refuses the input."""
    error = error_of({**LNT_OVERRIDE, "maxCallbackRetries": value})
    assert (error.field, error.problem) == ("maxCallbackRetries", problem)


@pytest.mark.parametrize("value", [0, 5, None])
def test_r10_retry_limit_accepted_values(value: int | None) -> None:
    """R10: 0 and 5 are accepted; null means the default 3."""
    out = route_wire({**LNT_OVERRIDE, "maxCallbackRetries": value})
    assert out["targets"][1]["maxRetries"] == (3 if value is None else value)
    assert out["targets"][0]["maxRetries"] == 3


def test_r10_retry_limit_is_checked_without_a_request_url() -> None:
    """R10: an invalid retry limit is refused even when there is no request URL to apply it to."""
    assert error_of({"testType": "LNT", "maxCallbackRetries": 9}).field == "maxCallbackRetries"


@pytest.mark.parametrize("token", ["a\r\nX-Evil: 1", "with space", "tab\there", "ünï", "\x00"])
def test_token_that_could_inject_headers_is_refused_without_echo(token: str) -> None:
    """A token must be visible ASCII; the error never shows the token."""
    error = error_of({**LNT_OVERRIDE, "resultsCallbackToken": token})
    assert error.field == "resultsCallbackToken"
    assert token not in f"{error} {error!r}"


def test_r13_invalid_request_url_refuses_the_whole_input() -> None:
    """R13: an invalid request URL is an error naming the field; nothing is routed."""
    error = error_of({**LNT_OVERRIDE, "resultsCallbackUrl": "http://169.254.169.254/"})
    assert isinstance(error, InvalidCallbackUrl)
    assert (error.field, error.problem) == ("resultsCallbackUrl", UrlProblem.BLOCKED_ADDRESS)


def test_r13_invalid_stored_url_is_reported_beside_the_decision() -> None:
    """R13: an invalid stored General URL is reported; the Individual URL is still routed."""
    out = route_wire(
        {
            "testType": "LNT",
            "generalCallbackUrl": "http://localhost/cb",
            "individualCallbackUrl": "https://hooks.example.com/me",
        }
    )
    assert [t["url"] for t in out["targets"]] == ["https://hooks.example.com/me"]
    (rejected,) = out["rejectedSettings"]
    assert rejected["field"] == "generalCallbackUrl"
    assert rejected["problem"] == "BLOCKED_ADDRESS"
    assert "generalCallbackUrl" in rejected["message"]
    assert "R13" in out["rules"]


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ([], None, InputProblem.NOT_AN_OBJECT),
        ("LNT", None, InputProblem.NOT_AN_OBJECT),
        (None, None, InputProblem.NOT_AN_OBJECT),
        ({}, "testType", InputProblem.MISSING_FIELD),
        ({"testType": None}, "testType", InputProblem.MISSING_FIELD),
        ({"testType": "lnt"}, "testType", InputProblem.INVALID_VALUE),
        ({"testType": "SMS"}, "testType", InputProblem.INVALID_VALUE),
        ({"testType": ["LNT"]}, "testType", InputProblem.INVALID_VALUE),
        ({"testType": 1}, "testType", InputProblem.INVALID_VALUE),
        (
            {"testType": "LNT", "resultsCallbackURL": "x"},
            "resultsCallbackURL",
            InputProblem.UNKNOWN_KEY,
        ),
        (
            {"testType": "LNT", "resultsCallbackUrl": 5},
            "resultsCallbackUrl",
            InputProblem.INVALID_TYPE,
        ),
        (
            {"testType": "LNT", "resultsCallbackToken": 1},
            "resultsCallbackToken",
            InputProblem.INVALID_TYPE,
        ),
    ],
)
def test_bad_input_names_field_and_problem(
    data: Any, field: str | None, problem: InputProblem
) -> None:
    """Bad input of any kind is one InputError with the wire field name and a problem code."""
    error = error_of(data)
    assert (error.field, error.problem) == (field, problem)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("stored", [["x"], 5, True, {"url": "https://h.example/"}])
def test_r13_stored_url_of_the_wrong_type_is_reported_not_fatal(stored: object) -> None:
    """R13: a stored URL that is not text is a rejected setting; the other URLs still route."""
    out = route_wire(
        {
            "testType": "LNT",
            "generalCallbackUrl": stored,
            "individualCallbackUrl": "https://hooks.example.com/me",
        }
    )
    assert [t["url"] for t in out["targets"]] == ["https://hooks.example.com/me"]
    assert [(r["field"], r["problem"]) for r in out["rejectedSettings"]] == [
        ("generalCallbackUrl", "INVALID_TYPE")
    ]
    manual = route_wire(
        {
            "testType": "MANUAL",
            "resultsCallbackUrl": "https://q.example/",
            "generalCallbackUrl": stored,
        }
    )
    assert [t["url"] for t in manual["targets"]] == ["https://q.example/"]


def nested(depth: int) -> object:
    value: object = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "value",
    [10**5000, nested(5000), "x" * 10000],
    ids=["huge int", "deeply nested", "long text"],
)
def test_error_messages_stay_short_for_any_value(value: object) -> None:
    """A hostile value never blows up or floods the message that describes it."""
    for key in ("maxCallbackRetries", "testType"):
        error = error_of({"testType": "LNT", key: value})
        assert len(error.message) < 200
