"""Example tables for every routing rule, and the exhaustive table over the abstract space.

Expected values are written out by hand from rules.md §4.2, never computed by the library.
"""

from __future__ import annotations

import itertools

import pytest

from callback_routing import (
    CallbackToken,
    CallbackUrl,
    Decision,
    RejectedSetting,
    Request,
    Rule,
    Settings,
    Source,
    TestType,
    UrlProblem,
    parse_callback_url,
    route,
    rules,
)

G = parse_callback_url("https://hooks.example.com/all")
I = parse_callback_url("https://hooks.example.com/me")  # noqa: E741 - the spec's letter
Q = parse_callback_url("https://api.example.com/cb")
NAMES = {G: "g", I: "i", Q: "q"}
REQ, GEN, IND = Source.REQUEST, Source.GENERAL, Source.INDIVIDUAL
TOKEN = CallbackToken("tok-123")


def shape(decision: Decision) -> tuple[list[tuple[str, set[Source], bool, int]], str | None]:
    """A decision as (url name, sources, has token, retries) per target, and overridden I."""
    overridden = decision.overridden_individual
    return (
        [(NAMES[t.url], set(t.sources), t.has_token, t.max_retries) for t in decision.targets],
        None if overridden is None else NAMES[overridden],
    )


def rules_of(decision: Decision) -> str:
    return " ".join(r.value for r in decision.rules)


def lnt(
    q: CallbackUrl | None = None,
    g: CallbackUrl | None = None,
    i: CallbackUrl | None = None,
    retries: int = 3,
) -> Decision:
    request = None if q is None else Request(url=q, token=TOKEN, max_retries=retries)
    return route(TestType.LNT, request, Settings(general=g, individual=i))


# R1, R2: Manual and CLI ---------------------------------------------------------------


@pytest.mark.parametrize("test_type", [TestType.MANUAL, TestType.CLI])
@pytest.mark.parametrize(
    "settings",
    [Settings(), Settings(general=G), Settings(individual=I), Settings(general=G, individual=I)],
    ids=["no settings", "G", "I", "G+I"],
)
def test_r1_manual_and_cli_without_request_url_get_no_callback(
    test_type: TestType, settings: Settings
) -> None:
    """R1: Manual or CLI, no request URL: no callback, whatever the account URLs are."""
    decision = route(test_type, None, settings)
    assert decision.targets == ()
    assert decision.rules == (Rule.R1,)


@pytest.mark.parametrize("test_type", [TestType.MANUAL, TestType.CLI])
@pytest.mark.parametrize(
    "settings",
    [Settings(), Settings(general=G), Settings(individual=I), Settings(general=Q, individual=Q)],
    ids=["no settings", "G", "I", "G=I=Q"],
)
def test_r2_manual_and_cli_with_request_url_get_exactly_it(
    test_type: TestType, settings: Settings
) -> None:
    """R2: Manual or CLI with a request URL: one callback, to it; G and I never used."""
    decision = route(test_type, Request(url=Q, token=TOKEN, max_retries=1), settings)
    assert shape(decision) == ([("q", {REQ}, True, 1)], None)
    assert rules_of(decision) == "R2 R10"


# R3-R7, R11: the four documented LNT combinations and "neither" --------------------------

LNT_DOCUMENTED = [
    # (description, G, I, expected targets, rules)
    ("R3 only General set", G, None, [("g", {GEN}, False, 3)], "R3"),
    ("R5 only Individual set", None, I, [("i", {IND}, False, 3)], "R4 R5"),
    (
        "R11 both set and different",
        G,
        I,
        [("g", {GEN}, False, 3), ("i", {IND}, False, 3)],
        "R3 R4 R5 R11",
    ),
    ("R6 both set and the same", G, G, [("g", {GEN, IND}, False, 3)], "R3 R4 R5 R6"),
    ("R7 neither", None, None, [], "R7"),
]


@pytest.mark.parametrize(
    ("g", "i", "targets", "rules"),
    [row[1:] for row in LNT_DOCUMENTED],
    ids=[row[0] for row in LNT_DOCUMENTED],
)
def test_lnt_without_request_follows_the_account_urls(
    g: CallbackUrl | None, i: CallbackUrl | None, targets: list[object], rules: str
) -> None:
    """R3, R4, R5, R6, R7, R11: the documented General/Individual combinations."""
    decision = lnt(g=g, i=i)
    assert shape(decision) == (targets, None)
    assert rules_of(decision) == rules


def test_r6_same_url_in_another_spelling_is_sent_once_to_generals_form() -> None:
    """R6: G and I equal by canonical form give one target that remembers both sources."""
    g = parse_callback_url("https://Hooks.example.com:443/x")
    i = parse_callback_url("HTTPS://hooks.EXAMPLE.com/%78")
    decision = lnt(g=g, i=i)
    assert [(str(t.url), set(t.sources)) for t in decision.targets] == [
        ("https://hooks.example.com/x", {GEN, IND})
    ]


# R4, R8: the override --------------------------------------------------------------------

OVERRIDE = [
    (
        "R4 override of a stored Individual URL",
        Q,
        G,
        I,
        [("g", {GEN}, False, 3), ("q", {REQ}, True, 5)],
        "i",
        "R3 R4 R5 R8 R10 R11",
    ),
    (
        "R4 request URL with no Individual URL stored",
        Q,
        G,
        None,
        [("g", {GEN}, False, 3), ("q", {REQ}, True, 5)],
        None,
        "R3 R4 R5 R10 R11",
    ),
    ("R4 request URL, no account URLs", Q, None, None, [("q", {REQ}, True, 5)], None, "R4 R5 R10"),
    (
        "R4 request URL equal to Individual",
        I,
        G,
        I,
        [("g", {GEN}, False, 3), ("i", {REQ}, True, 5)],
        "i",
        "R3 R4 R5 R8 R10 R11",
    ),
    (
        "R6 request URL equal to General",
        G,
        G,
        I,
        [("g", {GEN, REQ}, True, 5)],
        "i",
        "R3 R4 R5 R6 R8 R10",
    ),
    (
        "R6 request URL equal to General, no Individual",
        G,
        G,
        None,
        [("g", {GEN, REQ}, True, 5)],
        None,
        "R3 R4 R5 R6 R10",
    ),
]


@pytest.mark.parametrize(
    ("q", "g", "i", "targets", "overridden", "rules"),
    [row[1:] for row in OVERRIDE],
    ids=[row[0] for row in OVERRIDE],
)
def test_request_url_overrides_the_individual_slot(
    q: CallbackUrl,
    g: CallbackUrl | None,
    i: CallbackUrl | None,
    targets: list[object],
    overridden: str | None,
    rules: str,
) -> None:
    """R4, R5, R6, R8, R10: the request URL fills the individual slot for this batch."""
    decision = lnt(q=q, g=g, i=i, retries=5)
    assert shape(decision) == (targets, overridden)
    assert rules_of(decision) == rules


def test_r8_routing_changes_nothing_and_other_batches_use_the_stored_individual_url() -> None:
    """R8: the override is bound to the request; the settings value is left as it was."""
    settings = Settings(general=G, individual=I)
    before = (settings.general, settings.individual)
    overriding = route(TestType.LNT, Request(url=Q), settings)
    other_batch = route(TestType.LNT, None, settings)
    assert (settings.general, settings.individual) == before
    assert overriding.overridden_individual == I
    assert shape(other_batch) == ([("g", {GEN}, False, 3), ("i", {IND}, False, 3)], None)


# R10: request parameters -----------------------------------------------------------------


@pytest.mark.parametrize("retries", [0, 1, 3, 5])
def test_r10_token_and_retries_travel_only_with_the_request_url(retries: int) -> None:
    """R10: the request's token and retry limit go to REQUEST targets only."""
    decision = lnt(q=Q, g=G, i=I, retries=retries)
    general, request = decision.targets
    assert (general.token, general.max_retries) == (None, 3)
    assert (request.token, request.max_retries) == (TOKEN, retries)


def test_r10_request_without_token_gives_no_token_anywhere() -> None:
    """R10: without a token, no target carries one."""
    decision = route(TestType.LNT, Request(url=Q), Settings(general=G))
    assert [t.has_token for t in decision.targets] == [False, False]


@pytest.mark.parametrize("bad", [-1, 6, 100, True, False, 3.0, "3", None])
def test_r10_retry_limit_must_be_an_int_from_0_to_5(bad: object) -> None:
    """R10: maxCallbackRetries is an integer 0..5, not a bool, float or string."""
    with pytest.raises(ValueError, match="'maxCallbackRetries' must be an integer from 0 to 5"):
        Request(url=Q, max_retries=bad)  # type: ignore[arg-type]


# R13: invalid stored settings --------------------------------------------------------------

BAD_G = RejectedSetting(
    field="generalCallbackUrl", problem=UrlProblem.BLOCKED_ADDRESS, message="blocked"
)
BAD_I = RejectedSetting(
    field="individualCallbackUrl", problem=UrlProblem.MALFORMED, message="malformed"
)


def test_r13_invalid_general_does_not_lose_the_individual_callback() -> None:
    """R13: an invalid stored G is reported; the valid I is still routed."""
    decision = route(TestType.LNT, None, Settings(general=BAD_G, individual=I))
    assert shape(decision) == ([("i", {IND}, False, 3)], None)
    assert decision.rejected_settings == (BAD_G,)
    assert rules_of(decision) == "R4 R5 R13"


def test_r13_invalid_individual_is_not_recorded_as_overridden() -> None:
    """R13: a rejected I counts as unset, so the request overrides nothing (no R8)."""
    decision = route(TestType.LNT, Request(url=Q), Settings(general=G, individual=BAD_I))
    assert shape(decision) == ([("g", {GEN}, False, 3), ("q", {REQ}, False, 3)], None)
    assert rules_of(decision) == "R3 R4 R5 R10 R11 R13"


def test_r13_both_invalid_gives_no_callback_and_reports_both() -> None:
    """R13 and R7: both stored URLs invalid: no target, both reported in order."""
    decision = route(TestType.LNT, None, Settings(general=BAD_G, individual=BAD_I))
    assert decision.targets == ()
    assert decision.rejected_settings == (BAD_G, BAD_I)
    assert rules_of(decision) == "R7 R13"


def test_r13_manual_and_cli_do_not_examine_stored_urls() -> None:
    """R2 and R13: Manual/CLI never look at G or I, so nothing is rejected for them."""
    decision = route(TestType.CLI, None, Settings(general=BAD_G, individual=BAD_I))
    assert decision.rejected_settings == ()
    assert decision.rules == (Rule.R1,)


# The exhaustive table -----------------------------------------------------------------------
# Test type x request {none, new, =G, =I} x General {none, set} x Individual {none, set, =G}.
# A request "=G" or "=I" whose reference is unset is a new URL (rules.md §4.2 collapses it).
# Targets are written "name:SOURCES" with * for the request token.

LNT_TABLE = {
    # (request, general, individual): (targets, overridden, rules)
    ("none", "none", "none"): ("", "-", "R7"),
    ("none", "none", "set"): ("i:I", "-", "R4 R5"),
    ("none", "none", "=G"): ("", "-", "R7"),  # =G with no G: no Individual URL either
    ("none", "set", "none"): ("g:G", "-", "R3"),
    ("none", "set", "set"): ("g:G i:I", "-", "R3 R4 R5 R11"),
    ("none", "set", "=G"): ("g:GI", "-", "R3 R4 R5 R6"),
    ("new", "none", "none"): ("q:R*", "-", "R4 R5 R10"),
    ("new", "none", "set"): ("q:R*", "i", "R4 R5 R8 R10"),
    ("new", "none", "=G"): ("q:R*", "-", "R4 R5 R10"),
    ("new", "set", "none"): ("g:G q:R*", "-", "R3 R4 R5 R10 R11"),
    ("new", "set", "set"): ("g:G q:R*", "i", "R3 R4 R5 R8 R10 R11"),
    ("new", "set", "=G"): ("g:G q:R*", "g", "R3 R4 R5 R8 R10 R11"),
    ("=G", "none", "none"): ("q:R*", "-", "R4 R5 R10"),
    ("=G", "none", "set"): ("q:R*", "i", "R4 R5 R8 R10"),
    ("=G", "none", "=G"): ("q:R*", "-", "R4 R5 R10"),
    ("=G", "set", "none"): ("g:GR*", "-", "R3 R4 R5 R6 R10"),
    ("=G", "set", "set"): ("g:GR*", "i", "R3 R4 R5 R6 R8 R10"),
    ("=G", "set", "=G"): ("g:GR*", "g", "R3 R4 R5 R6 R8 R10"),
    ("=I", "none", "none"): ("q:R*", "-", "R4 R5 R10"),
    ("=I", "none", "set"): ("i:R*", "i", "R4 R5 R8 R10"),
    ("=I", "none", "=G"): ("q:R*", "-", "R4 R5 R10"),
    ("=I", "set", "none"): ("g:G q:R*", "-", "R3 R4 R5 R10 R11"),
    ("=I", "set", "set"): ("g:G i:R*", "i", "R3 R4 R5 R8 R10 R11"),
    ("=I", "set", "=G"): ("g:GR*", "g", "R3 R4 R5 R6 R8 R10"),
}
SPACE = list(
    itertools.product(TestType, ("none", "new", "=G", "=I"), ("none", "set"), ("none", "set", "=G"))
)


def compact(decision: Decision) -> tuple[str, str, str]:
    letters = {REQ: "R", GEN: "G", IND: "I"}
    targets = " ".join(
        NAMES[t.url]
        + ":"
        + "".join(letters[s] for s in (GEN, IND, REQ) if s in t.sources)
        + ("*" if t.has_token else "")
        for t in decision.targets
    )
    overridden = decision.overridden_individual
    return targets, "-" if overridden is None else NAMES[overridden], rules_of(decision)


@pytest.mark.parametrize(
    ("test_type", "q", "g", "i"), SPACE, ids=["-".join(map(str, c)) for c in SPACE]
)
def test_exhaustive_table(test_type: TestType, q: str, g: str, i: str) -> None:
    """R1-R11: every point of the abstract input space against the hand-written table."""
    general = G if g == "set" else None
    individual = {"none": None, "set": I, "=G": general}[i]
    request_url = {"none": None, "new": Q, "=G": general or Q, "=I": individual or Q}[q]
    request = None if request_url is None else Request(url=request_url, token=TOKEN)
    decision = route(test_type, request, Settings(general=general, individual=individual))
    if test_type is TestType.LNT:
        expected = LNT_TABLE[(q, g, i)]
    elif request_url is None:
        expected = ("", "-", "R1")
    else:
        expected = (f"{NAMES[request_url]}:R*", "-", "R2 R10")
    assert compact(decision) == expected


def test_rule_table_is_what_the_rule_conditions_say() -> None:
    """R3-R13: the tabulated rule lists follow rules.md §4.1 for every combination."""
    assert tuple(rules._lnt_rules(f) for f in range(64)) == rules._LNT_RULES
    g, slot, same, over, req, bad = (
        rules._GENERAL,
        rules._SLOT,
        rules._SAME,
        rules._OVERRIDE,
        rules._REQUEST,
        rules._REJECTED,
    )
    expected = {
        0: "R7",
        g: "R3",
        slot: "R4 R5",
        g | slot: "R3 R4 R5 R11",
        g | slot | same: "R3 R4 R5 R6",
        slot | req: "R4 R5 R10",
        g | slot | req | over: "R3 R4 R5 R8 R10 R11",
        bad: "R7 R13",
        g | slot | same | req | over | bad: "R3 R4 R5 R6 R8 R10 R13",
    }
    for facts, listed in expected.items():
        assert " ".join(r.value for r in rules._lnt_rules(facts)) == listed
