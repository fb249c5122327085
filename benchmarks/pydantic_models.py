"""An LNT result model in pydantic v2, equivalent to callback_routing.payloads (the peer).

Strict mode, like ours: no coercion of "3" to 3 or 1 to True. Only the benchmark uses it.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class _Model(BaseModel):
    model_config = ConfigDict(
        strict=True, frozen=True, alias_generator=to_camel, populate_by_name=True,
        extra="allow",
    )


class ReceiptStatus(str, Enum):
    WAIT = "WAIT"
    TEST_NUMBER_NOT_AVAILABLE = "TEST_NUMBER_NOT_AVAILABLE"
    POSITIVE = "POSITIVE"
    NOT_DELIVERED = "NOT_DELIVERED"
    TEST_NUMBER_OFFLINE = "TEST_NUMBER_OFFLINE"
    NETWORK_OFFLINE = "NETWORK_OFFLINE"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    EXPIRED = "EXPIRED"


class TestIdTextType(str, Enum):
    ALPHA = "ALPHA"
    ALPHA_NUMERIC = "ALPHA_NUMERIC"
    NUMERIC = "NUMERIC"
    WHATSAPP_CODE = "WHATSAPP_CODE"


class TestIdTextCase(str, Enum):
    UPPER = "UPPER"
    LOWER = "LOWER"
    MIXED = "MIXED"


class Supplier(_Model):
    supplier_id: int
    supplier_name: str | None
    route_type: str | None


class DestinationNetworkDetails(_Model):
    mcc: str | None
    mnc: str | None
    ported_from_mnc: str | None
    country_name: str | None
    provider_name: str | None
    ported_from_provider_name: str | None
    phone_number: str | None = None
    phone: str | None = None
    manual_number: str | None = None


class SmscInfo(_Model):
    smsc_number: str | None = None
    country_name: str | None = None
    country_code: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    provider_name: str | None = None


class LntResult(_Model):
    id: int
    test_id_text: str
    sender_sent: str | None
    sender_delivered: str | None
    text_sent: str | None
    text_delivered: str | None
    test_created_at: datetime
    session_id: int | None
    supplier: Supplier | None
    sms_received_at: datetime | None
    receipt_status: ReceiptStatus | str
    dlr_status: str | None
    receipt_delay: int | None
    dlr_delay: int | None
    scheduled_task_id: int | None
    test_id_text_type: TestIdTextType | None
    test_id_text_case: TestIdTextCase | None
    test_id_text_length: int | None
    destination_network_details: DestinationNetworkDetails
    smsc_info: SmscInfo | None
    retry: bool
    pdus_delivered: tuple[str, ...]
    username: str | None
