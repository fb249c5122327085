"""The documented callback bodies (Manual, CLI, LNT) as frozen attrs classes.

No JSON knowledge here: wire names, timestamp text and strictness live in ``codec``.
A field that may be missing from a body (not merely ``null``) defaults to :data:`ABSENT`, so
a decoded body encodes back to the same keys. Keys the platform adds later are kept in
``extra`` (wire name -> JSON value) and written back on encoding.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, Final, NewType

import attrs

__all__ = [
    "ABSENT",
    "Absent",
    "CliResult",
    "DestinationNetworkDetails",
    "HexPdu",
    "LntResult",
    "ManualResult",
    "ReceiptStatus",
    "Result",
    "SmscInfo",
    "Supplier",
    "TestIdTextCase",
    "TestIdTextType",
]


class Absent(enum.Enum):
    """The type of :data:`ABSENT`: a key that was not in the body at all."""

    ABSENT = "ABSENT"

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = Absent.ABSENT

#: A PDU as the platform sends it: hexadecimal text.
HexPdu = NewType("HexPdu", str)


class ReceiptStatus(enum.StrEnum):
    """Receipt statuses seen in public material; a receiver may meet others (kept as text)."""

    WAIT = "WAIT"
    TEST_NUMBER_NOT_AVAILABLE = "TEST_NUMBER_NOT_AVAILABLE"
    POSITIVE = "POSITIVE"
    NOT_DELIVERED = "NOT_DELIVERED"
    TEST_NUMBER_OFFLINE = "TEST_NUMBER_OFFLINE"
    NETWORK_OFFLINE = "NETWORK_OFFLINE"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    EXPIRED = "EXPIRED"


class TestIdTextType(enum.StrEnum):
    """How the test ID text of an LNT message is made."""

    __test__ = False

    ALPHA = "ALPHA"
    ALPHA_NUMERIC = "ALPHA_NUMERIC"
    NUMERIC = "NUMERIC"
    WHATSAPP_CODE = "WHATSAPP_CODE"


class TestIdTextCase(enum.StrEnum):
    """The letter case of the test ID text (null for NUMERIC)."""

    __test__ = False

    UPPER = "UPPER"
    LOWER = "LOWER"
    MIXED = "MIXED"


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{attribute.name} must be a timezone-aware datetime (got a naive one)")


@attrs.frozen(kw_only=True)
class DestinationNetworkDetails:
    """The network of the destination number. Manual and CLI bodies carry ``phone_number``;
    the LNT example carries ``phone`` and ``manual_number`` (SDKs also show ``phone_number``)."""

    mcc: str | None
    mnc: str | None
    ported_from_mnc: str | None
    country_name: str | None
    provider_name: str | None
    ported_from_provider_name: str | None
    phone_number: str | Absent | None = ABSENT
    phone: str | Absent | None = ABSENT
    manual_number: str | Absent | None = ABSENT
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


@attrs.frozen(kw_only=True)
class SmscInfo:
    """The SMSC that delivered the message; every field may be null or missing."""

    smsc_number: str | Absent | None = ABSENT
    country_name: str | Absent | None = ABSENT
    country_code: str | Absent | None = ABSENT
    mcc: str | Absent | None = ABSENT
    mnc: str | Absent | None = ABSENT
    provider_name: str | Absent | None = ABSENT
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


@attrs.frozen(kw_only=True)
class Supplier:
    """The customer's SMPP supplier an LNT message went through."""

    supplier_id: int
    supplier_name: str | None
    route_type: str | None  # free text: "Premium", "Wholesale", ...
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


@attrs.frozen(kw_only=True)
class ManualResult:
    """The result of a Manual test."""

    id: int
    test_id_text: str
    sender_delivered: str | None
    text_delivered: str | None
    test_created_at: datetime = attrs.field(validator=_aware)
    sms_received_at: datetime | None = attrs.field(validator=_aware)
    receipt_delay: int | None
    receipt_status: ReceiptStatus | str
    destination_network_details: DestinationNetworkDetails
    smsc_info: SmscInfo | None
    pdus_delivered: tuple[HexPdu, ...]
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


@attrs.frozen(kw_only=True)
class CliResult:
    """The result of a CLI test."""

    id: int
    destination_network_details: DestinationNetworkDetails
    test_created_at: datetime = attrs.field(validator=_aware)
    receipt_status: ReceiptStatus | str
    call_received_on_server_at: datetime | None = attrs.field(validator=_aware)
    receipt_delay: int | None
    user_id: int | None
    cli: str | None
    call_received_on_phone_at: datetime | None = attrs.field(validator=_aware)
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


@attrs.frozen(kw_only=True)
class LntResult:
    """The result of a Live Number Test."""

    id: int
    test_id_text: str
    sender_sent: str | None
    sender_delivered: str | None
    text_sent: str | None
    text_delivered: str | None
    test_created_at: datetime = attrs.field(validator=_aware)
    session_id: int | None
    supplier: Supplier | None
    sms_received_at: datetime | None = attrs.field(validator=_aware)
    receipt_status: ReceiptStatus | str
    dlr_status: str | None  # no public list of values
    receipt_delay: int | None
    dlr_delay: int | None
    scheduled_task_id: int | None
    test_id_text_type: TestIdTextType | None
    test_id_text_case: TestIdTextCase | None
    test_id_text_length: int | None
    destination_network_details: DestinationNetworkDetails
    smsc_info: SmscInfo | None
    retry: bool
    pdus_delivered: tuple[HexPdu, ...]
    username: str | None
    extra: dict[str, Any] = attrs.field(factory=dict, repr=False, hash=False)


Result = ManualResult | CliResult | LntResult
