"""The command line, run in-process: exit codes, JSON shapes, no tokens, no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callback_routing.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOKEN = "example-token-123"


def run(argv: list[str], stdin: str | bytes = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    raw = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8", "surrogatepass")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
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
        ('{"testType": "LNT", "testType": "CLI"}', None, "INVALID_JSON"),
        ('{"testType": "LNT", "maxCallbackRetries": NaN}', None, "INVALID_JSON"),
        ("\ud800", None, "INVALID_JSON"),
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
    ids=[
        "not json",
        "empty",
        "deep",
        "array",
        "duplicate key",
        "NaN",
        "bad utf-8",
        "unknown key",
        "type",
        "retries",
        "bool",
        "bad url",
    ],
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
    assert json.loads(out)["error"]["problem"] == "UNREADABLE_INPUT"


def test_route_input_dash_is_stdin() -> None:
    """--input - reads standard input."""
    code, out, _ = run(["route", "--input", "-"], '{"testType": "MANUAL"}')
    assert code == 0
    assert json.loads(out)["rules"] == ["R1"]


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


def test_check_url_json_and_version() -> None:
    """check-url --json prints an object; --version prints the version."""
    assert run(["check-url", "--json", "https://h.example"]) == (
        0,
        '{"url": "https://h.example/"}\n',
        "",
    )
    code, out, _ = run(["--version"])
    assert code == 0
    assert out.startswith("callback-routing ")


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


@given(st.one_of(st.text(max_size=80), st.binary(max_size=40)))
def test_garbage_never_gives_a_traceback(garbage: str | bytes) -> None:
    """Any stdin gives exit 0 or 2 and JSON on stdout; never a traceback."""
    code, out, err = run(["route"], garbage)
    assert code in (0, 2)
    json.loads(out)
    assert "Traceback" not in err


def test_decode_prints_the_body_back_with_identical_timestamps() -> None:
    """decode: the LNT example comes back JSON-equal, timestamps byte-identical."""
    raw = (EXAMPLES / "lnt-callback.json").read_text()
    code, out, err = run(["decode"], raw)
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(raw)
    assert '"testCreatedAt": "2025-01-08T15:33:25.725387Z"' in out


def test_decode_errors_are_path_addressed_lines() -> None:
    """decode --kind MANUAL on {"id": "x"}: exit 2, one line per problem, by wire path."""
    code, out, err = run(["decode", "--kind", "MANUAL"], '{"id":"x"}')
    assert code == 2
    paths = [e["path"] for e in json.loads(out)["errors"]]
    assert paths[0] == "$.id"
    assert "$.testCreatedAt" in paths
    assert "callback-routing: $.id: expected an integer (got string 'x')\n" in err
    assert "callback-routing: $.testCreatedAt: required field is missing\n" in err


def test_decode_strict_refuses_unknown_fields() -> None:
    """decode --strict names an unknown field."""
    body = json.loads((EXAMPLES / "cli-callback.json").read_text())
    body["brandNew"] = True
    assert run(["decode"], json.dumps(body))[0] == 0
    code, out, _ = run(["decode", "--strict"], json.dumps(body))
    assert code == 2
    assert json.loads(out)["errors"][0]["path"] == "$.brandNew"


def test_plan_two_deliveries_token_redacted_unless_revealed() -> None:
    """plan: LNT with request, token, General and Individual: two deliveries, Authorization
    only on the request URL's one, and no token text unless --reveal-token."""
    raw = (EXAMPLES / "plan-lnt.json").read_text()
    code, out, _ = run(["plan"], raw)
    assert code == 0
    deliveries = json.loads(out)["deliveries"]
    assert [d["url"] for d in deliveries] == [
        "https://hooks.example.com/all",
        "https://api.example.com/cb",
    ]
    assert ["Authorization" in d["headers"] for d in deliveries] == [False, True]
    assert deliveries[1]["headers"]["Authorization"] == "Bearer ***"
    assert deliveries[0]["body"] == deliveries[1]["body"]
    assert [d["maxRetries"] for d in deliveries] == [3, 5]
    assert TOKEN not in out
    code, out, _ = run(["plan", "--reveal-token"], raw)
    assert f"Bearer {TOKEN}" in out


def test_plan_bad_result_names_result_paths() -> None:
    """plan: a bad result is reported at $.result...."""
    data = json.loads((EXAMPLES / "plan-lnt.json").read_text())
    data["result"]["retry"] = "no"
    code, out, err = run(["plan"], json.dumps(data))
    assert code == 2
    assert json.loads(out)["errors"][0]["path"] == "$.result.retry"
    assert "Traceback" not in err


def test_route_batch_routes_every_test_of_the_batch() -> None:
    """R8: route-batch gives each test the batch's override; the token is never printed."""
    code, out, _ = run(["route-batch", "--input", str(EXAMPLES / "batch-lnt.json")])
    assert code == 0
    results = json.loads(out)["results"]
    assert [r["testId"] for r in results] == [1352936, 1352937]
    for result in results:
        assert [t["url"] for t in result["targets"]] == [
            "https://hooks.example.com/all",
            "https://api.example.com/cb",
        ]
        assert result["overriddenIndividualCallbackUrl"] == "https://hooks.example.com/me"
    assert TOKEN not in out


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["batch"].update(executingUser="ghost"), "batch.executingUser"),
        (lambda d: d["batch"].update(testIds="1"), "batch.testIds"),
        (lambda d: d["batch"].update(colour="red"), "batch.colour"),
        (
            lambda d: d["organisation"]["accounts"][0].update(role="BOSS"),
            "organisation.accounts[0].role",
        ),
        (
            lambda d: d["organisation"]["accounts"].append(d["organisation"]["accounts"][0]),
            "organisation.accounts",
        ),
        (lambda d: d.pop("organisation"), "organisation"),
        (lambda d: d["batch"].update(maxCallbackRetries=9), "batch.maxCallbackRetries"),
    ],
    ids=["unknown user", "ids", "unknown key", "role", "duplicate user", "no org", "retries"],
)
def test_route_batch_bad_input_names_the_field(mutate: Any, field: str) -> None:
    """route-batch: bad input exits 2 naming the field by its path."""
    data = json.loads((EXAMPLES / "batch-lnt.json").read_text())
    mutate(data)
    code, out, err = run(["route-batch"], json.dumps(data))
    assert code == 2
    assert json.loads(out)["error"]["field"] == field
    assert "Traceback" not in err


def test_output_is_ascii_json_even_for_hostile_keys() -> None:
    """A lone surrogate in a key never breaks the output: JSON is written as ASCII."""
    code, out, _ = run(["route"], '{"\\udcff": 1, "testType": "LNT"}')
    assert code == 2
    assert out.isascii()
    assert json.loads(out)["error"]["problem"] == "UNKNOWN_KEY"


def test_oracle_answers_every_line_in_order_and_never_stops() -> None:
    """oracle: one answer line per input line; a bad line gets an error line (R1)."""
    lines = [
        '{"op":"route","testType":"MANUAL"}',
        "not json",
        '{"op":"check-url","url":"http://127.1/","id":7}',
        '{"op":"nope"}',
        "[]",
        '{"op":"decode","body":{"id":1}}',
        '{"op":"route","testType":"LNT","resultsCallbackUrl":"https://q.example/",'
        '"resultsCallbackToken":"tok-zz9"}',
    ]
    code, out, err = run(["oracle"], "\n".join(lines) + "\n")
    assert (code, err) == (0, "")
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0] == {
        "result": {
            "targets": [],
            "rules": ["R1"],
            "overriddenIndividualCallbackUrl": None,
            "rejectedSettings": [],
        }
    }
    assert answers[1]["error"][0]["problem"] == "INVALID_JSON"
    assert answers[2]["id"] == 7
    assert answers[2]["error"][0]["path"] == "$.url"
    assert answers[3]["error"][0]["path"] == "$.op"
    assert answers[4]["error"][0]["problem"] == "NOT_AN_OBJECT"
    assert answers[5]["error"][0]["problem"] == "UNKNOWN_KIND"
    assert answers[6]["result"]["targets"][0]["hasToken"] is True
    assert "tok-zz9" not in out


def test_rules_table_has_no_repeated_rows() -> None:
    """rules: every printed row of the decision table is distinct (collapsed rows left out)."""
    rows = [line for line in run(["rules"])[1].splitlines() if line[:4] in ("MANU", "CLI ", "LNT ")]
    assert len(rows) == len(set(rows)) == 3 * 15


def test_oracle_refuses_duplicate_keys() -> None:
    """oracle: a line with a duplicate key is an error, not a silent last-one-wins."""
    out = run(["oracle"], '{"op":"route","testType":"LNT","testType":"CLI"}\n')[1]
    assert json.loads(out)["error"][0]["problem"] == "INVALID_JSON"


def test_oracle_never_writes_non_json_numbers_and_checks_apply_change_input() -> None:
    """oracle: 1e999 is refused (JSON has no Infinity); apply-change refuses unknown keys and
    an organisation without exactly one Main."""
    org = {"accounts": [{"userId": "m1", "role": "MAIN"}, {"userId": "m2", "role": "MAIN"}]}
    lines = [
        '{"id":1e999,"op":"check-url","url":"https://hooks.example.com/"}',
        json.dumps(
            {
                "op": "apply-change",
                "actor": "m1",
                "organisation": org,
                "change": {"kind": "CLEAR_GENERAL"},
            }
        ),
        json.dumps(
            {
                "op": "apply-change",
                "actor": "m1",
                "extra": 1,
                "organisation": org,
                "change": {"kind": "CLEAR_GENERAL"},
            }
        ),
    ]
    code, out, _ = run(["oracle"], "\n".join(lines) + "\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert "Infinity" not in out
    assert answers[0]["error"][0]["problem"] == "INVALID_JSON"
    assert answers[1]["error"][0]["path"] == "$.organisation.accounts"
    assert answers[2]["error"][0]["problem"] == "UNKNOWN_KEY"
