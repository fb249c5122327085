"""Hypothesis strategies for property-testing a service against this library.

Install with ``pip install 'callback-routing[testing]'``. These are the strategies the
project's own tests use:

* URLs: :func:`url_parts` (a valid public URL in parts, ``.render()`` for its text),
  :func:`respelled` (an equivalent spelling: case, default port, escapes, dot segments,
  full-width host characters), :data:`callback_urls` (parsed), :func:`hostile_url_texts`
  (arbitrary text and valid URLs with hostile pieces spliced in);
* routing: :data:`test_types`, :data:`tokens`, :func:`requests`, :func:`settings`,
  :func:`routing_inputs` (test type, request, settings drawn from a small pool so that
  equal URLs are common), :func:`batches`, :func:`route_input_json` (the same in JSON form,
  valid or not, for differential tests against ``callback-routing oracle``);
* payloads: :data:`manual_results`, :data:`cli_results`, :data:`lnt_results`,
  :data:`results`, :data:`json_values` (any JSON), :func:`mutated_bodies` (a body with
  values replaced by arbitrary JSON).

Example::

    from hypothesis import given
    from callback_routing import route
    from callback_routing.testing import routing_inputs

    @given(routing_inputs())
    def test_my_service_agrees(data):
        assert my_service_route(*data) == route(*data)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from hypothesis import strategies as st

from . import (
    Batch,
    CallbackToken,
    CallbackUrl,
    RejectedSetting,
    Request,
    Settings,
    TestType,
    UrlProblem,
    parse_callback_url,
)
from .payloads import (
    ABSENT,
    CliResult,
    DestinationNetworkDetails,
    HexPdu,
    LntResult,
    ManualResult,
    ReceiptStatus,
    SmscInfo,
    Supplier,
    TestIdTextCase,
    TestIdTextType,
)

__all__ = [
    "UrlParts",
    "batches",
    "callback_urls",
    "cli_results",
    "hostile_url_texts",
    "json_values",
    "lnt_results",
    "manual_results",
    "mutated_bodies",
    "requests",
    "respelled",
    "results",
    "route_input_json",
    "routing_inputs",
    "settings",
    "test_types",
    "tokens",
    "url_parts",
]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_UNRESERVED_EXTRA = "-._~"
_SUB_DELIMS = "!$&'()*+,;="
# First octets whose /8 holds no special-purpose range (rules.md §5.4).
_PUBLIC_FIRST_OCTETS = [
    o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)
]


@dataclass(frozen=True)
class UrlParts:
    """The pieces of a valid public callback URL, in canonical spelling."""

    scheme: str
    host: str  # a lower-case name, a dotted quad, or an IPv6 text without brackets
    port: int | None  # None: no explicit port
    segments: tuple[str, ...]  # path segments, each canonical (no escapes of unreserved)
    trailing_slash: bool
    query: str | None

    def render(self) -> str:
        """The URL in its plain, canonical-looking spelling."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port is None else f":{self.port}"
        path = "".join("/" + s for s in self.segments) + ("/" if self.trailing_slash else "")
        query = "" if self.query is None else "?" + self.query
        return f"{self.scheme}://{host}{port}{path}{query}"


_label = st.text(_LETTERS + "0123456789", min_size=1, max_size=10)  # no "-": plain LDH
_tld = st.text(_LETTERS, min_size=2, max_size=6).filter(
    lambda t: t not in ("local", "arpa")  # non-public suffixes of six letters or fewer
)
host_names = st.builds(
    lambda labels, tld: ".".join([*labels, tld]), st.lists(_label, min_size=1, max_size=3), _tld
)
public_ipv4 = st.builds(
    lambda a, b, c, d: f"{a}.{b}.{c}.{d}",
    st.sampled_from(_PUBLIC_FIRST_OCTETS),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
)
public_ipv6 = st.builds(
    lambda first, rest: f"{first:x}:" + ":".join(f"{h:x}" for h in rest),
    st.integers(0x2400, 0x2FFF),
    st.lists(st.integers(0, 0xFFFF), min_size=7, max_size=7),
).map(lambda text: str(parse_callback_url(f"http://[{text}]/").host))
_segment = st.text(
    _LETTERS + "ABCXYZ0123456789" + _UNRESERVED_EXTRA + _SUB_DELIMS + ":@", max_size=8
).filter(lambda s: s not in (".", ".."))
_segment_with_escape = st.one_of(_segment, st.sampled_from(["a%2Fb", "%20x", "%C3%BC", "%25"]))


@st.composite
def url_parts(draw: st.DrawFn) -> UrlParts:
    """The parts of a valid, public callback URL."""
    return UrlParts(
        scheme=draw(st.sampled_from(["http", "https"])),
        host=draw(st.one_of(host_names, host_names, public_ipv4, public_ipv6)),
        port=draw(st.one_of(st.none(), st.integers(1, 65535))),
        segments=tuple(draw(st.lists(_segment_with_escape, max_size=4))),
        trailing_slash=draw(st.booleans()),
        query=draw(st.one_of(st.none(), _segment_with_escape)),
    )


_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in _LETTERS + "0123456789"}


@st.composite
def respelled(draw: st.DrawFn, parts: UrlParts) -> str:
    """An equivalent spelling of ``parts.render()`` (same canonical form, rules.md §5.5)."""
    scheme = "".join(c.upper() if draw(st.booleans()) else c for c in parts.scheme)
    host = parts.host
    if ":" in host:
        host = f"[{host.upper() if draw(st.booleans()) else host}]"
    elif draw(st.booleans()):  # upper-case or full-width characters: UTS-46 maps them back
        host = "".join(draw(st.sampled_from([c, c.upper(), _FULL_WIDTH.get(c, c)])) for c in host)
    port = parts.port
    default = 80 if parts.scheme == "http" else 443
    port_text = "" if port is None else f":{port}"
    if port in (None, default):
        port_text = draw(st.sampled_from(["", f":{default}", f":0{default}", ":"]))
    segments = []
    for segment in parts.segments:
        if "%" in segment:  # keep escapes intact; lower-case hex digits are the same escape
            spelled = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), segment)
        else:
            spelled = "".join(
                f"%{ord(c):02x}" if c.isalnum() and draw(st.booleans()) else c for c in segment
            )
        if draw(st.integers(0, 4)) == 0:
            spelled = "." + "/" + spelled  # "./seg"
        elif draw(st.integers(0, 4)) == 0:
            spelled = "zz/../" + spelled
        segments.append(spelled)
    path = "".join("/" + s for s in segments) + ("/" if parts.trailing_slash else "")
    query = "" if parts.query is None else "?" + parts.query
    padding = draw(st.sampled_from(["", " ", "\t", "\n "]))
    return f"{padding}{scheme}://{host}{port_text}{path}{query}{padding}"


callback_urls = url_parts().map(lambda parts: parse_callback_url(parts.render()))
test_types = st.sampled_from(TestType)
# Visible ASCII; all-asterisk tokens are left out so "Bearer ***" never looks like one.
tokens = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12
).filter(lambda t: t.strip("*"))


_rejected = st.builds(
    RejectedSetting,
    field=st.sampled_from(["generalCallbackUrl", "individualCallbackUrl"]),
    problem=st.sampled_from(UrlProblem),
    message=st.just("invalid"),
)
_choice = st.integers(0, 4)  # 0-2: a pool URL; 3: unset; 4: a rejected setting


_FIXED_URLS = [
    parse_callback_url(text)
    for text in (
        "https://hooks.example.com/all",
        "https://hooks.example.com/me",
        "https://api.example.com/cb",
        "http://hooks.example.com/all",
        "https://hooks.example.com:8443/all",
        "https://xn--bcher-kva.example/cb?x=1",
        "http://93.184.216.34/cb",
        "http://[2606:4700::1111]/cb/",
    )
]


@st.composite
def _pool(draw: st.DrawFn) -> list[CallbackUrl]:
    """Three URLs, so that Q, G and I drawn from it are often the same URL.

    Mostly near-alike fixed URLs (fast, and differing in one part only), sometimes
    generated ones.
    """
    one = st.one_of(st.sampled_from(_FIXED_URLS), st.sampled_from(_FIXED_URLS), callback_urls)
    return draw(st.lists(one, min_size=3, max_size=3, unique=True))


def _request(draw: st.DrawFn, pool: list[CallbackUrl]) -> Request | None:
    pick = draw(_choice)
    if pick >= 3:
        return None
    return Request(
        url=pool[pick],
        token=draw(st.one_of(st.none(), tokens.map(CallbackToken))),
        max_retries=draw(st.integers(0, 5)),
    )


def _settings(draw: st.DrawFn, pool: list[CallbackUrl]) -> Settings:
    def stored() -> CallbackUrl | RejectedSetting | None:
        pick = draw(_choice)
        return pool[pick] if pick < 3 else None if pick == 3 else draw(_rejected)

    return Settings(general=stored(), individual=stored())


@st.composite
def requests(draw: st.DrawFn) -> Request | None:
    """An optional request (URL, token, retry limit 0..5)."""
    return _request(draw, draw(_pool()))


@st.composite
def settings(draw: st.DrawFn) -> Settings:
    """Account settings: each URL set, unset or a rejected (invalid) stored value."""
    return _settings(draw, draw(_pool()))


@st.composite
def routing_inputs(draw: st.DrawFn) -> tuple[TestType, Request | None, Settings]:
    """A typed input of :func:`route`, with frequent equal URLs across Q, G and I."""
    pool = draw(_pool())
    return draw(test_types), _request(draw, pool), _settings(draw, pool)


@st.composite
def batches(draw: st.DrawFn, users: tuple[str, ...] = ("user",)) -> Batch:
    """A batch of one of ``users``: test type, distinct test ids, optional request."""
    return Batch(
        batch_id=draw(st.text("abcdef0123456789", min_size=1, max_size=8)),
        test_type=draw(test_types),
        test_ids=draw(st.frozensets(st.integers(0, 10**9), min_size=1, max_size=5)),
        executing_user=draw(st.sampled_from(users)),
        request=draw(requests()),
    )


_HOSTILE_PIECES = [
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x7f",
    "\\",
    "@",
    "#",
    "%",
    "%zz",
    "[",
    "]",
    ":",
    "::1",
    "0x7f",
    "127.1",
    "2130706433",
    "010",
    "１２７",
    "。",
    "localhost",
    "..",
    "/..",
    "?",
    "user:pw@",
    "[::ffff:127.0.0.1]",
    "[fe80::1%25en0]",
    "xn--",
    "-",
    "\u3000",
    "\ud800",
]


@st.composite
def hostile_url_texts(draw: st.DrawFn) -> str:
    """Arbitrary text, or a valid URL with hostile pieces spliced in."""
    if draw(st.booleans()):
        return draw(st.text(max_size=60))
    base = draw(url_parts()).render()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(base)))
        base = base[:at] + draw(st.sampled_from(_HOSTILE_PIECES)) + base[at:]
    return base


# Payloads -------------------------------------------------------------------------------

_text = st.text(max_size=12)
_opt_text = st.one_of(st.none(), _text)
_maybe_absent = st.one_of(st.just(ABSENT), _opt_text)
_opt_int = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1))
timestamps = st.datetimes(timezones=st.just(UTC))
_opt_timestamp = st.one_of(st.none(), timestamps)
_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_extras = st.dictionaries(
    st.sampled_from(["newField", "addedLater", "x-y"]), json_values, max_size=2
)
_pdus = st.lists(st.binary(max_size=8).map(lambda b: HexPdu(b.hex())), max_size=3).map(tuple)
_status = st.one_of(st.sampled_from(ReceiptStatus), st.just("SOME_NEW_STATUS"))

network_details = st.builds(
    DestinationNetworkDetails,
    mcc=_opt_text,
    mnc=_opt_text,
    ported_from_mnc=_opt_text,
    country_name=_opt_text,
    provider_name=_opt_text,
    ported_from_provider_name=_opt_text,
    phone_number=_maybe_absent,
    phone=_maybe_absent,
    manual_number=_maybe_absent,
    extra=_extras,
)
smsc_infos = st.builds(
    SmscInfo,
    smsc_number=_maybe_absent,
    country_name=_maybe_absent,
    country_code=_maybe_absent,
    mcc=_maybe_absent,
    mnc=_maybe_absent,
    provider_name=_maybe_absent,
    extra=_extras,
)
suppliers = st.builds(
    Supplier,
    supplier_id=st.integers(),
    supplier_name=_opt_text,
    route_type=_opt_text,
    extra=_extras,
)
manual_results = st.builds(
    ManualResult,
    id=st.integers(),
    test_id_text=_text,
    sender_delivered=_opt_text,
    text_delivered=_opt_text,
    test_created_at=timestamps,
    sms_received_at=_opt_timestamp,
    receipt_delay=_opt_int,
    receipt_status=_status,
    destination_network_details=network_details,
    smsc_info=st.one_of(st.none(), smsc_infos),
    pdus_delivered=_pdus,
    extra=_extras,
)
cli_results = st.builds(
    CliResult,
    id=st.integers(),
    destination_network_details=network_details,
    test_created_at=timestamps,
    receipt_status=_status,
    call_received_on_server_at=_opt_timestamp,
    receipt_delay=_opt_int,
    user_id=_opt_int,
    cli=_opt_text,
    call_received_on_phone_at=_opt_timestamp,
    extra=_extras,
)
lnt_results = st.builds(
    LntResult,
    id=st.integers(),
    test_id_text=_text,
    sender_sent=_opt_text,
    sender_delivered=_opt_text,
    text_sent=_opt_text,
    text_delivered=_opt_text,
    test_created_at=timestamps,
    session_id=_opt_int,
    supplier=st.one_of(st.none(), suppliers),
    sms_received_at=_opt_timestamp,
    receipt_status=_status,
    dlr_status=_opt_text,
    receipt_delay=_opt_int,
    dlr_delay=_opt_int,
    scheduled_task_id=_opt_int,
    test_id_text_type=st.one_of(st.none(), st.sampled_from(TestIdTextType)),
    test_id_text_case=st.one_of(st.none(), st.sampled_from(TestIdTextCase)),
    test_id_text_length=st.one_of(st.none(), st.integers(4, 20)),
    destination_network_details=network_details,
    smsc_info=st.one_of(st.none(), smsc_infos),
    retry=st.booleans(),
    pdus_delivered=_pdus,
    username=_opt_text,
    extra=_extras,
)
results = st.one_of(manual_results, cli_results, lnt_results)


@st.composite
def mutated_bodies(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with some values (top level or nested) replaced by arbitrary JSON."""
    mutated: dict[str, Any] = json.loads(json.dumps(body))
    for _ in range(draw(st.integers(1, 3))):
        target = mutated
        nested = [k for k, v in target.items() if isinstance(v, dict)]
        dive = draw(st.booleans())
        if nested and dive:
            target = target[draw(st.sampled_from(sorted(nested)))]
        if target:
            key = draw(st.sampled_from(sorted(target)))
            if draw(st.integers(0, 4)) == 0:
                del target[key]
            else:
                target[key] = draw(json_values)
    return mutated


_URL_TEXTS = st.one_of(
    url_parts().map(lambda parts: parts.render()),
    url_parts().flatmap(respelled),
    st.sampled_from([str(u) for u in _FIXED_URLS]),
    hostile_url_texts(),
    st.sampled_from(["", "   ", "\t"]),
)


@st.composite
def route_input_json(draw: st.DrawFn) -> dict[str, Any]:
    """A routing input in its JSON form (the ``route`` op), valid or not.

    URL texts come from one small pool per input, so equal URLs in different spellings
    are common; values are sometimes blank, null, hostile, or of the wrong type.
    """
    pool = draw(st.lists(_URL_TEXTS, min_size=1, max_size=3))
    text = st.one_of(st.none(), st.sampled_from(pool))
    data: dict[str, Any] = {"testType": draw(st.sampled_from([t.value for t in TestType]))}
    for key in ("resultsCallbackUrl", "generalCallbackUrl", "individualCallbackUrl"):
        if draw(st.booleans()):
            data[key] = draw(st.one_of(text, text, text, json_values))
    if draw(st.booleans()):
        data["resultsCallbackToken"] = draw(st.one_of(tokens, st.none(), st.text(max_size=5)))
    if draw(st.booleans()):
        data["maxCallbackRetries"] = draw(
            st.one_of(st.integers(0, 5), st.integers(0, 5), st.none(), json_values)
        )
    return data
