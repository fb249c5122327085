"""The hand-written case lists behind vectors/*.json.

Run ``python -m tests.vector_cases`` to rewrite the vector files; ``tests/test_vectors.py``
fails when the files and these lists differ, and runs every vector through the library.
Expected values are written here by hand, never computed by the library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.test_urls import CANONICAL, REFUSED, SAME

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
G, I, Q = (  # noqa: E741 - the spec's letters
    "https://hooks.example.com/all",
    "https://hooks.example.com/me",
    "https://api.example.com/cb",
)

QUOTES = {
    "R1": "Manual or CLI, no request URL: no callback.",
    "R2": "Manual or CLI with a request URL: exactly one callback, to it; G and I are never used.",
    "R3": "LNT: a set General URL receives the callback, with or without a request URL.",
    "R4": "LNT: the individual slot is the request URL when present, otherwise I; "
    "an overridden I is recorded.",
    "R5": "LNT: a set individual slot receives the callback.",
    "R6": "Same URL: one callback, at G's form, remembering both sources.",
    "R7": "LNT with neither G nor the individual slot: no callback.",
    "R8": "The override is bound to the batch; other batches use the stored I; nothing is mutated.",
    "R9": "Missing, null, empty or whitespace-only values are unset.",
    "R10": "The token and retry limit go with the request URL only; others get no token and 3.",
    "R11": "G's target first, then the individual slot's.",
    "R12": "G only by Main or Deputy; each user sets their own I; "
    "Main anyone's, Deputy all but Main's.",
    "R13": "Callback URLs must be valid; an invalid request URL refuses the input; "
    "an invalid stored URL is reported.",
    "§5.5": "Two URLs are the same iff their canonical forms are equal.",
    "§7": "Callback bodies decode without coercion; errors name wire-name JSON paths.",
}


def spec(*rules: str) -> list[dict[str, str]]:
    return [{"rule": r, "quote": QUOTES[r]} for r in rules]


def case(description: str, rules: list[str], tests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A vector file holding one case."""
    return [{"description": description, "specification": spec(*rules), "tests": tests}]


def target(url: str, sources: str, retries: int = 3, token: bool = False) -> dict[str, Any]:
    return {"url": url, "sources": sources.split("+"), "maxRetries": retries, "hasToken": token}


def decision(
    *targets: dict[str, Any],
    rules: str,
    overridden: str | None = None,
    rejected: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    return {
        "targets": list(targets),
        "rules": rules.split(),
        "overriddenIndividualCallbackUrl": overridden,
        "rejectedSettings": [{"field": f, "problem": p} for f, p in rejected],
    }


def route(
    description: str,
    expected: dict[str, Any] | None = None,
    error: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    test: dict[str, Any] = {"description": description, "input": {"op": "route", **fields}}
    if error is not None:
        test["error"] = [{"path": p, "problem": c} for p, c in error]
    else:
        test["expected"] = expected
    return test


def routing_by_test_type() -> list[dict[str, Any]]:
    manual_cli = []
    for t in ("MANUAL", "CLI"):
        manual_cli += [
            route(f"{t} without request URL", decision(rules="R1"), testType=t),
            route(
                f"{t} ignores G and I",
                decision(rules="R1"),
                testType=t,
                generalCallbackUrl=G,
                individualCallbackUrl=I,
            ),
            route(
                f"{t} with request URL",
                decision(target(Q, "REQUEST"), rules="R2 R10"),
                testType=t,
                resultsCallbackUrl=Q,
                generalCallbackUrl=G,
                individualCallbackUrl=I,
            ),
            route(
                f"{t} token and retries",
                decision(target(Q, "REQUEST", 0, True), rules="R2 R10"),
                testType=t,
                resultsCallbackUrl=Q,
                resultsCallbackToken="tok",
                maxCallbackRetries=0,
            ),
            route(
                f"{t} ignores invalid stored URLs",
                decision(rules="R1"),
                testType=t,
                generalCallbackUrl="ftp://x.example/",
                individualCallbackUrl="http://[::1]/",
            ),
        ]
    return [
        {
            "description": "Manual and CLI tests",
            "specification": spec("R1", "R2", "R10"),
            "tests": manual_cli,
        }
    ]


def lnt_combinations() -> list[dict[str, Any]]:
    tests = [
        route(
            "only General",
            decision(target(G, "GENERAL"), rules="R3"),
            testType="LNT",
            generalCallbackUrl=G,
        ),
        route(
            "only Individual",
            decision(target(I, "INDIVIDUAL"), rules="R4 R5"),
            testType="LNT",
            individualCallbackUrl=I,
        ),
        route(
            "both, different",
            decision(target(G, "GENERAL"), target(I, "INDIVIDUAL"), rules="R3 R4 R5 R11"),
            testType="LNT",
            generalCallbackUrl=G,
            individualCallbackUrl=I,
        ),
        route(
            "both, same URL",
            decision(target(G, "GENERAL+INDIVIDUAL"), rules="R3 R4 R5 R6"),
            testType="LNT",
            generalCallbackUrl=G,
            individualCallbackUrl=G,
        ),
        route("neither", decision(rules="R7"), testType="LNT"),
        route(
            "blank settings are unset",
            decision(rules="R7"),
            testType="LNT",
            generalCallbackUrl="  ",
            individualCallbackUrl="",
        ),
        route(
            "invalid General, valid Individual",
            decision(
                target(I, "INDIVIDUAL"),
                rules="R4 R5 R13",
                rejected=(("generalCallbackUrl", "BLOCKED_ADDRESS"),),
            ),
            testType="LNT",
            generalCallbackUrl="http://169.254.169.254/",
            individualCallbackUrl=I,
        ),
        route(
            "both stored URLs invalid",
            decision(
                rules="R7 R13",
                rejected=(
                    ("generalCallbackUrl", "UNSUPPORTED_SCHEME"),
                    ("individualCallbackUrl", "CREDENTIALS"),
                ),
            ),
            testType="LNT",
            generalCallbackUrl="ftp://h.example/",
            individualCallbackUrl="https://u:p@h.example/",
        ),
    ]
    return case("LNT with account URLs only", ["R3", "R5", "R6", "R7", "R11", "R13"], tests)


def override() -> list[dict[str, Any]]:
    tests = [
        route(
            "request overrides stored Individual",
            decision(
                target(G, "GENERAL"),
                target(Q, "REQUEST", 5, True),
                rules="R3 R4 R5 R8 R10 R11",
                overridden=I,
            ),
            testType="LNT",
            resultsCallbackUrl=Q,
            resultsCallbackToken="tok",
            maxCallbackRetries=5,
            generalCallbackUrl=G,
            individualCallbackUrl=I,
        ),
        route(
            "request with no Individual stored",
            decision(target(Q, "REQUEST"), rules="R4 R5 R10"),
            testType="LNT",
            resultsCallbackUrl=Q,
        ),
        route(
            "request equal to Individual",
            decision(
                target(G, "GENERAL"),
                target(I, "REQUEST"),
                rules="R3 R4 R5 R8 R10 R11",
                overridden=I,
            ),
            testType="LNT",
            resultsCallbackUrl=I,
            generalCallbackUrl=G,
            individualCallbackUrl=I,
        ),
        route(
            "request equal to General",
            decision(
                target(G, "REQUEST+GENERAL", 1, True), rules="R3 R4 R5 R6 R8 R10", overridden=I
            ),
            testType="LNT",
            resultsCallbackUrl="https://HOOKS.example.com:443/all",
            resultsCallbackToken="tok",
            maxCallbackRetries=1,
            generalCallbackUrl=G,
            individualCallbackUrl=I,
        ),
        route(
            "request overrides invalid Individual: none recorded",
            decision(
                target(Q, "REQUEST"),
                rules="R4 R5 R10 R13",
                rejected=(("individualCallbackUrl", "AMBIGUOUS_IP"),),
            ),
            testType="LNT",
            resultsCallbackUrl=Q,
            individualCallbackUrl="http://127.1/",
        ),
    ]
    return case("The request URL overrides the Individual URL", ["R4", "R8", "R10"], tests)


def same_url() -> list[dict[str, Any]]:
    tests = []
    for a, b, same in SAME:
        merged = decision(target(json_canonical(a), "GENERAL+INDIVIDUAL"), rules="R3 R4 R5 R6")
        apart = decision(
            target(json_canonical(a), "GENERAL"),
            target(json_canonical(b), "INDIVIDUAL"),
            rules="R3 R4 R5 R11",
        )
        tests.append(
            route(
                f"{'same' if same else 'different'}: {a} ~ {b}"[:90],
                merged if same else apart,
                testType="LNT",
                generalCallbackUrl=a,
                individualCallbackUrl=b,
            )
        )
    return case("Same URL by canonical form", ["R6", "§5.5"], tests)


def json_canonical(text: str) -> str:
    """Canonical forms of the same-URL table, written out by hand."""
    return CANONICAL_OF[text]


CANONICAL_OF = {
    "https://hooks.example.com:443/sms": "https://hooks.example.com/sms",
    "http://hooks.example.com:443/sms": "http://hooks.example.com:443/sms",
    "https://hooks.example.com/sms": "https://hooks.example.com/sms",
    "https://hooks.example.com/cb/%7Euser": "https://hooks.example.com/cb/~user",
    "https://hooks.example.com/cb/~user": "https://hooks.example.com/cb/~user",
    "https://hooks.example.com/a%2fb": "https://hooks.example.com/a%2Fb",
    "https://hooks.example.com/a%2Fb": "https://hooks.example.com/a%2Fb",
    "https://hooks.example.com/a/b": "https://hooks.example.com/a/b",
    "HTTPS://HOOKS.Example.com/Hook": "https://hooks.example.com/Hook",
    "https://hooks.example.com/Hook": "https://hooks.example.com/Hook",
    "https://hooks.example.com/hook": "https://hooks.example.com/hook",
    "https://hooks.example.com": "https://hooks.example.com/",
    "https://hooks.example.com/": "https://hooks.example.com/",
    "https://hooks.example.com/cb": "https://hooks.example.com/cb",
    "https://hooks.example.com/cb/": "https://hooks.example.com/cb/",
    "https://bücher.example/cb": "https://xn--bcher-kva.example/cb",
    "https://xn--bcher-kva.example/cb": "https://xn--bcher-kva.example/cb",
    "http://hooks.example.com:80/x": "http://hooks.example.com/x",
    "http://hooks.example.com/x": "http://hooks.example.com/x",
    "https://hooks.example.com:8443/x": "https://hooks.example.com:8443/x",
    "https://hooks.example.com/x": "https://hooks.example.com/x",
    "https://hooks.example.com/x?a=1": "https://hooks.example.com/x?a=1",
    "https://hooks.example.com/x?A=1": "https://hooks.example.com/x?A=1",
    "https://hooks.example.com/x?": "https://hooks.example.com/x?",
    "https://hooks.example.com/x?a=1&b=2": "https://hooks.example.com/x?a=1&b=2",
    "https://hooks.example.com/x?b=2&a=1": "https://hooks.example.com/x?b=2&a=1",
    "https://hooks.example.com/a/../x": "https://hooks.example.com/x",
    "https://hooks.example.com/%61": "https://hooks.example.com/a",
    "https://hooks.example.com/a": "https://hooks.example.com/a",
    "https://hooks.example.com/%C3%BC": "https://hooks.example.com/%C3%BC",
    "https://hooks.example.com/ü": "https://hooks.example.com/%C3%BC",
    "https://hooks.example.com./x": "https://hooks.example.com./x",
    "https://hooks.example.com/x%20y": "https://hooks.example.com/x%20y",
    "https://hooks.example.com/x+y": "https://hooks.example.com/x+y",
    "http://[2606:4700::1111]/": "http://[2606:4700::1111]/",
    "http://[2606:4700:0::1111]:80": "http://[2606:4700::1111]/",
}


def url_problems() -> list[dict[str, Any]]:
    tests = []
    for text, problem in REFUSED:
        shown = text if len(text) <= 60 else text[:40] + f"... ({len(text)} chars)"
        tests.append(
            {
                "description": f"{problem.value}: {shown!r}",
                "input": {"op": "check-url", "url": text},
                "error": [{"path": "$.url", "problem": problem.value}],
            }
        )
    return [{"description": "Refused callback URLs", "specification": spec("R13"), "tests": tests}]


def url_canonical() -> list[dict[str, Any]]:
    tests: list[dict[str, Any]] = [
        {
            "description": f"canonical: {text!r}"[:90]
            if len(text) < 80
            else f"canonical: long path ({len(text)} chars)",
            "input": {"op": "check-url", "url": text},
            "expected": {"url": canonical},
        }
        for text, canonical in CANONICAL
    ]
    tests += [
        {
            "description": f"private policy: {text}",
            "input": {"op": "check-url", "url": text, "allowPrivate": True},
            "expected": {"url": canonical},
        }
        for text, canonical in (
            ("http://127.0.0.1:8080/cb", "http://127.0.0.1:8080/cb"),
            ("http://LOCALHOST/cb", "http://localhost/cb"),
            ("http://[fd00::1]/cb", "http://[fd00::1]/cb"),
        )
    ]
    tests.append(
        {
            "description": "private policy still refuses metadata",
            "input": {"op": "check-url", "url": "http://169.254.169.254/", "allowPrivate": True},
            "error": [{"path": "$.url", "problem": "BLOCKED_ADDRESS"}],
        }
    )
    return [
        {"description": "Canonical forms", "specification": spec("R13", "§5.5"), "tests": tests}
    ]


def input_errors() -> list[dict[str, Any]]:
    bad_retries = [-1, 6, True, "3", 3.5, 3.0, [3]]
    tests = [
        route(
            f"maxCallbackRetries {json.dumps(v)} refused",
            error=[("$.maxCallbackRetries", "INVALID_VALUE" if type(v) is int else "INVALID_TYPE")],
            testType="LNT",
            resultsCallbackUrl=Q,
            maxCallbackRetries=v,
        )
        for v in bad_retries
    ]
    tests += [
        route(
            f"blank request URL {json.dumps(v)} is unset",
            decision(rules="R1"),
            testType="MANUAL",
            resultsCallbackUrl=v,
        )
        for v in ("", "   ", "\t\n", None)
    ]
    tests += [
        route(
            "invalid request URL refuses the input",
            error=[("$.resultsCallbackUrl", "BLOCKED_ADDRESS")],
            testType="LNT",
            resultsCallbackUrl="http://[::ffff:127.0.0.1]/cb",
            generalCallbackUrl=G,
        ),
        route(
            "unknown key",
            error=[("$.resultsCallbackURL", "UNKNOWN_KEY")],
            testType="LNT",
            resultsCallbackURL=Q,
        ),
        route("missing testType", error=[("$.testType", "MISSING_FIELD")]),
        route("lower-case testType", error=[("$.testType", "INVALID_VALUE")], testType="lnt"),
        route(
            "token with a line break",
            error=[("$.resultsCallbackToken", "INVALID_VALUE")],
            testType="CLI",
            resultsCallbackUrl=Q,
            resultsCallbackToken="a\r\nX: y",
        ),
        route(
            "blank token is no token",
            decision(target(Q, "REQUEST"), rules="R2 R10"),
            testType="CLI",
            resultsCallbackUrl=Q,
            resultsCallbackToken=" ",
        ),
    ]
    return case("Reading the routing input", ["R9", "R10", "R13"], tests)


def permissions() -> list[dict[str, Any]]:
    accounts = [
        {"userId": "m", "role": "MAIN"},
        {"userId": "d", "role": "DEPUTY"},
        {"userId": "s", "role": "SUB"},
        {"userId": "s2", "role": "SUB"},
    ]
    org = {"generalCallbackUrl": G, "accounts": accounts}

    def change(
        description: str, actor: str, kind: str, allowed: bool, user: str | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"kind": kind}
        if user is not None:
            body["userId"] = user
        if kind.startswith("SET"):
            body["url"] = Q
        test: dict[str, Any] = {
            "description": description,
            "input": {"op": "apply-change", "organisation": org, "actor": actor, "change": body},
        }
        if not allowed:
            test["error"] = [{"path": "$.change", "problem": "PERMISSION_DENIED"}]
            return test
        new_general = Q if kind == "SET_GENERAL" else None if kind == "CLEAR_GENERAL" else G
        test["expected"] = {
            "generalCallbackUrl": new_general,
            "accounts": sorted(
                (
                    {
                        **a,
                        "individualCallbackUrl": (Q if kind == "SET_INDIVIDUAL" else None)
                        if a["userId"] == user
                        else None,
                    }
                    for a in accounts
                ),
                key=lambda a: a["userId"],
            ),
        }
        return test

    tests = [
        change("Main sets General", "m", "SET_GENERAL", True),
        change("Deputy clears General", "d", "CLEAR_GENERAL", True),
        change("Sub sets General: refused", "s", "SET_GENERAL", False),
        change("Sub clears General: refused", "s", "CLEAR_GENERAL", False),
        change("Sub sets its own Individual", "s", "SET_INDIVIDUAL", True, "s"),
        change("Sub sets another Sub's: refused", "s", "SET_INDIVIDUAL", False, "s2"),
        change("Deputy sets a Sub's", "d", "SET_INDIVIDUAL", True, "s"),
        change("Deputy sets Main's: refused", "d", "SET_INDIVIDUAL", False, "m"),
        change("Main sets a Deputy's", "m", "SET_INDIVIDUAL", True, "d"),
        change("Main clears a Sub's", "m", "CLEAR_INDIVIDUAL", True, "s"),
    ]
    return case("Who may change the callback settings", ["R12"], tests)


def batches() -> list[dict[str, Any]]:
    org = {
        "generalCallbackUrl": G,
        "accounts": [
            {"userId": "m", "role": "MAIN"},
            {"userId": "u", "role": "SUB", "individualCallbackUrl": I},
        ],
    }
    with_request = {
        "testType": "LNT",
        "testIds": [2, 1],
        "executingUser": "u",
        "resultsCallbackUrl": Q,
    }
    without = {"testType": "LNT", "testIds": [3], "executingUser": "u"}
    overridden = decision(
        target(G, "GENERAL"), target(Q, "REQUEST"), rules="R3 R4 R5 R8 R10 R11", overridden=I
    )
    stored = decision(target(G, "GENERAL"), target(I, "INDIVIDUAL"), rules="R3 R4 R5 R11")
    tests = [
        {
            "description": "batch with a request URL",
            "input": {"op": "route-batch", "batch": with_request, "organisation": org},
            "expected": {"results": [{"testId": 1, **overridden}, {"testId": 2, **overridden}]},
        },
        {
            "description": "other batch of the same user",
            "input": {"op": "route-batch", "batch": without, "organisation": org},
            "expected": {"results": [{"testId": 3, **stored}]},
        },
    ]
    return [{"description": "Batches", "specification": spec("R8"), "tests": tests}]


def payload_decoding() -> list[dict[str, Any]]:
    data = Path(__file__).resolve().parent / "data"
    bodies = {
        k: json.loads((data / f"{k}-callback.json").read_text()) for k in ("manual", "cli", "lnt")
    }
    tests: list[dict[str, Any]] = [
        {"description": f"documented {k} body", "input": {"op": "decode", "body": b}, "expected": b}
        for k, b in bodies.items()
    ]

    def bad(description: str, body: Any, errors: list[tuple[str, str]], **options: Any) -> None:
        tests.append(
            {
                "description": description,
                "input": {"op": "decode", "body": body, **options},
                "error": [{"path": p, "problem": c} for p, c in errors],
            }
        )

    manual, cli, lnt = bodies["manual"], bodies["cli"], bodies["lnt"]
    bad("id as text", {**manual, "id": "147775"}, [("$.id", "INVALID_TYPE")])
    bad("testIdText as number", {**manual, "testIdText": 123}, [("$.testIdText", "INVALID_TYPE")])
    bad("testIdText null", {**manual, "testIdText": None}, [("$.testIdText", "INVALID_TYPE")])
    bad("receiptDelay true", {**manual, "receiptDelay": True}, [("$.receiptDelay", "INVALID_TYPE")])
    bad('receiptDelay "3"', {**cli, "receiptDelay": "3"}, [("$.receiptDelay", "INVALID_TYPE")])
    bad(
        "naive timestamp",
        {**manual, "testCreatedAt": "2025-01-08T15:33:37.405570"},
        [("$.testCreatedAt", "INVALID_VALUE")],
    )
    bad(
        "nested wrong type",
        {
            **cli,
            "destinationNetworkDetails": {**cli["destinationNetworkDetails"], "portedFromMnc": 260},
        },
        [("$.destinationNetworkDetails.portedFromMnc", "INVALID_TYPE")],
    )
    bad(
        "two problems at once",
        {**lnt, "retry": "no", "dlrDelay": 1.5},
        [("$.retry", "INVALID_TYPE"), ("$.dlrDelay", "INVALID_TYPE")],
    )
    bad(
        "bad PDU",
        {**lnt, "pdusDelivered": ["0A", "xyz"]},
        [("$.pdusDelivered[1]", "INVALID_VALUE")],
    )
    bad(
        "missing fields of a Manual body",
        {"id": "x"},
        [("$.id", "INVALID_TYPE")]
        + [
            (f"$.{k}", "MISSING_FIELD")
            for k in (
                "testIdText",
                "senderDelivered",
                "textDelivered",
                "testCreatedAt",
                "smsReceivedAt",
                "receiptDelay",
                "receiptStatus",
                "destinationNetworkDetails",
                "smscInfo",
                "pdusDelivered",
            )
        ],
        kind="MANUAL",
    )
    bad(
        "unknown field, strict",
        {**cli, "newField": 1},
        [("$.newField", "UNKNOWN_FIELD")],
        strict=True,
    )
    bad(
        "unknown status, strict",
        {**cli, "receiptStatus": "LATER"},
        [("$.receiptStatus", "INVALID_VALUE")],
        strict=True,
    )
    bad("ambiguous kind", {"id": 1, "cli": None, "supplier": None}, [("$", "AMBIGUOUS_KIND")])
    bad("unrecognisable kind", {"id": 1}, [("$", "UNKNOWN_KIND")])
    bad("not an object", [1, 2], [("$", "INVALID_TYPE")])
    tests.append(
        {
            "description": "unknown field kept, lenient",
            "input": {"op": "decode", "body": {**cli, "newField": 1}},
            "expected": {**cli, "newField": 1},
        }
    )
    tests.append(
        {
            "description": "unknown status kept, lenient",
            "input": {"op": "decode", "body": {**cli, "receiptStatus": "LATER"}},
            "expected": {**cli, "receiptStatus": "LATER"},
        }
    )
    return [{"description": "Callback bodies", "specification": spec("§7"), "tests": tests}]


FILES = {
    "routing-by-test-type.json": routing_by_test_type,
    "lnt-combinations.json": lnt_combinations,
    "override.json": override,
    "same-url.json": same_url,
    "url-problems.json": url_problems,
    "url-canonical.json": url_canonical,
    "input-errors.json": input_errors,
    "settings-permissions.json": permissions,
    "batches.json": batches,
    "payload-decoding.json": payload_decoding,
}


def render(name: str) -> str:
    return json.dumps(FILES[name](), indent=2) + "\n"  # ASCII: lone surrogates stay escaped


def main() -> int:
    for name in FILES:
        (VECTORS / name).write_text(render(name), encoding="utf-8")
    sys.stdout.write(f"wrote {len(FILES)} files to {VECTORS}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
