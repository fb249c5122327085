"""Which destinations a callback may reach: an explicit range table (pure).

The table follows the IANA IPv4 and IPv6 special-purpose address registries (see rules.md,
"Blocked destinations"). It is written out as integer ranges on purpose: the stdlib's
``is_private`` / ``is_global`` answers have changed between Python releases, and a
reference library must answer the same everywhere. IPv6 forms that embed an IPv4 address
are judged on the embedded address.
"""

from __future__ import annotations

import enum
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

import attrs

__all__ = [
    "AddressCategory",
    "UrlPolicy",
    "classify_address",
    "classify_host_name",
    "embedded_ipv4",
]


class AddressCategory(enum.StrEnum):
    """What kind of destination an address or host name is."""

    PUBLIC = "PUBLIC"
    LOOPBACK = "LOOPBACK"
    PRIVATE = "PRIVATE"
    SHARED = "SHARED"  # 100.64.0.0/10, carrier-grade NAT
    LINK_LOCAL = "LINK_LOCAL"  # includes cloud metadata 169.254.169.254
    UNSPECIFIED = "UNSPECIFIED"  # 0.0.0.0/8 "this network", ::
    MULTICAST = "MULTICAST"
    BROADCAST = "BROADCAST"
    DOCUMENTATION = "DOCUMENTATION"
    RESERVED = "RESERVED"  # IETF special-purpose, benchmarking, future use


#: The categories a "private networks allowed" policy lets through (for test setups).
PRIVATE_NETWORK_CATEGORIES = frozenset(
    {AddressCategory.LOOPBACK, AddressCategory.PRIVATE, AddressCategory.SHARED}
)


@attrs.frozen
class UrlPolicy:
    """Which destination categories are acceptable.

    The default refuses everything but public destinations. ``allow_private_networks``
    also admits loopback, private (RFC 1918, unique-local, ``.internal`` names) and shared
    addresses; link-local (metadata), unspecified, multicast, broadcast, documentation and
    reserved addresses are refused under every policy.
    """

    allow_private_networks: bool = False

    def allows(self, category: AddressCategory) -> bool:
        """Say whether a destination of ``category`` is acceptable under this policy."""
        if category is AddressCategory.PUBLIC:
            return True
        return self.allow_private_networks and category in PRIVATE_NETWORK_CATEGORIES


def _ranges(
    rows: tuple[tuple[str, AddressCategory], ...], network: type[IPv4Network | IPv6Network]
) -> tuple[tuple[int, int, AddressCategory], ...]:
    result = []
    for text, category in rows:
        net = network(text)
        result.append((int(net.network_address), int(net.broadcast_address), category))
    return tuple(result)


_C = AddressCategory
# Most specific first: the first matching row wins.
_IPV4_TABLE = _ranges(
    (
        ("255.255.255.255/32", _C.BROADCAST),
        ("0.0.0.0/8", _C.UNSPECIFIED),
        ("10.0.0.0/8", _C.PRIVATE),
        ("100.64.0.0/10", _C.SHARED),
        ("127.0.0.0/8", _C.LOOPBACK),
        ("169.254.0.0/16", _C.LINK_LOCAL),
        ("172.16.0.0/12", _C.PRIVATE),
        ("192.0.0.0/24", _C.RESERVED),
        ("192.0.2.0/24", _C.DOCUMENTATION),
        ("192.88.99.0/24", _C.RESERVED),
        ("192.168.0.0/16", _C.PRIVATE),
        ("198.18.0.0/15", _C.RESERVED),
        ("198.51.100.0/24", _C.DOCUMENTATION),
        ("203.0.113.0/24", _C.DOCUMENTATION),
        ("224.0.0.0/4", _C.MULTICAST),
        ("240.0.0.0/4", _C.RESERVED),
    ),
    IPv4Network,
)
_IPV6_TABLE = _ranges(
    (
        ("::/128", _C.UNSPECIFIED),
        ("::1/128", _C.LOOPBACK),
        ("64:ff9b:1::/48", _C.RESERVED),
        ("100::/64", _C.RESERVED),
        ("2001:db8::/32", _C.DOCUMENTATION),
        ("2001::/23", _C.RESERVED),
        ("3fff::/20", _C.DOCUMENTATION),
        ("5f00::/16", _C.RESERVED),
        ("fc00::/7", _C.PRIVATE),
        ("fe80::/10", _C.LINK_LOCAL),
        ("fec0::/10", _C.RESERVED),
        ("ff00::/8", _C.MULTICAST),
    ),
    IPv6Network,
)
_GLOBAL_UNICAST = _ranges((("2000::/3", _C.PUBLIC),), IPv6Network)[0]

_LOW32 = 0xFFFFFFFF
_MAPPED = 0xFFFF << 32  # ::ffff:0:0/96
_TRANSLATED = 0xFFFF << 48  # ::ffff:0:0:0/96
_NAT64 = 0x0064FF9B << 96  # 64:ff9b::/96
_SIX_TO_FOUR = 0x2002  # 2002::/16
_TEREDO = 0x20010000  # 2001::/32


def embedded_ipv4(address: IPv6Address) -> tuple[IPv4Address, ...]:
    """Return the IPv4 addresses an IPv6 address embeds (none for a plain IPv6 address).

    IPv4-mapped, IPv4-translated, IPv4-compatible (except ``::`` and ``::1``), NAT64
    (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32: server and client) embed one or two.
    """
    value = int(address)
    high96 = value >> 32
    if high96 in (_MAPPED >> 32, _TRANSLATED >> 32, _NAT64 >> 32) or (high96 == 0 and value > 1):
        return (IPv4Address(value & _LOW32),)
    if value >> 112 == _SIX_TO_FOUR:
        return (IPv4Address((value >> 80) & _LOW32),)
    if value >> 96 == _TEREDO:
        return (IPv4Address((value >> 64) & _LOW32), IPv4Address(~value & _LOW32))
    return ()


def _lookup(value: int, table: tuple[tuple[int, int, AddressCategory], ...]) -> AddressCategory:
    for first, last, category in table:
        if first <= value <= last:
            return category
    return AddressCategory.PUBLIC


def _severity(category: AddressCategory) -> int:
    """0 public, 1 allowed by the private-networks policy, 2 never allowed."""
    if category is AddressCategory.PUBLIC:
        return 0
    return 1 if category in PRIVATE_NETWORK_CATEGORIES else 2


def classify_address(address: IPv4Address | IPv6Address) -> AddressCategory:
    """Classify an IP address with the explicit table; embedded IPv4 decides for IPv6 forms.

    When an address embeds two IPv4 addresses (Teredo), the stricter category decides: a
    private server cannot hide a link-local client.
    """
    if isinstance(address, IPv4Address):
        return _lookup(int(address), _IPV4_TABLE)
    embedded = embedded_ipv4(address)
    if embedded:  # Teredo embeds two: the stricter category decides
        return max((_lookup(int(inner), _IPV4_TABLE) for inner in embedded), key=_severity)
    value = int(address)
    category = _lookup(value, _IPV6_TABLE)
    first, last, _ = _GLOBAL_UNICAST
    if category is AddressCategory.PUBLIC and not first <= value <= last:
        return AddressCategory.RESERVED
    return category


_LOOPBACK_NAMES = ("localhost",)
_PRIVATE_NAMES = ("internal", "local", "home.arpa")


def classify_host_name(name: str) -> AddressCategory:
    """Classify a canonical (lower-case, ASCII) host name; a trailing root dot is ignored.

    ``localhost`` and names under it are loopback; names under ``.internal``, ``.local`` and
    ``.home.arpa`` never resolve publicly and count as private. Every other name is public
    here: what it resolves to is judged by :func:`callback_routing.urls.check_resolved_addresses`.
    """
    name = name.removesuffix(".")
    for suffix, category in (
        *((s, AddressCategory.LOOPBACK) for s in _LOOPBACK_NAMES),
        *((s, AddressCategory.PRIVATE) for s in _PRIVATE_NAMES),
    ):
        if name == suffix or name.endswith("." + suffix):
            return category
    return AddressCategory.PUBLIC
