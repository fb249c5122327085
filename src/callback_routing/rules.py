"""The routing decision. All routing logic lives in this module and nowhere else.

Invariants (each is a rule of rules.md, and each is a property test):

* ``route`` is pure and total: it reads only its arguments and returns a ``Decision`` for
  every well-typed input; it never raises and never mutates anything (R8).
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

from .models import (
    DEFAULT_MAX_RETRIES,
    CallbackToken,
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
RULE_TITLES: dict[Rule, str] = {
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

_NO_SETTINGS = Settings()


def _usable(value: CallbackUrl | RejectedSetting | None) -> CallbackUrl | None:
    return value if isinstance(value, CallbackUrl) else None


def _decision(
    targets: list[Target],
    rules: set[Rule],
    overridden: CallbackUrl | None = None,
    rejected: tuple[RejectedSetting, ...] = (),
) -> Decision:
    return Decision(
        targets=tuple(targets),
        rules=tuple(sorted(rules, key=lambda rule: rule.number)),
        overridden_individual=overridden,
        rejected_settings=rejected,
    )


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
            return _decision([], {Rule.R1})
        target = Target(
            url=request.url,
            sources=(Source.REQUEST,),
            token=request.token,
            max_retries=request.max_retries,
        )
        return _decision([target], {Rule.R2, Rule.R10})

    rules: set[Rule] = set()
    # R13: a stored URL that failed to parse counts as unset and is reported.
    rejected = tuple(
        s for s in (settings.general, settings.individual) if isinstance(s, RejectedSetting)
    )
    if rejected:
        rules.add(Rule.R13)
    general, individual = _usable(settings.general), _usable(settings.individual)

    targets: list[Target] = []
    if general is not None:  # R3: General receives the callback, with or without a request.
        rules.add(Rule.R3)
        targets.append(Target(url=general, sources=(Source.GENERAL,)))

    # R4: the individual slot is the request URL (the override), else the Individual URL.
    slot: tuple[CallbackUrl, Source, CallbackToken | None, int] | None = None
    overridden = None
    if request is not None:
        rules.add(Rule.R10)
        slot = (request.url, Source.REQUEST, request.token, request.max_retries)
        if individual is not None:  # R8: overridden for this batch only, nothing mutated.
            overridden = individual
            rules.add(Rule.R8)
    elif individual is not None:
        slot = (individual, Source.INDIVIDUAL, None, DEFAULT_MAX_RETRIES)

    if slot is not None:  # R5: a set slot receives the callback.
        url, source, token, retries = slot
        rules.update((Rule.R4, Rule.R5))
        if general is not None and url == general:
            # R6: one target, at General's form, remembering both sources; the request's
            # token and retry limit stay with it when the slot is the request (R10).
            rules.add(Rule.R6)
            targets[0] = Target(
                url=general,
                # Source order: REQUEST before GENERAL before INDIVIDUAL.
                sources=(source, Source.GENERAL)
                if source is Source.REQUEST
                else (Source.GENERAL, source),
                token=token,
                max_retries=retries,
            )
        else:
            targets.append(Target(url=url, sources=(source,), token=token, max_retries=retries))

    if len(targets) == 2:
        rules.add(Rule.R11)  # R11: General's target first, then the slot's.
    if not targets:
        rules.add(Rule.R7)
    return _decision(targets, rules, overridden, rejected)
