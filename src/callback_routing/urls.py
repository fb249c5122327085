"""Callback URLs: parse text into a canonical, checked value (pure).

:func:`parse_callback_url` is the only way to make a :class:`CallbackUrl`. It refuses what
rules.md ("Callback URLs") refuses, each with its own :class:`~callback_routing.errors.UrlProblem`,
and returns a value whose ``str()`` is the canonical form (RFC 3986 §6.2.2-6.2.3). Two
callback URLs are equal iff their canonical forms are equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address

import attrs

from .addresses import (
    AddressCategory,
    UrlPolicy,
    classify_address,
    classify_host_name,
    embedded_ipv4,
)
from .errors import InvalidCallbackUrl, UrlProblem

__all__ = [
    "DEFAULT_POLICY",
    "MAX_URL_LENGTH",
    "CallbackUrl",
    "check_resolved_addresses",
    "parse_callback_url",
    "parse_optional_callback_url",
]

MAX_URL_LENGTH = 2048
DEFAULT_POLICY = UrlPolicy()
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"

_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\\\s]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")
_PORT = re.compile(r"[0-9]{1,5}")
_LDH_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")
_DECIMAL_OCTET = re.compile(r"0|[1-9][0-9]{0,2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Pieces of a path or query that need attention: escapes, a stray "%", other characters.
_PATH_TOKENS = re.compile(r"%[0-9A-Fa-f]{2}|%|[^A-Za-z0-9\-._~!$&'()*+,;=:@/]")
_QUERY_TOKENS = re.compile(r"%[0-9A-Fa-f]{2}|%|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]")
_BAD_HOST_CHAR = re.compile(r"[\x00-\x2c/\x3a-\x40\x5b-\x60\x7b-\x7f]")  # not a-z 0-9 - .
_LDH_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.?"
)
_QUOTED = re.compile(r"'[^']*'")
_HOST_PORT_REST = re.compile(r"[0-9]+(?:[/?#]|$)")


@attrs.frozen(init=False, repr=False)
class CallbackUrl:
    """A parsed, canonical callback URL. Make one with :func:`parse_callback_url`.

    ``host`` is lower-case ASCII: a host name in IDNA form, a dotted-quad IPv4 address, or an
    RFC 5952 IPv6 address (without brackets). ``port`` is the effective port (the scheme's
    default when the text gave none). ``query`` is ``None`` when there is no ``?``.
    """

    scheme: str
    host: str
    port: int
    path: str
    query: str | None
    _canonical: str = attrs.field(eq=False)
    _address: IPv4Address | IPv6Address | None = attrs.field(eq=False)

    @property
    def address(self) -> IPv4Address | IPv6Address | None:
        """The IP address when the host is an IP literal, else ``None``."""
        return self._address

    def __str__(self) -> str:
        return self._canonical

    def __repr__(self) -> str:
        return f"CallbackUrl({self._canonical!r})"


def _make(
    *,
    scheme: str,
    host: str,
    port: int,
    path: str,
    query: str | None,
    address: IPv4Address | IPv6Address | None,
) -> CallbackUrl:
    shown_host = f"[{host}]" if isinstance(address, IPv6Address) else host
    shown_port = "" if port == _DEFAULT_PORTS[scheme] else f":{port}"
    shown_query = "" if query is None else f"?{query}"
    url = object.__new__(CallbackUrl)
    for name, value in (
        ("scheme", scheme),
        ("host", host),
        ("port", port),
        ("path", path),
        ("query", query),
        ("_canonical", f"{scheme}://{shown_host}{shown_port}{path}{shown_query}"),
        ("_address", address),
    ):
        object.__setattr__(url, name, value)
    return url


class _Refusal:
    """Builds the errors of one parse, all naming the same field."""

    def __init__(self, field: str | None, subject: str | None = None) -> None:
        self.field = field
        self.subject = subject or (f"'{field}'" if field else "the callback URL")

    def __call__(
        self, problem: UrlProblem, text: str, part: str | None = None
    ) -> InvalidCallbackUrl:
        return InvalidCallbackUrl(
            f"{self.subject} {text}", problem=problem, field=self.field, part=part
        )


def _show(part: str, limit: int = 64) -> str:
    """Quote a part of the input for a message, shortened; never the whole URL."""
    return repr(part if len(part) <= limit else part[:limit] + "...")


def parse_optional_callback_url(
    text: str | None, *, field: str | None = None, policy: UrlPolicy = DEFAULT_POLICY
) -> CallbackUrl | None:
    """Like :func:`parse_callback_url`, but ``None``, empty and blank text mean "not set" (R9)."""
    if text is None or not text.strip(_ASCII_WHITESPACE):
        return None
    return parse_callback_url(text, field=field, policy=policy)


def parse_callback_url(
    text: str, *, field: str | None = None, policy: UrlPolicy = DEFAULT_POLICY
) -> CallbackUrl:
    """Parse ``text`` into a canonical :class:`CallbackUrl` or raise :class:`InvalidCallbackUrl`.

    ``field`` (a wire name such as ``"resultsCallbackUrl"``) is named in the error. Leading
    and trailing ASCII whitespace is ignored. Problems are checked in the order of rules.md.
    """
    if not isinstance(text, str):
        raise TypeError(f"a callback URL must be given as str (got {type(text).__name__})")
    refuse = _Refusal(field)
    s = text.strip(_ASCII_WHITESPACE)
    if not s:
        raise refuse(UrlProblem.MALFORMED, "is empty; expected an http or https URL")
    if len(s) > MAX_URL_LENGTH:
        raise refuse(
            UrlProblem.TOO_LONG,
            f"must be at most {MAX_URL_LENGTH} characters (got {len(s)})",
        )
    bad = _FORBIDDEN.search(s)
    if bad:
        char = bad.group()
        what = "backslashes" if char == "\\" else "control characters or whitespace"
        raise refuse(
            UrlProblem.FORBIDDEN_CHARACTER,
            f"must not contain {what} (got {char!r} at position {bad.start()})",
            char,
        )
    scheme_match = _SCHEME.match(s)
    scheme = scheme_match.group().lower() if scheme_match else ""
    rest = s[len(scheme) + 1 :]
    if not scheme or (scheme not in _DEFAULT_PORTS and _HOST_PORT_REST.match(rest)):
        # "example.com/cb" or "localhost:8080/cb": a relative URL, not a scheme
        raise refuse(
            UrlProblem.MALFORMED,
            "must be an absolute URL starting with 'http://' or 'https://' (got no scheme)",
        )
    if scheme not in _DEFAULT_PORTS:
        raise refuse(
            UrlProblem.UNSUPPORTED_SCHEME,
            f"must be an http or https URL (got scheme {_show(scheme, 20)})",
            scheme,
        )
    if not rest.startswith("//"):
        raise refuse(UrlProblem.MALFORMED, f"must have a host after '{scheme}://' (got no '//')")
    rest = rest[2:]
    if "#" in rest:
        raise refuse(
            UrlProblem.FRAGMENT,
            "must not have a fragment ('#...'); fragments are never sent to the server",
            "#",
        )
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        raise refuse(
            UrlProblem.CREDENTIALS,
            "must not contain credentials ('user:password@'); the callback token authenticates",
        )
    host_text, port_text = _split_authority(authority, refuse)
    port = _parse_port(port_text, scheme, refuse)
    host, address = _parse_host(host_text, refuse)
    category = classify_host_name(host) if address is None else classify_address(address)
    if not policy.allows(category):
        raise refuse(UrlProblem.BLOCKED_ADDRESS, _blocked_text(host, address, category), host)
    path, _, query = tail.partition("?")
    path = _remove_dot_segments(_normalise_escapes(path, _PATH_TOKENS, refuse)) or "/"
    url = _make(
        scheme=scheme,
        host=host,
        port=port,
        path=path,
        query=_normalise_escapes(query, _QUERY_TOKENS, refuse) if "?" in tail else None,
        address=address,
    )
    if len(str(url)) > MAX_URL_LENGTH:
        raise refuse(
            UrlProblem.TOO_LONG,
            f"must be at most {MAX_URL_LENGTH} characters in canonical form (got {len(str(url))})",
            f"{len(str(url))} characters",
        )
    return url


def _split_authority(authority: str, refuse: _Refusal) -> tuple[str, str | None]:
    if authority.startswith("["):
        close = authority.find("]")
        after = authority[close + 1 :] if close >= 0 else ""
        if close < 0 or (after and not after.startswith(":")):
            raise refuse(
                UrlProblem.MALFORMED,
                "has a malformed bracketed host: expected '[IPv6]' or '[IPv6]:port'",
            )
        return authority[: close + 1], (after[1:] if after else None)
    host, colon, port = authority.partition(":")
    if colon and ":" in port and re.fullmatch(r"[0-9A-Fa-f]{0,4}", host):
        raise refuse(UrlProblem.MALFORMED, "must write an IPv6 host in brackets ('[...]')")
    return host, (port if colon else None)


def _parse_port(text: str | None, scheme: str, refuse: _Refusal) -> int:
    if not text:  # absent, or empty after ':' (RFC 3986 §6.2.3: the default port)
        return _DEFAULT_PORTS[scheme]
    if not _PORT.fullmatch(text) or not 0 < int(text) <= 65535:
        # A non-numeric "port" may be a password typed as user:password; never echo it.
        shown = _show(text, 16) if text.isascii() and text.isdigit() else "a non-numeric port"
        raise refuse(
            UrlProblem.INVALID_PORT,
            f"must have a port from 1 to 65535 (got {shown})",
            text if text.isascii() and text.isdigit() else None,
        )
    return int(text)


def _parse_host(text: str, refuse: _Refusal) -> tuple[str, IPv4Address | IPv6Address | None]:
    if not text:
        raise refuse(UrlProblem.MALFORMED, "must have a host (got an empty host)")
    if text.startswith("["):
        return _parse_ipv6(text[1:-1], refuse)
    if "%" in text:
        raise refuse(
            UrlProblem.FORBIDDEN_CHARACTER,
            "must not contain percent-escapes in the host",
            "%",
        )
    if text.isascii():
        mapped = text.lower()
    else:
        import idna  # noqa: PLC0415 - loaded only for non-ASCII hosts: cheap imports

        try:  # UTS-46 first: full-width digits and ideographic dots become ASCII
            # STD3 rules off: ASCII left over after mapping is judged below, the same way
            # as in an ASCII host (FORBIDDEN_CHARACTER), whichever script the host uses.
            mapped = idna.uts46_remap(text, std3_rules=False, transitional=False)
        except (idna.IDNAError, UnicodeError) as exc:
            raise refuse(
                UrlProblem.MALFORMED,
                f"has a host that is not a valid domain name{_idna_detail(exc)}",
            ) from None
    bad = _BAD_HOST_CHAR.search(mapped)
    if bad is not None:  # before any echo of the host: it may hold a mapped "user:pass@"
        raise refuse(
            UrlProblem.FORBIDDEN_CHARACTER,
            f"must have a host of letters, digits, hyphens and dots (got {bad.group()!r})",
            bad.group(),
        )
    labels = mapped.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # a trailing root dot
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        return _parse_ipv4(labels, mapped, refuse)
    return _parse_name(labels, mapped, refuse), None


def _idna_detail(exc: Exception) -> str:
    """The IDNA library's reason, without the host text it may quote (it may hold secrets)."""
    reason = str(exc).split(" in ", maxsplit=1)[0].split(" at ", maxsplit=1)[0]
    return " (" + _QUOTED.sub("...", reason) + ")"


def _parse_ipv4(labels: list[str], host: str, refuse: _Refusal) -> tuple[str, IPv4Address]:
    if len(labels) != 4 or not all(_DECIMAL_OCTET.fullmatch(p) and int(p) <= 255 for p in labels):
        raise refuse(
            UrlProblem.AMBIGUOUS_IP,
            "must write an IPv4 host as four decimal numbers 0-255 without leading zeros "
            f"(got {_show(host)})",
            host,
        )
    address = IPv4Address(".".join(labels))
    return str(address), address


def _parse_ipv6(text: str, refuse: _Refusal) -> tuple[str, IPv6Address]:
    if "%" in text:
        raise refuse(
            UrlProblem.MALFORMED, f"must not have an IPv6 zone identifier (got {_show(text)})", text
        )
    try:
        address = IPv6Address(text)
    except ValueError:
        raise refuse(
            UrlProblem.MALFORMED, f"has an invalid IPv6 address (got {_show(text)})", text
        ) from None
    return _ipv6_text(address), address


def _address_text(address: IPv4Address | IPv6Address) -> str:
    return _ipv6_text(address) if isinstance(address, IPv6Address) else str(address)


def _ipv6_text(address: IPv6Address) -> str:
    """RFC 5952 text; IPv4-mapped addresses in mixed notation on every Python release."""
    mapped = address.ipv4_mapped
    return f"::ffff:{mapped}" if mapped is not None else address.compressed


def _parse_name(labels: list[str], host: str, refuse: _Refusal) -> str:
    if _LDH_HOST.fullmatch(host) and "--" not in host and len(host.removesuffix(".")) <= 253:
        return host  # the common case: plain LDH labels, nothing for IDNA to check
    out: list[str] = []
    for label in labels:
        if not label:
            raise refuse(
                UrlProblem.MALFORMED, f"has an empty label in the host {_show(host)}", host
            )
        if label.isascii() and _LDH_LABEL.fullmatch(label) and label[2:4] != "--":
            out.append(label)  # plain LDH label: nothing for IDNA to check
            continue
        import idna  # noqa: PLC0415 - loaded only for IDNA labels: cheap imports

        try:  # U-labels become A-labels; A-labels ("xn--") must decode validly
            out.append(idna.alabel(label).decode("ascii"))
        except (idna.IDNAError, UnicodeError) as exc:
            raise refuse(
                UrlProblem.MALFORMED,
                f"has a host that is not a valid domain name{_idna_detail(exc)}",
            ) from None
    name = ".".join(out)
    if len(name) > 253:
        raise refuse(UrlProblem.MALFORMED, "has a host name longer than 253 characters", host)
    return name + "." if host.endswith(".") else name


def _normalise_escapes(text: str, tokens: re.Pattern[str], refuse: _Refusal) -> str:
    """Upper-case percent-escapes, decode unreserved ones, escape non-ASCII as UTF-8.

    ``tokens`` matches every piece that needs attention: an escape, a stray ``%``, or a
    character outside the allowed set; the first bad one from the left is reported.
    """

    def fix(match: re.Match[str]) -> str:
        token = match.group()
        if len(token) == 3:  # %XX
            decoded = chr(int(token[1:], 16))
            return decoded if decoded in _UNRESERVED else token.upper()
        if token == "%":  # noqa: S105 - a stray percent sign, not a password
            bad = text[match.start() : match.start() + 3]
            raise refuse(
                UrlProblem.MALFORMED, f"has an invalid percent-escape (got {_show(bad)})", bad
            )
        if token.isascii():
            raise refuse(
                UrlProblem.FORBIDDEN_CHARACTER,
                f"must percent-encode {token!r} in the path or query",
                token,
            )
        try:
            return "".join(f"%{b:02X}" for b in token.encode("utf-8"))
        except UnicodeEncodeError:
            raise refuse(
                UrlProblem.FORBIDDEN_CHARACTER,
                f"must not contain a lone surrogate (got {token!r})",
                token,
            ) from None

    return tokens.sub(fix, text)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 for an absolute (or empty) path."""
    if "." not in path:
        return path
    segments = path.split("/")[1:]
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and out:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


_CATEGORY_TEXT = {
    AddressCategory.LOOPBACK: "a loopback address",
    AddressCategory.PRIVATE: "a private network",
    AddressCategory.SHARED: "a shared (carrier-grade NAT) address",
    AddressCategory.LINK_LOCAL: "a link-local address (cloud metadata lives there)",
    AddressCategory.UNSPECIFIED: "an unspecified ('this network') address",
    AddressCategory.MULTICAST: "a multicast address",
    AddressCategory.BROADCAST: "the broadcast address",
    AddressCategory.DOCUMENTATION: "a documentation-only address",
    AddressCategory.RESERVED: "a reserved special-purpose address",
}


def _blocked_text(
    host: str, address: IPv4Address | IPv6Address | None, category: AddressCategory
) -> str:
    embedded = ""
    if isinstance(address, IPv6Address):
        inner = embedded_ipv4(address)
        if inner:
            embedded = " embedding " + ", ".join(str(a) for a in inner)
    return f"must not point to {_CATEGORY_TEXT[category]} (got {_show(host)}{embedded})"


def check_resolved_addresses(
    url: CallbackUrl,
    addresses: Iterable[str | IPv4Address | IPv6Address],
    *,
    policy: UrlPolicy = DEFAULT_POLICY,
) -> tuple[IPv4Address | IPv6Address, ...]:
    """Judge the addresses a dispatcher resolved for ``url``'s host; return them, checked.

    Every address must be acceptable under ``policy`` (one blocked address refuses all: a
    resolver under an attacker's control can mix them), and there must be at least one.
    The dispatcher should connect to one of the returned addresses (pinning), never
    resolve the name again.
    Raises :class:`InvalidCallbackUrl` with ``BLOCKED_ADDRESS`` (or ``MALFORMED`` for text
    that is not an IP address).
    """
    if isinstance(addresses, str | bytes):
        raise TypeError("addresses must be an iterable of addresses, not one str")
    refuse = _Refusal(None, subject="the resolved address")
    checked: list[IPv4Address | IPv6Address] = []
    for item in addresses:
        if not isinstance(item, str | IPv4Address | IPv6Address):
            raise TypeError(f"an address must be str, IPv4Address or IPv6Address (got {item!r})")
        try:  # ipaddress accepts a zone (fe80::1%eth0) on IPv6 text only, as it should
            address = ip_address(item) if isinstance(item, str) else item
        except ValueError:
            raise refuse(
                UrlProblem.MALFORMED, f"is not an IP address (got {_show(str(item))})", str(item)
            ) from None
        category = classify_address(address)
        if not policy.allows(category):
            raise refuse(
                UrlProblem.BLOCKED_ADDRESS,
                f"of {url.host!r} " + _blocked_text(_address_text(address), address, category),
                str(address),
            )
        if url.address is not None and address != url.address:
            raise refuse(
                UrlProblem.MALFORMED,
                f"{str(address)!r} is not the URL's own address {str(url.address)!r}",
                str(address),
            )
        checked.append(address)
    if not checked:
        raise refuse(
            UrlProblem.BLOCKED_ADDRESS,
            f"list of {url.host!r} is empty; there is no checked address to connect to",
        )
    return tuple(checked)
