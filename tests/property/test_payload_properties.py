"""Invariants of the payload codec and of delivery planning (R10)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from callback_routing import Decision, Request, Settings, Source, TestType, route
from callback_routing.codec import decode, encode, kind_of
from callback_routing.delivery import plan_deliveries
from callback_routing.errors import PayloadError
from callback_routing.payloads import Result
from tests.strategies import json_values, mutated_bodies, results, routing_inputs

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLES = [json.loads((DATA / f"{n}-callback.json").read_text()) for n in ("manual", "cli", "lnt")]


class TestCodecRoundTrip:
    """decode(encode(m)) == m for every model; strict decoding accepts what it encodes
    when there is nothing unknown in it."""

    @given(results)
    def test_round_trip(self, result: Result) -> None:
        assert decode(encode(result), kind_of(result)) == result

    @given(results)
    def test_encoding_is_canonical(self, result: Result) -> None:
        body = encode(result)
        assert encode(decode(body, kind_of(result))) == body


class TestCodecRobustness:
    """Arbitrary JSON gives a model or the library's PayloadError, never another exception."""

    @given(json_values, st.sampled_from([None, *TestType]), st.booleans())
    def test_arbitrary_json(self, value: Any, kind: TestType | None, strict: bool) -> None:
        try:
            decode(json.dumps(value), kind, strict=strict)
        except PayloadError as error:
            assert error.errors
            assert all(e.path.startswith("$") for e in error.errors)

    @given(st.sampled_from(EXAMPLES).flatmap(mutated_bodies), st.booleans())
    def test_mutated_examples(self, body: dict[str, Any], strict: bool) -> None:
        try:
            result = decode(json.dumps(body), strict=strict)
        except PayloadError as error:
            assert error.errors
            return
        assert decode(encode(result), kind_of(result)) == result


class TestR10Planning:
    """R10: "the token and the retry limit apply to a target whose sources include the
    request ... Other targets carry no token and the default retry limit 3." """

    @given(routing_inputs(), results)
    def test_one_delivery_per_target_same_body_bearer_iff_token(
        self, data: tuple[TestType, Request | None, Settings], result: Result
    ) -> None:
        decision: Decision = route(*data)
        deliveries = plan_deliveries(decision, result)
        assert [d.url for d in deliveries] == [t.url for t in decision.targets]
        assert len({d.body for d in deliveries}) <= 1
        request = data[1]
        for delivery in deliveries:
            names = [name for name, _ in delivery.headers]
            has_bearer = "Authorization" in names
            expected = (
                Source.REQUEST in delivery.sources
                and request is not None
                and request.token is not None
            )
            assert has_bearer is expected
            if has_bearer:
                assert request is not None
                assert request.token is not None
                assert f"Bearer {request.token.reveal()}" not in repr(delivery)
                assert "Bearer ***" in repr(delivery)
