"""The command line, run in-process: exit codes, JSON shapes, no tokens, no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callback_routing.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOKEN = "example-token-123"


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_route_prints_the_decision_and_never_the_token() -> None:
    """R3, R4, R5, R8, R10, R11: the README example, as JSON; the token stays secret."""
    code, out, err = run(["route"], (EXAMPLES / "lnt-override.json").read_text())
    assert (code, err) == (0, "")
    decision = json.loads(out)
    assert [t["sources"] for t in decision["targets"]] == [["GENERAL"], ["REQUEST"]]
    assert [t["hasToken"] for t in decision["targets"]] == [False, True]
    assert [t["maxRetries"] for t in decision["targets"]] == [3, 5]
    assert decision["overriddenIndividualCallbackUrl"] == "https://hooks.example.com/me"
    assert decision["rules"] == ["R3", "R4", "R5", "R8", "R10", "R11"]
    assert TOKEN not in out


def test_route_reads_a_file_and_explains_citing_rules() -> None:
    """R6: --explain prints prose citing the rule IDs; --input reads a file."""
    code, out, _ = run(["route", "--explain", "--input", str(EXAMPLES / "lnt-same-url.json")])
    assert code == 0
    assert "1 callback:" in out
    assert "R6" in out
    code, out, _ = run(["route", "--explain"], (EXAMPLES / "lnt-override.json").read_text())
    assert code == 0
    assert "R8" in out
    assert TOKEN not in out


@pytest.mark.parametrize(
    ("stdin", "field", "problem"),
    [
        ("not json", None, "INVALID_JSON"),
        ("", None, "INVALID_JSON"),
        ("[" * 100000, None, "INVALID_JSON"),
        ("[1, 2]", None, "NOT_AN_OBJECT"),
        ('{"testType": "LNT", "extra": 1}', "extra", "UNKNOWN_KEY"),
        ('{"testType": 3}', "testType", "INVALID_VALUE"),
        ('{"testType": "LNT", "maxCallbackRetries": 7}', "maxCallbackRetries", "INVALID_VALUE"),
        ('{"testType": "LNT", "maxCallbackRetries": true}', "maxCallbackRetries", "INVALID_TYPE"),
        (
            '{"testType": "LNT", "resultsCallbackUrl": "ftp://x.example/"}',
            "resultsCallbackUrl",
            "UNSUPPORTED_SCHEME",
        ),
    ],
    ids=["not json", "empty", "deep", "array", "unknown key", "type", "retries", "bool", "bad url"],
)
def test_bad_input_exits_2_with_a_json_error(stdin: str, field: str | None, problem: str) -> None:
    """Bad input: exit 2, {"error": {field, problem, message}} on stdout, message on stderr."""
    code, out, err = run(["route"], stdin)
    assert code == 2
    error = json.loads(out)["error"]
    assert (error["field"], error["problem"]) == (field, problem)
    assert err == f"callback-routing: {error['message']}\n"
    assert "Traceback" not in out + err


def test_route_missing_input_file_is_bad_input(tmp_path: Path) -> None:
    """An unreadable --input file is reported like any bad input."""
    code, out, _ = run(["route", "--input", str(tmp_path / "missing.json")])
    assert code == 2
    assert json.loads(out)["error"]["problem"] == "INVALID_JSON"


def test_check_url_prints_canonical_form_or_problem() -> None:
    """check-url: canonical form on success, BLOCKED_ADDRESS for embedded loopback."""
    assert run(["check-url", "HTTPS://Hooks.Example.COM:443/Cb"]) == (
        0,
        "https://hooks.example.com/Cb\n",
        "",
    )
    code, out, err = run(["check-url", "http://[::ffff:127.0.0.1]/cb"])
    assert code == 2
    assert json.loads(out)["error"]["problem"] == "BLOCKED_ADDRESS"
    assert "loopback" in err


def test_check_url_allow_private() -> None:
    """--allow-private admits private networks, never the metadata address."""
    assert run(["check-url", "--allow-private", "http://10.0.0.1:8080/cb"])[0] == 0
    assert run(["check-url", "--allow-private", "http://169.254.169.254/"])[0] == 2


def test_rules_prints_the_decision_table() -> None:
    """rules: every rule ID appears, with the LNT override row."""
    code, out, _ = run(["rules"])
    assert code == 0
    for number in range(1, 14):
        assert f"R{number}:" in out
    assert "G{GENERAL}, Q{REQUEST}" in out


def test_usage_errors_exit_2_without_stdout() -> None:
    """Usage errors: exit 2, usage on stderr, nothing on stdout."""
    code, out, err = run(["frobnicate"])
    assert (code, out) == (2, "")
    assert "usage" in err
    assert run([])[0] == 2


@given(st.text(max_size=80))
def test_garbage_never_gives_a_traceback(garbage: str) -> None:
    """Any stdin gives exit 0 or 2 and JSON on stdout; never a traceback."""
    code, out, err = run(["route"], garbage)
    assert code in (0, 2)
    json.loads(out)
    assert "Traceback" not in err
