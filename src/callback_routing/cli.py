"""The ``callback-routing`` command: the only module that touches stdin, stdout and files.

Exit status: 0 on success, 2 on bad input or usage. On bad input the error is written as
``{"error": {"field", "problem", "message"}}`` to stdout and its message to stderr; there is
never a traceback for bad input. Tokens are never printed.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from . import __version__
from .addresses import UrlPolicy
from .codec import decode, to_wire
from .errors import InputError, InputProblem, PayloadError
from .explain import decision_table, explain
from .models import TestType
from .oracle import answer_line
from .urls import parse_callback_url
from .wire import (
    decision_to_wire,
    error_to_wire,
    issues_to_wire,
    loads_strict,
    parse_route_input,
    plan_wire,
    route_batch_wire,
)

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callback-routing",
        description="Decide where the result callbacks of SMS tests go (see rules.md).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    route = commands.add_parser(
        "route", help="route one JSON input (stdin or --input) and print the decision"
    )
    route.add_argument("--input", metavar="FILE", help="read the JSON input from FILE (- stdin)")
    route.add_argument(
        "--explain", action="store_true", help="print a human explanation instead of JSON"
    )
    _add_policy(route)

    batch = commands.add_parser(
        "route-batch",
        help="route every result of a batch: {batch, organisation} JSON (stdin or --input)",
    )
    batch.add_argument("--input", metavar="FILE", help="read the JSON input from FILE (- stdin)")
    _add_policy(batch)

    commands.add_parser(
        "oracle",
        help="answer JSON lines on stdin (route, route-batch, check-url, decode, plan, "
        "apply-change), one line out per line in",
    )

    check = commands.add_parser("check-url", help="print a URL's canonical form, or its problem")
    check.add_argument("url", metavar="URL")
    check.add_argument("--json", action="store_true", help='print {"url": ...} on success')
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
    out.write(json.dumps(data, indent=2) + "\n")  # ASCII: safe on any terminal encoding


def _fail(error: InputError, out: TextIO, err: TextIO) -> int:
    _print_json(error_to_wire(error), out)
    err.write(f"callback-routing: {error.message}\n")
    return EXIT_BAD_INPUT


def _read_bytes(path: str | None) -> bytes:
    try:
        if path is None or path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(
            f"cannot read the input ({exc.strerror or type(exc).__name__}: {path or 'stdin'})",
            problem=InputProblem.UNREADABLE_INPUT,
        ) from None


def _read_json(path: str | None) -> object:
    """Read one JSON value; refuse bad UTF-8, NaN/Infinity and duplicate keys."""
    return loads_strict(_read_bytes(path))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # usage errors (argparse printed them) and --help
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    out, err = sys.stdout, sys.stderr
    for stream in (out, err):  # text from the input must never crash the output
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    policy = UrlPolicy(allow_private_networks=getattr(args, "allow_private", False))
    try:
        if args.command == "oracle":
            return _oracle(out)
        if args.command == "rules":
            out.write(decision_table() + "\n")
        elif args.command == "check-url":
            url = parse_callback_url(args.url, field="url", policy=policy)
            out.write(json.dumps({"url": str(url)}) + "\n" if args.json else f"{url}\n")
        elif args.command == "route":
            decision = parse_route_input(_read_json(args.input), policy=policy).route()
            if args.explain:
                out.write(explain(decision) + "\n")
            else:
                _print_json(decision_to_wire(decision), out)
        elif args.command == "route-batch":
            _print_json(route_batch_wire(_read_json(args.input), policy=policy), out)
        elif args.command == "decode":
            kind = None if args.kind is None else TestType(args.kind)
            body = loads_strict(_read_bytes(None))
            if not isinstance(body, dict):
                body = json.dumps(body)  # the codec names what it got instead of an object
            _print_json(to_wire(decode(body, kind, strict=args.strict)), out)
        else:
            data = _read_json(args.input)
            _print_json(plan_wire(data, policy=policy, reveal_token=args.reveal_token), out)
    except InputError as exc:
        return _fail(exc, out, err)
    except PayloadError as exc:
        _print_json({"errors": issues_to_wire(exc)}, out)
        err.writelines(f"callback-routing: {e.path}: {e.message}\n" for e in exc.errors)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _oracle(out: TextIO) -> int:
    """Answer every stdin line in order; a bad line gets an error line, never a stop."""
    try:
        for line in sys.stdin.buffer:
            out.write(answer_line(line) + "\n")
            out.flush()  # a co-process waits for each answer before it sends the next line
    except OSError as exc:
        sys.stderr.write(f"callback-routing: cannot read stdin ({exc})\n")
        return 1
    out.flush()
    return EXIT_OK
