"""Human-readable explanations of decisions, and the decision table (pure).

Both are derived from :func:`callback_routing.rules.route` itself, so they cannot drift from
it. Tokens are never shown: a target only says whether it carries one.
"""

from __future__ import annotations

import itertools

from .models import CallbackToken, Decision, Request, Rule, Settings, Source, Target, TestType
from .rules import RULE_TITLES, route
from .urls import parse_callback_url

__all__ = ["decision_table", "explain"]

_SOURCE_TEXT = {
    Source.REQUEST: "the request's resultsCallbackUrl",
    Source.GENERAL: "the General URL",
    Source.INDIVIDUAL: "the Individual URL",
}
_ORDER = (Source.GENERAL, Source.REQUEST, Source.INDIVIDUAL)


def _target_line(number: int, target: Target) -> str:
    sources = " and ".join(_SOURCE_TEXT[s] for s in _ORDER if s in target.sources)
    token = "with the request token" if target.has_token else "no token"
    return (
        f"  {number}. {target.url}\n     from {sources}; {token}; retry limit {target.max_retries}"
    )


def explain(decision: Decision) -> str:
    """Explain a decision in a few lines, citing its rule IDs."""
    count = len(decision.targets)
    lines = [
        "No callback." if count == 0 else f"{count} callback{'s' if count > 1 else ''}:",
        *(_target_line(n, t) for n, t in enumerate(decision.targets, start=1)),
    ]
    if decision.overridden_individual is not None:
        lines.append(
            f"The request URL overrides the Individual URL {decision.overridden_individual} "
            "for this batch only; the stored setting is unchanged (R4, R8)."
        )
    for rejected in decision.rejected_settings:
        lines.append(f"Ignored invalid stored {rejected.field}: {rejected.message} (R13).")
    lines.append("Rules applied:")
    lines.extend(f"  {rule}: {RULE_TITLES[rule]}" for rule in decision.rules)
    return "\n".join(lines)


_G = parse_callback_url("https://general.example/cb")
_I = parse_callback_url("https://individual.example/cb")
_Q = parse_callback_url("https://request.example/cb")
_TOKEN = CallbackToken("t")


_NAMES = {_G: "G", _I: "I", _Q: "Q"}


def _shown(target: Target) -> str:
    sources = ",".join(s.value for s in target.sources)
    return f"{_NAMES[target.url]}{{{sources}}}{'*' if target.has_token else ''}"


def _rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for test_type, q_name, g_set, i_name in itertools.product(
        TestType, ("none", "new", "=G", "=I"), (False, True), ("none", "set", "=G")
    ):
        general = _G if g_set else None
        individual = {"none": None, "set": _I, "=G": general}[i_name]
        q_url = {"none": None, "new": _Q, "=G": general, "=I": individual}[q_name]
        if (
            (i_name == "=G" and general is None)
            or (q_name != "none" and q_url is None)
            or (q_name == "=I" and i_name == "=G")  # the same request as "=G"
        ):
            continue  # collapses onto another row (rules.md 4.2)
        request = None if q_url is None else Request(url=q_url, token=_TOKEN)
        decision = route(test_type, request, Settings(general=general, individual=individual))
        overridden = decision.overridden_individual
        rows.append(
            (
                test_type.value,
                q_name,
                "set" if g_set else "none",
                i_name,
                ", ".join(_shown(t) for t in decision.targets) or "none",
                "-" if overridden is None else _NAMES[overridden],
                " ".join(r.value for r in decision.rules),
            )
        )
    return rows


def decision_table() -> str:
    """The decision table over the abstract input space, computed by ``route``.

    Rows: test type x request URL (none, new, = General, = Individual) x General (none, set)
    x Individual (none, set, = General); rows whose request collapses onto another are left out.
    """
    header = ("test", "request", "general", "individ.", "targets", "overrides", "rules")
    rows = [header, *_rows()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.append(
        "G, I, Q: the General, Individual and request URLs; {..}: a target's sources; "
        "*: carries the request token; overrides: the Individual URL the request overrode."
    )
    lines.extend(f"{rule}: {RULE_TITLES[rule]}" for rule in Rule)
    return "\n".join(lines)
