"""Delivery plans (R10): one per target, same body, bearer header only with the token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callback_routing import (
    CallbackToken,
    Request,
    Settings,
    TestType,
    parse_callback_url,
    route,
)
from callback_routing.codec import decode, encode
from callback_routing.delivery import plan_deliveries
from callback_routing.errors import PayloadError
from callback_routing.wire import plan_wire

DATA = Path(__file__).resolve().parent / "data"
LNT_BODY = (DATA / "lnt-callback.json").read_bytes()
SECRET = "s3cret-token-value"
G = parse_callback_url("https://hooks.example.com/all")
I = parse_callback_url("https://hooks.example.com/me")  # noqa: E741 - the spec's letter
Q = parse_callback_url("https://api.example.com/cb")


def test_lnt_plan_with_request_general_and_individual() -> None:
    """R10, R11: two deliveries; Authorization only on the request URL's one; same body."""
    decision = route(
        TestType.LNT,
        Request(url=Q, token=CallbackToken(SECRET), max_retries=5),
        Settings(general=G, individual=I),
    )
    general, request = plan_deliveries(decision, decode(LNT_BODY))
    assert (general.url, request.url) == (G, Q)
    assert general.method == request.method == "POST"
    assert general.headers == (("Content-Type", "application/json"),)
    assert request.headers == (
        ("Content-Type", "application/json"),
        ("Authorization", f"Bearer {SECRET}"),
    )
    assert general.body == request.body
    assert json.loads(general.body) == json.loads(LNT_BODY)
    assert (general.max_retries, request.max_retries) == (3, 5)
    for shown in (repr(request), str(request), repr(request.token), str(request.redacted_headers)):
        assert SECRET not in shown
    assert "Bearer ***" in repr(request)


def test_raw_body_is_checked_and_sent_byte_for_byte() -> None:
    """A raw JSON body is validated, then sent unchanged."""
    decision = route(TestType.LNT, None, Settings(general=G))
    (delivery,) = plan_deliveries(decision, LNT_BODY)
    assert delivery.body == LNT_BODY
    with pytest.raises(PayloadError):
        plan_deliveries(decision, b'{"id": "x", "supplier": null}')


def test_no_target_no_delivery() -> None:
    """R1: a decision without targets plans nothing."""
    assert plan_deliveries(route(TestType.MANUAL), decode(LNT_BODY)) == ()


def test_plan_wire_redacts_unless_asked_and_prefixes_result_paths() -> None:
    """The plan JSON hides the token by default; result errors are at $.result...."""
    data = {
        "testType": "LNT",
        "resultsCallbackUrl": str(Q),
        "resultsCallbackToken": SECRET,
        "generalCallbackUrl": str(G),
        "individualCallbackUrl": str(I),
        "result": json.loads(LNT_BODY),
    }
    out = plan_wire(data)
    assert [d["url"] for d in out["deliveries"]] == [str(G), str(Q)]
    assert [d["headers"].get("Authorization") for d in out["deliveries"]] == [None, "Bearer ***"]
    assert SECRET not in json.dumps(out)
    assert SECRET in json.dumps(plan_wire(data, reveal_token=True))
    assert out["deliveries"][0]["body"] == encode(decode(LNT_BODY)).decode()
    data["result"] = {**json.loads(LNT_BODY), "receiptDelay": "1"}
    with pytest.raises(PayloadError) as info:
        plan_wire(data)
    assert [e.path for e in info.value.errors] == ["$.result.receiptDelay"]
