"""Callback bodies: exact round trips, no coercion, all errors at once with wire paths."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from callback_routing import TestType
from callback_routing.codec import decode, detect_kind, encode, kind_of, to_wire
from callback_routing.errors import CallbackRoutingError, PayloadError, PayloadProblem
from callback_routing.payloads import (
    ABSENT,
    CliResult,
    LntResult,
    ManualResult,
    ReceiptStatus,
    TestIdTextCase,
)

DATA = Path(__file__).resolve().parent / "data"
KINDS = {"manual": TestType.MANUAL, "cli": TestType.CLI, "lnt": TestType.LNT}


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{name}-callback.json").read_text())
    return data


def problems(
    body: object, kind: TestType | None = None, strict: bool = False
) -> set[tuple[str, str]]:
    with pytest.raises(PayloadError) as info:
        decode(json.dumps(body), kind, strict=strict)
    assert isinstance(info.value, CallbackRoutingError)
    assert isinstance(info.value, ValueError)
    return {(e.path, e.problem.value) for e in info.value.errors}


@pytest.mark.parametrize("name", ["manual", "cli", "lnt"])
def test_documented_examples_round_trip_exactly(name: str) -> None:
    """The three documented bodies decode, and encode back JSON-equal, timestamps intact."""
    raw = (DATA / f"{name}-callback.json").read_bytes()
    result = decode(raw)
    assert kind_of(result) is KINDS[name]
    assert detect_kind(json.loads(raw)) is KINDS[name]
    again = json.loads(encode(result))
    assert again == json.loads(raw)
    assert again["testCreatedAt"] == json.loads(raw)["testCreatedAt"]
    assert decode(encode(result)) == result


def test_lnt_example_values_are_typed() -> None:
    """Timestamps are aware UTC datetimes; enums for closed sets; text for open ones."""
    result = decode(json.dumps(example("lnt")))
    assert isinstance(result, LntResult)
    assert result.test_created_at == datetime(2025, 1, 8, 15, 33, 25, 725387, tzinfo=UTC)
    assert result.receipt_status is ReceiptStatus.POSITIVE
    assert result.test_id_text_case is TestIdTextCase.MIXED
    assert result.dlr_status == "DELIVERED"
    assert result.supplier is not None
    assert result.supplier.route_type == "Premium"
    assert result.destination_network_details.phone == "16025598356"
    assert result.destination_network_details.phone_number is ABSENT
    assert result.smsc_info is not None
    assert result.smsc_info.country_name is ABSENT


def test_lnt_accepts_phone_number_as_the_sdks_show_it() -> None:
    """LNT network details may carry phoneNumber (SDKs) besides phone/manualNumber."""
    body = example("lnt")
    body["destinationNetworkDetails"]["phoneNumber"] = "15550001111"
    result = decode(json.dumps(body))
    assert isinstance(result, LntResult)
    assert result.destination_network_details.phone_number == "15550001111"
    assert json.loads(encode(result)) == body


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2025-01-08T15:33:37.405570Z", True),
        ("2025-01-08T15:33:37.405Z", True),
        ("2025-01-08T15:33:37Z", True),
        ("2025-01-08T15:33:37.405570", False),  # naive
        ("2025-01-08T15:33:37.405570+00:00", False),
        ("2025-01-08T15:33:37.405570+02:00", False),
        ("2025-01-08 15:33:37.405570Z", False),
        ("2025-01-08T15:33:37.4055701Z", False),
        ("2025-02-30T15:33:37.405570Z", False),
        ("2025-01-08", False),
    ],
)
def test_timestamps_must_be_utc_with_z(text: str, ok: bool) -> None:
    """Timestamps: UTC ISO-8601 with Z; naive or offset forms are refused at their path."""
    body = example("manual")
    body["testCreatedAt"] = text
    if ok:
        result = decode(json.dumps(body))
        assert result.test_created_at.utcoffset() is not None
        assert to_wire(result)["testCreatedAt"].endswith("Z")
    else:
        assert problems(body) == {("$.testCreatedAt", "INVALID_VALUE")}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("testIdText", 123),
        ("testIdText", None),
        ("testIdText", True),
        ("testIdText", ["a"]),
        ("testIdText", {"a": 1}),
        ("senderDelivered", 1),
        ("senderDelivered", False),
        ("receiptDelay", True),
        ("receiptDelay", "3"),
        ("receiptDelay", 3.0),
        ("receiptDelay", []),
        ("id", "147775"),
        ("id", 1.5),
        ("id", None),
        ("id", False),
        ("receiptStatus", 1),
        ("receiptStatus", None),
        ("pdusDelivered", "0A0B"),
        ("pdusDelivered", None),
        ("pdusDelivered", {"0": "0A"}),
        ("smscInfo", "none"),
        ("smscInfo", []),
        ("destinationNetworkDetails", None),
        ("smsReceivedAt", 1736350417),
    ],
)
def test_no_silent_coercion(field: str, value: object) -> None:
    """A JSON value of the wrong type is refused at its wire path (no str(123), no int(True))."""
    body = example("manual")
    body[field] = value
    assert problems(body, TestType.MANUAL) == {(f"$.{field}", "INVALID_TYPE")}


def test_nested_error_path_uses_wire_names() -> None:
    """A bad nested value is reported as $.destinationNetworkDetails.portedFromMnc."""
    body = example("cli")
    body["destinationNetworkDetails"]["portedFromMnc"] = 260
    assert problems(body) == {("$.destinationNetworkDetails.portedFromMnc", "INVALID_TYPE")}


def test_all_problems_are_reported_at_once() -> None:
    """Every problem is listed, not only the first, each at its own path."""
    body = example("lnt")
    body["receiptDelay"] = "1"
    body["supplier"]["supplierId"] = None
    body["pdusDelivered"] = ["0a0b", "xyz", 7]
    del body["testCreatedAt"]
    assert problems(body) == {
        ("$.receiptDelay", "INVALID_TYPE"),
        ("$.supplier.supplierId", "INVALID_TYPE"),
        ("$.pdusDelivered[1]", "INVALID_VALUE"),
        ("$.pdusDelivered[2]", "INVALID_TYPE"),
        ("$.testCreatedAt", "MISSING_FIELD"),
    }


def test_missing_fields_of_an_almost_empty_manual_body() -> None:
    """{"id": "x"} as MANUAL names $.id and every missing field by its wire path."""
    found = problems({"id": "x"}, TestType.MANUAL)
    assert ("$.id", "INVALID_TYPE") in found
    assert ("$.testCreatedAt", "MISSING_FIELD") in found
    assert ("$.destinationNetworkDetails", "MISSING_FIELD") in found
    assert len(found) == 11


def test_unknown_fields_are_kept_leniently_and_refused_strictly() -> None:
    """A field the platform adds later: kept (and re-encoded) by default; strict names it."""
    body = example("lnt")
    body["newField"] = 1
    body["smscInfo"]["operatorHint"] = {"a": [1, 2]}
    result = decode(json.dumps(body))
    assert result.extra == {"newField": 1}
    assert json.loads(encode(result)) == body
    assert problems(body, strict=True) == {
        ("$.newField", "UNKNOWN_FIELD"),
        ("$.smscInfo.operatorHint", "UNKNOWN_FIELD"),
    }
    weird = copy.deepcopy(example("manual"))
    weird["new key!"] = 0
    assert problems(weird, strict=True) == {('$["new key!"]', "UNKNOWN_FIELD")}


def test_unknown_receipt_status_kept_as_text_unless_strict() -> None:
    """An unknown receiptStatus stays text by default; strict lists the allowed values."""
    body = example("cli")
    body["receiptStatus"] = "DELIVERED_LATE"
    result = decode(json.dumps(body))
    assert result.receipt_status == "DELIVERED_LATE"
    assert json.loads(encode(result)) == body
    with pytest.raises(PayloadError) as info:
        decode(json.dumps(body), strict=True)
    (issue,) = info.value.errors
    assert (issue.path, issue.problem) == ("$.receiptStatus", PayloadProblem.INVALID_VALUE)
    assert "POSITIVE" in issue.message
    assert "DELIVERED_LATE" in issue.message


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"id": 1}, "UNKNOWN_KIND"),
        ({}, "UNKNOWN_KIND"),
        ({"cli": None, "testIdText": "x"}, "AMBIGUOUS_KIND"),
        ({"userId": 1, "supplier": None}, "AMBIGUOUS_KIND"),
    ],
)
def test_kind_detection_never_guesses(body: dict[str, Any], problem: str) -> None:
    """Without a kind, an unrecognisable or ambiguous body is an error, not a guess."""
    assert problems(body) == {("$", problem)}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not json", "INVALID_JSON"),
        (b"\xff\xfe", "INVALID_JSON"),
        (b'{"id": NaN}', "INVALID_JSON"),
        (b"[" * 100000, "INVALID_JSON"),
        (b"[]", "INVALID_TYPE"),
        (b"null", "INVALID_TYPE"),
        (b'"text"', "INVALID_TYPE"),
    ],
)
def test_not_an_object(data: bytes, problem: str) -> None:
    """Bytes that are not a JSON object are refused at $."""
    with pytest.raises(PayloadError) as info:
        decode(data)
    assert [(e.path, e.problem.value) for e in info.value.errors] == [("$", problem)]


def test_decode_accepts_text_bytes_and_mappings() -> None:
    """decode takes JSON bytes, JSON text or an already-decoded mapping."""
    body = example("manual")
    assert decode(json.dumps(body)) == decode(json.dumps(body).encode()) == decode(body)
    assert isinstance(decode(body), ManualResult)
    assert isinstance(decode(example("cli"), TestType.CLI), CliResult)


def test_lone_surrogate_text_still_encodes() -> None:
    """A \\ud800 escape decodes to text UTF-8 cannot hold; encoding escapes it instead."""
    body = example("manual")
    body["testIdText"] = "\ud800"
    result = decode(json.dumps(body))
    assert decode(encode(result)) == result


def test_models_refuse_naive_datetimes() -> None:
    """A model never holds a naive timestamp, so encoding is pure (no local time zone)."""
    result = decode(json.dumps(example("manual")))
    assert isinstance(result, ManualResult)
    with pytest.raises(ValueError, match="timezone-aware"):
        ManualResult(**{**_fields(result), "test_created_at": datetime(2025, 1, 1)})


def _fields(result: ManualResult) -> dict[str, Any]:
    return attrs.asdict(result, recurse=False)
