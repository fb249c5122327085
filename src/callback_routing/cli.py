"""The ``callback-routing`` command: the only module that touches stdin, stdout and files.

Exit status: 0 on success, 2 on bad input or usage. On bad input the error is written as
``{"error": {"field", "problem", "message"}}`` to stdout and its message to stderr; there is
never a traceback for bad input. Tokens are never printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .addresses import UrlPolicy
from .codec import decode, to_wire
from .errors import InputError, InputProblem, PayloadError, PayloadIssue
from .explain import decision_table, explain
from .models import TestType
from .urls import parse_callback_url
from .wire import decision_to_wire, error_to_wire, parse_route_input, plan_wire

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callback-routing",
        description="Decide where the result callbacks of SMS tests go (see rules.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    route = commands.add_parser(
        "route", help="route one JSON input (stdin or --input) and print the decision"
    )
    route.add_argument("--input", metavar="FILE", help="read the JSON input from FILE")
    route.add_argument(
        "--explain", action="store_true", help="print a human explanation instead of JSON"
    )
    _add_policy(route)

    check = commands.add_parser("check-url", help="print a URL's canonical form, or its problem")
    check.add_argument("url", metavar="URL")
    _add_policy(check)

    commands.add_parser("rules", help="print the decision table")

    decode = commands.add_parser(
        "decode", help="read a callback body on stdin and print it normalised"
    )
    decode.add_argument("--kind", choices=[t.value for t in TestType], help="the body's test type")
    decode.add_argument(
        "--strict", action="store_true", help="refuse unknown fields and receipt statuses"
    )

    plan = commands.add_parser(
        "plan", help='route input plus "result" (stdin or --input): print the deliveries'
    )
    plan.add_argument("--input", metavar="FILE", help="read the JSON input from FILE")
    plan.add_argument(
        "--reveal-token", action="store_true", help="print the real Authorization header"
    )
    _add_policy(plan)
    return parser


def _add_policy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="accept loopback, private and shared addresses (for test setups)",
    )


def _print_json(data: Any, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _fail(error: InputError, out: TextIO, err: TextIO) -> int:
    _print_json(error_to_wire(error), out)
    err.write(f"callback-routing: {error.message}\n")
    return EXIT_BAD_INPUT


def _read_text(path: str | None, stdin: TextIO) -> str:
    try:
        if path is None:
            return stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the input ({type(exc).__name__}: {exc})",
            problem=InputProblem.INVALID_JSON,
        ) from None


def _read_json(path: str | None, stdin: TextIO) -> object:
    text = _read_text(path, stdin)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise InputError(
            f"the input is not valid JSON ({detail})", problem=InputProblem.INVALID_JSON
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # usage errors (argparse printed them) and --help
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    out, err = sys.stdout, sys.stderr
    policy = UrlPolicy(allow_private_networks=getattr(args, "allow_private", False))
    try:
        if args.command == "rules":
            out.write(decision_table() + "\n")
        elif args.command == "check-url":
            out.write(str(parse_callback_url(args.url, policy=policy)) + "\n")
        elif args.command == "route":
            decision = parse_route_input(_read_json(args.input, sys.stdin), policy=policy).route()
            if args.explain:
                out.write(explain(decision) + "\n")
            else:
                _print_json(decision_to_wire(decision), out)
        elif args.command == "decode":
            kind = None if args.kind is None else TestType(args.kind)
            body = _read_text(None, sys.stdin)
            _print_json(to_wire(decode(body, kind, strict=args.strict)), out)
        else:
            data = _read_json(args.input, sys.stdin)
            _print_json(plan_wire(data, policy=policy, reveal_token=args.reveal_token), out)
    except InputError as exc:
        return _fail(exc, out, err)
    except PayloadError as exc:
        _print_json({"errors": [_issue_wire(e) for e in exc.errors]}, out)
        err.writelines(f"callback-routing: {e.path}: {e.message}\n" for e in exc.errors)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _issue_wire(issue: PayloadIssue) -> dict[str, str]:
    return {"path": issue.path, "problem": str(issue.problem), "message": issue.message}
