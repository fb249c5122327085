"""The routing decision. All routing logic lives in this module and nowhere else.

Invariants (each is a rule of rules.md, and each is a property test):

* ``route`` is pure and total: it reads only its arguments and returns a ``Decision`` for
  every well-typed input; it never raises for one and never mutates anything (R8). (A
  plain string naming a test type is accepted; any other string is a ValueError.)
* MANUAL and CLI tests never reach an account URL; they reach the request URL iff there is
  one (R1, R2).
* For LNT, a set General URL is always a target (R3); the individual slot is the request
  URL when there is one, else the stored Individual URL (R4, R5); a stored URL that failed
  to parse counts as unset and is reported (R13).
* Targets differ pairwise by canonical URL (R6); the General URL's target comes first (R11).
* The request's token and retry limit go to exactly the target whose sources include
  REQUEST (R10).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .models import (
    Decision,
    RejectedSetting,
    Request,
    Rule,
    Settings,
    Source,
    Target,
    TestType,
)
from .urls import CallbackUrl

__all__ = ["RULE_TITLES", "route"]

#: One line per rule ID, for explanations and the ``rules`` command. rules.md is normative.
RULE_TITLES: Mapping[Rule, str] = MappingProxyType(
    {
        Rule.R1: "Manual or CLI test without a request URL: no callback",
        Rule.R2: "Manual or CLI test with a request URL: one callback, to it",
        Rule.R3: "LNT: a set General URL always receives the callback",
        Rule.R4: "LNT: the individual slot is the request URL if given, else the Individual URL",
        Rule.R5: "LNT: a set individual slot receives the callback",
        Rule.R6: "Same URL (canonical form): one callback, remembering both sources",
        Rule.R7: "LNT with neither General nor individual slot: no callback",
        Rule.R8: "The override holds for this batch only; stored settings are never changed",
        Rule.R9: "Missing, null, empty or blank values mean 'not set'",
        Rule.R10: "The request's token and retry limit travel with the request URL only",
        Rule.R11: "Order: the General URL's target first, then the individual slot's",
        Rule.R12: "General URL: Main or Deputy only; each user sets their own Individual URL",
        Rule.R13: "Invalid URLs: an invalid request is refused; an invalid stored URL is reported",
    }
)

_NO_SETTINGS = Settings()


# The rule IDs a decision lists (rules.md §4.1) follow from six facts about the input, so
# they are tabulated once, at import, for every combination of those facts.
_GENERAL, _SLOT, _SAME, _OVERRIDE, _REQUEST, _REJECTED = 1, 2, 4, 8, 16, 32


def _lnt_rules(facts: int) -> tuple[Rule, ...]:
    general, slot = bool(facts & _GENERAL), bool(facts & _SLOT)
    same = bool(facts & _SAME)
    listed = (
        (Rule.R3, general),
        (Rule.R4, slot),
        (Rule.R5, slot),
        (Rule.R6, same),
        (Rule.R7, not general and not slot),
        (Rule.R8, bool(facts & _OVERRIDE)),
        (Rule.R10, bool(facts & _REQUEST)),
        (Rule.R11, general and slot and not same),
        (Rule.R13, bool(facts & _REJECTED)),
    )
    return tuple(rule for rule, applies in listed if applies)


_LNT_RULES = tuple(_lnt_rules(facts) for facts in range(64))
_NO_REQUEST_RULES = (Rule.R1,)
_REQUEST_RULES = (Rule.R2, Rule.R10)
_REQUEST_ONLY = (Source.REQUEST,)
_GENERAL_ONLY = (Source.GENERAL,)
_INDIVIDUAL_ONLY = (Source.INDIVIDUAL,)
_REQUEST_AND_GENERAL = (Source.REQUEST, Source.GENERAL)  # sources keep Source's order
_GENERAL_AND_INDIVIDUAL = (Source.GENERAL, Source.INDIVIDUAL)


def route(
    test_type: TestType, request: Request | None = None, settings: Settings = _NO_SETTINGS
) -> Decision:
    """Decide where the result of one test goes.

    ``request`` is the Public API request that launched the test (``None`` for the web UI,
    the Scheduler, or an API request without ``resultsCallbackUrl``); ``settings`` are the
    account URLs as they are now, with the Individual URL of the user who executes the test.
    """
    if type(test_type) is not TestType:
        test_type = TestType(test_type)  # a plain "LNT" string means TestType.LNT
    if test_type is not TestType.LNT:
        # R1, R2: Manual and CLI never look at the account URLs.
        if request is None:
            return Decision(targets=(), rules=_NO_REQUEST_RULES)
        target = Target(
            url=request.url,
            sources=_REQUEST_ONLY,
            token=request.token,
            max_retries=request.max_retries,
        )
        return Decision(targets=(target,), rules=_REQUEST_RULES)

    facts = 0
    general, individual = settings.general, settings.individual
    rejected: tuple[RejectedSetting, ...] = ()
    # R13: a stored URL that failed to parse counts as unset and is reported.
    if not isinstance(general, CallbackUrl) and general is not None:
        rejected, general = (general,), None
        facts |= _REJECTED
    if not isinstance(individual, CallbackUrl) and individual is not None:
        rejected, individual = (*rejected, individual), None
        facts |= _REJECTED

    # R3: a set General URL receives the callback, with or without a request.
    general_target = None if general is None else Target(url=general, sources=_GENERAL_ONLY)
    if general_target is not None:
        facts |= _GENERAL

    # R4, R5: the individual slot is the request URL (the override), else the Individual
    # URL; a set slot receives the callback.
    overridden = None
    slot_target = None
    if request is not None:
        facts |= _REQUEST | _SLOT
        if individual is not None:  # R8: overridden for this batch only, nothing mutated.
            overridden = individual
            facts |= _OVERRIDE
        if request.url == general:
            # R6: one target at General's form; the request's token and retries stay (R10).
            facts |= _SAME
            general_target = Target(
                url=general,
                sources=_REQUEST_AND_GENERAL,
                token=request.token,
                max_retries=request.max_retries,
            )
        else:
            slot_target = Target(
                url=request.url,
                sources=_REQUEST_ONLY,
                token=request.token,
                max_retries=request.max_retries,
            )
    elif individual is not None:
        facts |= _SLOT
        if individual == general:  # R6
            facts |= _SAME
            general_target = Target(url=general, sources=_GENERAL_AND_INDIVIDUAL)
        else:
            slot_target = Target(url=individual, sources=_INDIVIDUAL_ONLY)

    # R11: General's target first, then the slot's; R7: none at all is a decision too.
    if general_target is None:
        targets: tuple[Target, ...] = () if slot_target is None else (slot_target,)
    else:
        targets = (general_target,) if slot_target is None else (general_target, slot_target)
    return Decision(
        targets=targets,
        rules=_LNT_RULES[facts],
        overridden_individual=overridden,
        rejected_settings=rejected,
    )
