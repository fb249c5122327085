"""Invariants of routing, one class per rule of rules.md; each docstring quotes its rule.

These state what must hold for every typed input; they do not re-implement ``route``.
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from callback_routing import (
    CallbackUrl,
    Decision,
    RejectedSetting,
    Request,
    Rule,
    Settings,
    Source,
    TestType,
    parse_callback_url,
    parse_route_input,
    route,
)
from callback_routing.oracle import answer
from callback_routing.testing import route_input_json
from tests.strategies import UrlParts, respelled, routing_inputs, url_parts

Input = tuple[TestType, Request | None, Settings]


def usable(value: CallbackUrl | RejectedSetting | None) -> CallbackUrl | None:
    return value if isinstance(value, CallbackUrl) else None


def urls(decision: Decision) -> list[CallbackUrl]:
    return [t.url for t in decision.targets]


class TestR1NoRequestNoCallbackForManualAndCli:
    """R1: "Manual or CLI, no Q → no callback." """

    @given(routing_inputs())
    def test_no_target_without_request(self, data: Input) -> None:
        test_type, _, settings = data
        if test_type is not TestType.LNT:
            assert route(test_type, None, settings).targets == ()


class TestR2ManualAndCliReachOnlyTheRequestUrl:
    """R2: "Manual or CLI with Q → exactly one callback, to Q. G and I are never used." """

    @given(routing_inputs())
    def test_manual_and_cli_never_reach_account_urls(self, data: Input) -> None:
        test_type, request, settings = data
        if test_type is TestType.LNT:
            return
        decision = route(test_type, request, settings)
        assert all(t.sources == (Source.REQUEST,) for t in decision.targets)
        assert urls(decision) == ([] if request is None else [request.url])
        assert decision.overridden_individual is None


class TestR3GeneralAlwaysReceivesLnt:
    """R3: "LNT: if G is set, G receives the callback — with or without Q." """

    @given(routing_inputs())
    def test_set_general_is_a_target(self, data: Input) -> None:
        _, request, settings = data
        general = usable(settings.general)
        decision = route(TestType.LNT, request, settings)
        if general is not None:
            assert any(t.url == general and Source.GENERAL in t.sources for t in decision.targets)
        else:
            assert all(Source.GENERAL not in t.sources for t in decision.targets)


class TestR4RequestFillsTheIndividualSlot:
    """R4: "LNT: the individual slot E is Q when Q is present (the override), otherwise I.
    When Q overrides a set I, the decision records which I was overridden." """

    @given(routing_inputs())
    def test_request_url_when_present_is_always_a_target(self, data: Input) -> None:
        test_type, request, settings = data
        decision = route(test_type, request, settings)
        if request is not None:
            assert any(
                t.url == request.url and Source.REQUEST in t.sources for t in decision.targets
            )

    @given(routing_inputs())
    def test_overridden_individual_is_recorded(self, data: Input) -> None:
        _, request, settings = data
        decision = route(TestType.LNT, request, settings)
        expected = usable(settings.individual) if request is not None else None
        assert decision.overridden_individual == expected


class TestR5IndividualSlotReceives:
    """R5: "LNT: if E is set, E receives the callback." """

    @given(routing_inputs())
    def test_distinct_individual_is_a_target_iff_no_request(self, data: Input) -> None:
        _, request, settings = data
        individual = usable(settings.individual)
        others = {usable(settings.general), None if request is None else request.url}
        if individual is None or individual in others:
            return
        decision = route(TestType.LNT, request, settings)
        assert (individual in urls(decision)) is (request is None)


class TestR6SameUrlOneCallback:
    """R6: "Same URL → one callback. When G and E are the same URL, exactly one target is
    produced; it is delivered to G's form and remembers both sources." """

    @given(routing_inputs())
    def test_targets_differ_pairwise_by_canonical_form(self, data: Input) -> None:
        decision = route(*data)
        canonical = [str(u) for u in urls(decision)]
        assert len(canonical) == len(set(canonical))

    @given(routing_inputs())
    def test_sources_are_distinct_and_in_declared_order(self, data: Input) -> None:
        order = list(Source)
        for target in route(*data).targets:
            assert list(target.sources) == sorted(set(target.sources), key=order.index)

    @given(routing_inputs())
    def test_merged_target_remembers_both_sources(self, data: Input) -> None:
        _, request, settings = data
        general = usable(settings.general)
        slot = request.url if request is not None else usable(settings.individual)
        decision = route(TestType.LNT, request, settings)
        if general is not None and slot == general:
            (target,) = decision.targets
            assert Source.GENERAL in target.sources
            assert len(target.sources) == 2
            assert Rule.R6 in decision.rules

    @given(url_parts(), st.data())
    def test_decision_ignores_how_a_url_is_spelled(
        self, parts: UrlParts, data: st.DataObject
    ) -> None:
        plain = parse_callback_url(parts.render())
        other = parse_callback_url(data.draw(respelled(parts)))
        where = data.draw(st.sampled_from(["q", "g", "i"]))
        base = {"q": plain, "g": plain, "i": plain}
        swapped = {**base, where: other}

        def decide(u: dict[str, CallbackUrl]) -> Decision:
            return route(
                TestType.LNT, Request(url=u["q"]), Settings(general=u["g"], individual=u["i"])
            )

        assert decide(base) == decide(swapped)


class TestR7NothingConfiguredNoCallback:
    """R7: "LNT with neither G nor E → no callback." """

    @given(routing_inputs())
    def test_no_target_iff_nothing_usable(self, data: Input) -> None:
        _, request, settings = data
        nothing = (
            request is None
            and usable(settings.general) is None
            and usable(settings.individual) is None
        )
        decision = route(TestType.LNT, request, settings)
        assert (decision.targets == ()) is nothing
        assert (Rule.R7 in decision.rules) is nothing


class TestR8OverrideBoundToTheBatch:
    """R8: "The override is bound to the batch, not to time: tests of other batches use the
    stored I. Nothing is mutated." """

    @given(routing_inputs(), st.lists(routing_inputs(), max_size=3))
    def test_routing_other_batches_first_changes_nothing(
        self, data: Input, before: list[Input]
    ) -> None:
        test_type, request, settings = data
        alone = route(test_type, None, settings)
        for other in before:
            route(*other)
        route(test_type, request, settings)  # the overriding batch, routed in between
        assert route(test_type, None, settings) == alone
        if test_type is TestType.LNT and usable(settings.individual) is not None:
            assert usable(settings.individual) in urls(alone)


class TestR9BlankMeansUnset:
    """R9: "Unset: a missing value, null, "" or whitespace-only counts as 'not set'." """

    @given(
        st.sampled_from(
            [
                "resultsCallbackUrl",
                "generalCallbackUrl",
                "individualCallbackUrl",
                "resultsCallbackToken",
            ]
        ),
        st.one_of(st.none(), st.text(" \t\n\r\x0b\x0c", max_size=4)),
        st.sampled_from(TestType),
    )
    def test_blank_is_the_same_as_absent(self, key: str, blank: str | None, test: TestType) -> None:
        base = {
            "testType": test.value,
            "generalCallbackUrl": "https://g.example/",
            "individualCallbackUrl": "https://i.example/",
        }
        if key == "resultsCallbackToken":
            base["resultsCallbackUrl"] = "https://q.example/"
        absent = {k: v for k, v in base.items() if k != key}
        assert parse_route_input({**base, key: blank}) == parse_route_input(absent)


class TestR10RequestParametersTravelWithTheRequestUrl:
    """R10: "The token and the retry limit apply to a target whose sources include the request
    (also after an R6 merge with G). Other targets carry no token and the default retry
    limit 3." """

    @given(routing_inputs())
    def test_token_and_retries_only_on_request_targets(self, data: Input) -> None:
        test_type, request, settings = data
        for target in route(test_type, request, settings).targets:
            if Source.REQUEST in target.sources:
                assert request is not None
                assert (target.token, target.max_retries) == (request.token, request.max_retries)
            else:
                assert (target.token, target.max_retries) == (None, 3)


class TestR11GeneralFirst:
    """R11: "Order is deterministic: G's target first, then E's." """

    @given(routing_inputs())
    def test_general_target_comes_first(self, data: Input) -> None:
        decision = route(*data)
        for later in decision.targets[1:]:
            assert Source.GENERAL not in later.sources
        assert len(decision.targets) <= 2
        assert (Rule.R11 in decision.rules) is (len(decision.targets) == 2)


class TestR13InvalidStoredUrlsAreReportedNotFatal:
    """R13: "An invalid stored G or I must not lose the other callback: the valid target is
    still routed and the invalid setting is reported next to the decision." """

    @given(routing_inputs())
    def test_rejected_setting_acts_as_unset_and_is_reported(self, data: Input) -> None:
        test_type, request, settings = data
        cleaned = Settings(general=usable(settings.general), individual=usable(settings.individual))
        decision = route(test_type, request, settings)
        reference = route(test_type, request, cleaned)
        assert decision.targets == reference.targets
        rejected = tuple(
            s for s in (settings.general, settings.individual) if isinstance(s, RejectedSetting)
        )
        if test_type is TestType.LNT:
            assert decision.rejected_settings == rejected
            assert (Rule.R13 in decision.rules) is bool(rejected)
            assert attrs.evolve(decision, rejected_settings=(), rules=reference.rules) == reference
        else:
            assert decision == reference


class TestTotality:
    """route is total: every well-typed input gets a decision, and the same one every time."""

    @given(routing_inputs())
    def test_route_never_raises_and_is_deterministic(self, data: Input) -> None:
        first = route(*data)
        assert isinstance(first, Decision)
        assert route(*data) == first
        assert list(first.rules) == sorted(set(first.rules), key=lambda r: r.number)


class TestOracleTotality:
    """R13 at the edge: any JSON routing input gets a decision or a named error."""

    @given(route_input_json())
    def test_oracle_answers_every_route_input(self, request: dict[str, object]) -> None:
        got = answer({"op": "route", **request})
        assert ("result" in got) != ("error" in got)
        if "error" in got:
            assert all(e["path"].startswith("$") for e in got["error"])
