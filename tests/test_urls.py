"""Callback URL parsing, canonical form, blocked destinations (R13, rules.md §5).

Each table covers a whole kind of input from shared/cases/README.md, not only the listed
strings.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest

from callback_routing import (
    AddressCategory,
    CallbackUrl,
    InvalidCallbackUrl,
    UrlPolicy,
    UrlProblem,
    check_resolved_addresses,
    parse_callback_url,
    parse_optional_callback_url,
)
from callback_routing.addresses import classify_address, embedded_ipv4
from callback_routing.errors import CallbackRoutingError

P = UrlProblem
PRIVATE_OK = UrlPolicy(allow_private_networks=True)


STRICT = UrlPolicy()


def problem_of(text: str, policy: UrlPolicy = STRICT) -> UrlProblem:
    with pytest.raises(InvalidCallbackUrl) as info:
        parse_callback_url(text, field="resultsCallbackUrl", policy=policy)
    return info.value.problem


REFUSED = [
    # numeric IPv4 spellings that resolvers accept: never a host name
    ("http://2130706433/cb", P.AMBIGUOUS_IP),
    ("http://0x7f.1/cb", P.AMBIGUOUS_IP),
    ("http://0x7f000001/cb", P.AMBIGUOUS_IP),
    ("http://0X7F.0.0.1/cb", P.AMBIGUOUS_IP),
    ("http://127.1/cb", P.AMBIGUOUS_IP),
    ("http://127.0.1/cb", P.AMBIGUOUS_IP),
    ("http://0177.0.0.1/cb", P.AMBIGUOUS_IP),
    ("http://134744072/cb", P.AMBIGUOUS_IP),  # 8.8.8.8 as one number: refused all the same
    ("http://8.8.8.8.8/cb", P.AMBIGUOUS_IP),
    ("http://1.2.3.256/cb", P.AMBIGUOUS_IP),
    ("http://example.123/cb", P.AMBIGUOUS_IP),
    ("http://0x/cb", P.AMBIGUOUS_IP),
    # leading-zero octets
    ("http://010.8.8.8/cb", P.AMBIGUOUS_IP),
    ("http://8.8.8.08/cb", P.AMBIGUOUS_IP),
    ("http://8.8.008.8/cb", P.AMBIGUOUS_IP),
    ("http://00.8.8.8/cb", P.AMBIGUOUS_IP),
    # IPv4 embedded in IPv6: judged on the embedded address
    ("http://[::ffff:127.0.0.1]/cb", P.BLOCKED_ADDRESS),
    ("http://[::ffff:7f00:1]/cb", P.BLOCKED_ADDRESS),
    ("http://[::ffff:10.0.0.1]/cb", P.BLOCKED_ADDRESS),
    ("http://[64:ff9b::a9fe:a9fe]/cb", P.BLOCKED_ADDRESS),
    ("http://[64:ff9b::127.0.0.1]/cb", P.BLOCKED_ADDRESS),
    ("http://[::127.0.0.1]/cb", P.BLOCKED_ADDRESS),
    ("http://[::ffff:0:169.254.169.254]/cb", P.BLOCKED_ADDRESS),
    ("http://[2002:7f00:1::]/cb", P.BLOCKED_ADDRESS),
    ("http://[2002:a9fe:a9fe::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/cb", P.BLOCKED_ADDRESS),  # client 127.0.0.1
    # credentials in the authority, in every shape
    ("http://example.com:pass@169.254.169.254/cb", P.CREDENTIALS),
    ("https://user@hooks.example.com/cb", P.CREDENTIALS),
    ("https://:@hooks.example.com/cb", P.CREDENTIALS),
    ("https://@hooks.example.com/cb", P.CREDENTIALS),
    ("https://a@b@hooks.example.com/cb", P.CREDENTIALS),
    # trailing root dot does not hide an address
    ("http://127.0.0.1./cb", P.BLOCKED_ADDRESS),
    ("http://localhost./cb", P.BLOCKED_ADDRESS),
    ("http://10.1.2.3./cb", P.BLOCKED_ADDRESS),
    # "this network" and unspecified
    ("http://0.0.0.0/cb", P.BLOCKED_ADDRESS),
    ("http://0.1.2.3/cb", P.BLOCKED_ADDRESS),
    ("http://[::]/cb", P.BLOCKED_ADDRESS),
    ("http://[0:0:0:0:0:0:0:0]/cb", P.BLOCKED_ADDRESS),
    # backslashes anywhere
    ("https://evil.example\\@good.example/cb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com\\cb", P.FORBIDDEN_CHARACTER),
    ("https:\\\\hooks.example.com/cb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/cb?x=\\", P.FORBIDDEN_CHARACTER),
    # other schemes, no scheme, no host
    ("gopher://example.com/", P.UNSUPPORTED_SCHEME),
    ("file:///etc/passwd", P.UNSUPPORTED_SCHEME),
    ("ftp://hooks.example.com/cb", P.UNSUPPORTED_SCHEME),
    ("javascript:alert(1)", P.UNSUPPORTED_SCHEME),
    ("ws://hooks.example.com/cb", P.UNSUPPORTED_SCHEME),
    ("httpx://hooks.example.com/cb", P.UNSUPPORTED_SCHEME),
    ("example.com/cb", P.MALFORMED),
    ("/cb", P.MALFORMED),
    ("//hooks.example.com/cb", P.MALFORMED),
    ("localhost:8080/cb", P.MALFORMED),
    ("https:///cb", P.MALFORMED),
    ("https://", P.MALFORMED),
    ("https://:443/cb", P.MALFORMED),
    ("https:hooks.example.com/cb", P.MALFORMED),
    ("https:/hooks.example.com/cb", P.MALFORMED),
    # full-width and other characters that UTS-46 maps to an address
    ("http://１２７.０.０.１/cb", P.BLOCKED_ADDRESS),
    ("http://127。0。0。1/cb", P.BLOCKED_ADDRESS),
    ("http://１０.０.０.１/cb", P.BLOCKED_ADDRESS),
    ("http://ｌｏｃａｌｈｏｓｔ/cb", P.BLOCKED_ADDRESS),
    ("http://０ｘ７ｆ.１/cb", P.AMBIGUOUS_IP),
    # control characters and whitespace inside (Python's parser would delete some)
    ("http://exa\tmple.com/cb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\rb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\nb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\x00b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\x7fb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\x85b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\u00a0b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c\u3000b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.exa\u2028mple.com/cb", P.FORBIDDEN_CHARACTER),
    # other characters RFC 3986 does not allow unescaped
    ("https://hooks.example.com/c<b>", P.FORBIDDEN_CHARACTER),
    ('https://hooks.example.com/c"b', P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c{b}", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c|b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c^b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c`b", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/c[b]", P.FORBIDDEN_CHARACTER),
    ("https://hooks_x.example.com/cb", P.FORBIDDEN_CHARACTER),
    ("http://ä.a_b.example/cb", P.FORBIDDEN_CHARACTER),  # same code in any script
    ("http://ä.a!b.example/cb", P.FORBIDDEN_CHARACTER),
    ("http://example／evil.com/cb", P.FORBIDDEN_CHARACTER),  # full-width solidus maps to "/"
    ("https://[::1]:80:90/cb", P.INVALID_PORT),
    ("https://hooks%2eexample.com/cb", P.FORBIDDEN_CHARACTER),
    ("https://%6c%6fcalhost/cb", P.FORBIDDEN_CHARACTER),
    ("https://hooks.example.com/\ud800", P.FORBIDDEN_CHARACTER),
    # special-purpose ranges the stdlib flags miss or disagree on
    ("http://100.64.0.1/cb", P.BLOCKED_ADDRESS),
    ("http://100.127.255.254/cb", P.BLOCKED_ADDRESS),
    ("http://224.0.0.1/cb", P.BLOCKED_ADDRESS),
    ("http://239.255.255.250/cb", P.BLOCKED_ADDRESS),
    ("http://255.255.255.255/cb", P.BLOCKED_ADDRESS),
    ("http://240.0.0.1/cb", P.BLOCKED_ADDRESS),
    ("http://192.0.0.8/cb", P.BLOCKED_ADDRESS),
    ("http://192.0.2.10/cb", P.BLOCKED_ADDRESS),
    ("http://198.18.0.1/cb", P.BLOCKED_ADDRESS),
    ("http://198.51.100.7/cb", P.BLOCKED_ADDRESS),
    ("http://203.0.113.9/cb", P.BLOCKED_ADDRESS),
    ("http://192.88.99.1/cb", P.BLOCKED_ADDRESS),
    ("http://169.254.169.254/latest/meta-data/", P.BLOCKED_ADDRESS),
    ("http://127.255.255.254/cb", P.BLOCKED_ADDRESS),
    ("http://172.31.255.255/cb", P.BLOCKED_ADDRESS),
    ("http://192.168.1.1/cb", P.BLOCKED_ADDRESS),
    ("http://[::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[fd00:ec2::254]/cb", P.BLOCKED_ADDRESS),
    ("http://[fe80::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[fec0::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[ff02::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[2001:db8::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[3fff::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[100::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[64:ff9b:1::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[2001:2::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[5f00::1]/cb", P.BLOCKED_ADDRESS),
    ("http://[4000::1]/cb", P.BLOCKED_ADDRESS),
    ("http://localhost/cb", P.BLOCKED_ADDRESS),
    ("http://LOCALHOST:8080/cb", P.BLOCKED_ADDRESS),
    ("http://api.localhost/cb", P.BLOCKED_ADDRESS),
    ("http://metadata.google.internal/computeMetadata/v1/", P.BLOCKED_ADDRESS),
    ("http://printer.local/cb", P.BLOCKED_ADDRESS),
    ("http://router.home.arpa/cb", P.BLOCKED_ADDRESS),
    # fragments, ports, IPv6 syntax, escapes, lengths
    ("https://hooks.example.com/cb#", P.FRAGMENT),
    ("https://hooks.example.com/cb#top", P.FRAGMENT),
    ("https://hooks.example.com#x/cb", P.FRAGMENT),
    ("https://hooks.example.com:0/cb", P.INVALID_PORT),
    ("https://hooks.example.com:65536/cb", P.INVALID_PORT),
    ("https://hooks.example.com:443443/cb", P.INVALID_PORT),
    ("https://hooks.example.com:-1/cb", P.INVALID_PORT),
    ("https://hooks.example.com:https/cb", P.INVALID_PORT),
    ("https://hooks.example.com:４４３/cb", P.INVALID_PORT),
    ("https://hooks.example.com:1:2/cb", P.INVALID_PORT),
    ("https://2001:db8::1/cb", P.MALFORMED),  # IPv6 without brackets
    ("http://[fe80::1%25eth0]/cb", P.MALFORMED),
    ("http://[fe80::1%eth0]/cb", P.MALFORMED),
    ("http://[v1.fe80::1]/cb", P.MALFORMED),
    ("http://[::1/cb", P.MALFORMED),
    ("http://[::1]x/cb", P.MALFORMED),
    ("http://[12345::]/cb", P.MALFORMED),
    ("http://[1.2.3.4]/cb", P.MALFORMED),
    ("http://2001:db8::1/cb", P.MALFORMED),
    ("https://hooks.example.com/%zz", P.MALFORMED),
    ("https://hooks.example.com/%4", P.MALFORMED),
    ("https://hooks..example.com/cb", P.MALFORMED),
    ("https://.hooks.example.com/cb", P.MALFORMED),
    ("https://hooks.example.com../cb", P.MALFORMED),
    ("https://-hooks.example.com/cb", P.MALFORMED),
    ("https://hooks-.example.com/cb", P.MALFORMED),
    ("https://xn--zz.example/cb", P.MALFORMED),
    ("http://a\ue000b.example/cb", P.MALFORMED),  # UTS-46 disallowed (private use)
    ("http://\u0378.example/cb", P.MALFORMED),  # unassigned code point
    ("https://" + "a" * 64 + ".example/cb", P.MALFORMED),
    ("https://" + "abcdefghi." * 26 + "example/cb", P.MALFORMED),
    ("https://hooks.example.com/" + "a" * 2048, P.TOO_LONG),
    ("https://hooks.example.com/" + "ü" * 500, P.TOO_LONG),  # canonical form is too long
    ("", P.MALFORMED),
]


@pytest.mark.parametrize(("text", "problem"), REFUSED, ids=[repr(t)[:50] for t, _ in REFUSED])
def test_refused_urls_name_their_problem(text: str, problem: UrlProblem) -> None:
    """R13: each kind of bad callback URL is refused with its own problem code, and a
    message that names the field and reads as one sentence."""
    assert problem_of(text) is problem
    with pytest.raises(InvalidCallbackUrl) as info:
        parse_callback_url(text, field="resultsCallbackUrl")
    message = str(info.value)
    assert re.fullmatch(r"'resultsCallbackUrl' (must|has|is) [^\n]+", message), message
    assert "None" not in message
    assert "XX" not in message


CANONICAL = [
    ("HTTPS://Hooks.Example.COM/Cb", "https://hooks.example.com/Cb"),
    ("hTTp://HOOKS.example.com", "http://hooks.example.com/"),
    ("https://hooks.example.com:443/sms", "https://hooks.example.com/sms"),
    ("http://hooks.example.com:80/sms", "http://hooks.example.com/sms"),
    ("http://hooks.example.com:443/sms", "http://hooks.example.com:443/sms"),
    ("https://hooks.example.com:08443/sms", "https://hooks.example.com:8443/sms"),
    ("https://hooks.example.com:/sms", "https://hooks.example.com/sms"),
    ("https://hooks.example.com/cb/%7Euser", "https://hooks.example.com/cb/~user"),
    ("https://hooks.example.com/%41%62%2d%2e%5f", "https://hooks.example.com/Ab-._"),
    ("https://hooks.example.com/a%2fb", "https://hooks.example.com/a%2Fb"),
    ("https://hooks.example.com/a%c3%bc", "https://hooks.example.com/a%C3%BC"),
    ("https://hooks.example.com/aü?q=ü", "https://hooks.example.com/a%C3%BC?q=%C3%BC"),
    ("https://hooks.example.com/a/./b/../c", "https://hooks.example.com/a/c"),
    ("https://hooks.example.com/a/%2E%2e/c", "https://hooks.example.com/c"),
    ("https://hooks.example.com/../../x", "https://hooks.example.com/x"),
    ("https://hooks.example.com/a/b/..", "https://hooks.example.com/a/"),
    ("https://hooks.example.com/a/.", "https://hooks.example.com/a/"),
    ("https://hooks.example.com?x=1", "https://hooks.example.com/?x=1"),
    ("https://hooks.example.com/cb?", "https://hooks.example.com/cb?"),
    ("https://hooks.example.com/cb?a=/./..&b=%7e", "https://hooks.example.com/cb?a=/./..&b=~"),
    ("https://bücher.example/cb", "https://xn--bcher-kva.example/cb"),
    ("https://BÜCHER.example/cb", "https://xn--bcher-kva.example/cb"),
    ("https://XN--BCHER-KVA.example/cb", "https://xn--bcher-kva.example/cb"),
    ("https://hooks.example.com./cb", "https://hooks.example.com./cb"),
    ("https://ｈｏｏｋｓ．example.com/cb", "https://hooks.example.com/cb"),
    ("http://8.8.8.8./cb", "http://8.8.8.8/cb"),
    ("http://[2606:4700:0:0:0:0:0:1111]/cb", "http://[2606:4700::1111]/cb"),
    ("http://[2606:4700::ABCD]:8080/cb", "http://[2606:4700::abcd]:8080/cb"),
    ("http://[::ffff:8.8.8.8]/cb", "http://[::ffff:8.8.8.8]/cb"),
    ("http://[::ffff:808:808]/cb", "http://[::ffff:8.8.8.8]/cb"),
    ("http://[2002:808:808::1]/cb", "http://[2002:808:808::1]/cb"),
    ("  https://hooks.example.com/cb\t\n", "https://hooks.example.com/cb"),
    ("https://hooks.example.com/" + "a" * 2000, "https://hooks.example.com/" + "a" * 2000),
]


@pytest.mark.parametrize(("text", "canonical"), CANONICAL, ids=[t[:50] for t, _ in CANONICAL])
def test_accepted_urls_have_their_canonical_form(text: str, canonical: str) -> None:
    """rules.md §5.5: str() of a parsed URL is its canonical form, and it parses to itself."""
    url = parse_callback_url(text)
    assert str(url) == canonical
    assert parse_callback_url(canonical) == url


SAME = [
    ("https://hooks.example.com:443/sms", "https://hooks.example.com/sms", True),
    ("http://hooks.example.com:443/sms", "https://hooks.example.com/sms", False),
    ("https://hooks.example.com/cb/%7Euser", "https://hooks.example.com/cb/~user", True),
    ("https://hooks.example.com/a%2fb", "https://hooks.example.com/a%2Fb", True),
    ("https://hooks.example.com/a%2Fb", "https://hooks.example.com/a/b", False),
    ("HTTPS://HOOKS.Example.com/Hook", "https://hooks.example.com/Hook", True),
    ("https://hooks.example.com/Hook", "https://hooks.example.com/hook", False),
    ("https://hooks.example.com", "https://hooks.example.com/", True),
    ("https://hooks.example.com/cb", "https://hooks.example.com/cb/", False),
    ("https://bücher.example/cb", "https://xn--bcher-kva.example/cb", True),
    # more of the same kinds
    ("http://hooks.example.com:80/x", "http://hooks.example.com/x", True),
    ("https://hooks.example.com:8443/x", "https://hooks.example.com/x", False),
    ("https://hooks.example.com/x?a=1", "https://hooks.example.com/x?A=1", False),
    ("https://hooks.example.com/x?", "https://hooks.example.com/x", False),
    ("https://hooks.example.com/x?a=1&b=2", "https://hooks.example.com/x?b=2&a=1", False),
    ("https://hooks.example.com/a/../x", "https://hooks.example.com/x", True),
    ("https://hooks.example.com/%61", "https://hooks.example.com/a", True),
    ("https://hooks.example.com/%C3%BC", "https://hooks.example.com/ü", True),
    ("https://hooks.example.com./x", "https://hooks.example.com/x", False),
    ("https://hooks.example.com/x%20y", "https://hooks.example.com/x+y", False),
    ("http://[2606:4700::1111]/", "http://[2606:4700:0::1111]:80", True),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME, ids=[f"{a} ~ {b}"[:70] for a, b, _ in SAME])
def test_same_url_iff_canonical_forms_are_equal(a: str, b: str, same: bool) -> None:
    """R6 / rules.md §5.5: equality is canonical-form equality; in doubt, different."""
    url_a, url_b = parse_callback_url(a), parse_callback_url(b)
    assert (url_a == url_b) is same
    assert (str(url_a) == str(url_b)) is same
    assert (hash(url_a) == hash(url_b)) or not same


def test_error_carries_field_problem_part_and_readable_message() -> None:
    """R13: an error names the field, a stable problem code and the offending part."""
    with pytest.raises(InvalidCallbackUrl) as info:
        parse_callback_url("ftp://hooks.example.com/cb", field="resultsCallbackUrl")
    error = info.value
    assert isinstance(error, CallbackRoutingError)
    assert isinstance(error, ValueError)
    assert error.field == "resultsCallbackUrl"
    assert error.problem is UrlProblem.UNSUPPORTED_SCHEME
    assert error.part == "ftp"
    assert str(error) == "'resultsCallbackUrl' must be an http or https URL (got scheme 'ftp')"


@pytest.mark.parametrize(
    "text",
    [
        "http://admin:hunter2@hooks.example.com/cb",
        "http://admin:hunter2@hooks.example.com:99999/cb",
        "http://admin:hunter2@127.0.0.1/cb",
        "ftp://admin:hunter2@hooks.example.com/cb",
        "http://admin:hunter2\t@hooks.example.com/cb",
        "http://admin:hunter2@hooks.example.com/cb#frag",
        "http://admin:hunter2@" + "h" * 3000,
        "https://admin:hunter2/x@h.example/",  # "@" after "/": the authority is admin:hunter2
        "https://admin:hun:ter2?@h.example/",
        "https://[admin:hunter2]x@h.example/",
        "http://admin\uff1ahunter2\uff20ho\ue000st/",  # full-width ":" and "@" map late
        "http://admin\uff1ahunter2\uff201.2.3.4/",
        "http://admin%3Ahunter2%40h.example/",
    ],
)
def test_credentials_never_appear_in_errors(text: str) -> None:
    """Secrets in the userinfo are never echoed, whichever problem is reported."""
    with pytest.raises(InvalidCallbackUrl) as info:
        parse_callback_url(text, field="generalCallbackUrl")
    shown = f"{info.value} {info.value!r} {info.value.part}"
    assert "hunter2" not in shown
    assert "admin" not in shown


def test_blank_text_is_unset_only_for_the_optional_parser() -> None:
    """R9: None, empty and whitespace-only text mean 'not set'; the strict parser refuses."""
    for blank in (None, "", "   ", "\t\n\r\x0b\x0c"):
        assert parse_optional_callback_url(blank) is None
    assert problem_of("   ") is UrlProblem.MALFORMED
    assert parse_optional_callback_url(" https://h.example/ ") == parse_callback_url(
        "https://h.example/"
    )


def test_callback_url_cannot_be_built_without_parsing() -> None:
    """Parsing is the one way in: the class has no public constructor arguments."""
    with pytest.raises(TypeError):
        CallbackUrl("https", "h.example", 443, "/", None)  # type: ignore[call-arg]
    url = parse_callback_url("https://h.example/x")
    assert repr(url) == "CallbackUrl('https://h.example/x')"
    assert (url.scheme, url.host, url.port, url.path, url.query) == (
        "https",
        "h.example",
        443,
        "/x",
        None,
    )
    assert url.address is None
    assert parse_callback_url("http://[2606:4700::1]/").address == ip_address("2606:4700::1")


PRIVATE_POLICY = [
    ("http://127.0.0.1:8080/cb", True),
    ("http://localhost:8080/cb", True),
    ("http://[::1]/cb", True),
    ("http://10.0.0.5/cb", True),
    ("http://172.16.0.1/cb", True),
    ("http://192.168.0.10/cb", True),
    ("http://100.64.1.1/cb", True),
    ("http://[fd12::1]/cb", True),
    ("http://[::ffff:192.168.0.1]/cb", True),
    ("http://svc.internal/cb", True),
    ("http://169.254.169.254/cb", False),
    ("http://[2001:0:a00:1::5601:5601]/cb", False),  # Teredo: private server, metadata client
    ("http://[2001:0:7f00:1::ffff:ffff]/cb", False),  # Teredo: loopback server, 0.0.0.0 client
    ("http://[fe80::1]/cb", False),
    ("http://0.0.0.0/cb", False),
    ("http://[::]/cb", False),
    ("http://224.0.0.1/cb", False),
    ("http://255.255.255.255/cb", False),
    ("http://192.0.2.1/cb", False),
    ("http://240.0.0.1/cb", False),
]


@pytest.mark.parametrize(("text", "allowed"), PRIVATE_POLICY, ids=[t for t, _ in PRIVATE_POLICY])
def test_private_policy_admits_private_networks_only(text: str, allowed: bool) -> None:
    """The private-networks policy admits loopback, private and shared, never metadata."""
    assert problem_of(text) is UrlProblem.BLOCKED_ADDRESS
    if allowed:
        assert str(parse_callback_url(text, policy=PRIVATE_OK)).startswith("http://")
    else:
        assert problem_of(text, PRIVATE_OK) is UrlProblem.BLOCKED_ADDRESS


@pytest.mark.parametrize(
    ("address", "category"),
    [
        ("8.8.8.8", AddressCategory.PUBLIC),
        ("100.63.255.255", AddressCategory.PUBLIC),
        ("100.128.0.0", AddressCategory.PUBLIC),
        ("172.32.0.1", AddressCategory.PUBLIC),
        ("192.0.1.1", AddressCategory.PUBLIC),
        ("223.255.255.255", AddressCategory.PUBLIC),
        ("255.255.255.255", AddressCategory.BROADCAST),
        ("255.255.255.254", AddressCategory.RESERVED),
        ("169.254.169.254", AddressCategory.LINK_LOCAL),
        ("2606:4700::1111", AddressCategory.PUBLIC),
        ("::ffff:8.8.8.8", AddressCategory.PUBLIC),
        ("64:ff9b::808:808", AddressCategory.PUBLIC),
        ("::", AddressCategory.UNSPECIFIED),
        ("::1", AddressCategory.LOOPBACK),
        ("::2", AddressCategory.UNSPECIFIED),  # IPv4-compatible 0.0.0.2
        ("2001:0:808:808::f7f7:f7f7", AddressCategory.PUBLIC),  # Teredo: both public
        ("2001:0:808:808::", AddressCategory.BROADCAST),  # Teredo client 255.255.255.255
        ("2001:0:a00:1::", AddressCategory.BROADCAST),  # server 10.0.0.1, client broadcast
        ("2001:0:a00:1::f7f7:f7f7", AddressCategory.PRIVATE),  # server 10.0.0.1, client 8.8.8.8
        ("2001:0:a00:1::5601:5601", AddressCategory.LINK_LOCAL),  # client is metadata
        ("2001:0:808:808::80ff:fffe", AddressCategory.LOOPBACK),  # client 127.0.0.1
    ],
)
def test_address_table_rows(address: str, category: AddressCategory) -> None:
    """rules.md §5.4: the explicit table's borders and embedded forms."""
    assert classify_address(ip_address(address)) is category


def test_embedded_ipv4_forms() -> None:
    """Every embedding IPv6 form yields its IPv4 address(es); plain IPv6 yields none."""
    v6 = IPv6Address
    assert embedded_ipv4(v6("::ffff:1.2.3.4")) == (IPv4Address("1.2.3.4"),)
    assert embedded_ipv4(v6("::ffff:0:1.2.3.4")) == (IPv4Address("1.2.3.4"),)
    assert embedded_ipv4(v6("::1.2.3.4")) == (IPv4Address("1.2.3.4"),)
    assert embedded_ipv4(v6("64:ff9b::1.2.3.4")) == (IPv4Address("1.2.3.4"),)
    assert embedded_ipv4(v6("2002:102:304::")) == (IPv4Address("1.2.3.4"),)
    assert embedded_ipv4(v6("2001:0:102:304:0:0:fefd:fcfb")) == (
        IPv4Address("1.2.3.4"),
        IPv4Address("1.2.3.4"),
    )
    assert embedded_ipv4(v6("2606:4700::1")) == ()
    assert embedded_ipv4(v6("::1")) == ()


def test_resolved_addresses_are_checked_and_returned_for_pinning() -> None:
    """A dispatcher's resolved addresses pass only if every one of them is acceptable."""
    url = parse_callback_url("https://hooks.example.com/cb")
    assert check_resolved_addresses(url, ["93.184.216.34", ip_address("2606:4700::1")]) == (
        ip_address("93.184.216.34"),
        ip_address("2606:4700::1"),
    )
    for bad in (["93.184.216.34", "169.254.169.254"], ["::ffff:127.0.0.1"], ["fe80::1%eth0"], []):
        with pytest.raises(InvalidCallbackUrl) as info:
            check_resolved_addresses(url, bad)
        assert info.value.problem is UrlProblem.BLOCKED_ADDRESS
    with pytest.raises(InvalidCallbackUrl) as info:
        check_resolved_addresses(url, ["not-an-ip"])
    assert info.value.problem is UrlProblem.MALFORMED
    assert check_resolved_addresses(url, ["10.0.0.1"], policy=PRIVATE_OK) == (
        ip_address("10.0.0.1"),
    )
    literal = parse_callback_url("https://93.184.216.34/cb")
    assert check_resolved_addresses(literal, ["93.184.216.34"]) == (ip_address("93.184.216.34"),)
    with pytest.raises(InvalidCallbackUrl):
        check_resolved_addresses(literal, ["1.1.1.1"])
    with pytest.raises(TypeError):
        check_resolved_addresses(url, "93.184.216.34")
    for wrong in ([b"\x7f\0\0\1"], [1]):
        with pytest.raises(TypeError):
            check_resolved_addresses(url, wrong)  # type: ignore[arg-type]
    with pytest.raises(InvalidCallbackUrl) as info:
        check_resolved_addresses(url, ["8.8.8.8%eth0"])  # a zone belongs to IPv6 only
    assert info.value.problem is UrlProblem.MALFORMED
    with pytest.raises(InvalidCallbackUrl, match=r"::ffff:10\.0\.0\.1"):
        check_resolved_addresses(url, ["::ffff:a00:1"])


def test_resolved_address_errors_name_the_address_not_the_secret() -> None:
    """Errors of the resolved-address check name the address, its kind and the host."""
    url = parse_callback_url("https://hooks.example.com/cb")
    with pytest.raises(InvalidCallbackUrl) as info:
        check_resolved_addresses(url, ["8.8.8.8", "169.254.169.254"])
    error = info.value
    assert (error.field, error.part) == (None, "169.254.169.254")
    assert str(error) == (
        "the resolved address of 'hooks.example.com' must not point to a link-local address "
        "(cloud metadata lives there) (got '169.254.169.254')"
    )
    with pytest.raises(InvalidCallbackUrl) as info:
        check_resolved_addresses(url, ["nope"])
    assert (info.value.part, str(info.value)) == (
        "nope",
        "the resolved address is not an IP address (got 'nope')",
    )
    literal = parse_callback_url("https://93.184.216.34/cb")
    with pytest.raises(InvalidCallbackUrl) as info:
        check_resolved_addresses(literal, ["1.1.1.1"])
    assert (info.value.part, info.value.problem) == ("1.1.1.1", UrlProblem.MALFORMED)
    assert str(info.value) == (
        "the resolved address '1.1.1.1' is not the URL's own address '93.184.216.34'"
    )
    with pytest.raises(InvalidCallbackUrl, match="the resolved address list of 'hooks"):
        check_resolved_addresses(url, [])
    with pytest.raises(
        TypeError, match=r"^addresses must be an iterable of addresses, not one str$"
    ):
        check_resolved_addresses(url, "8.8.8.8")
    with pytest.raises(InvalidCallbackUrl, match=r"embedding 127\.0\.0\.1"):
        check_resolved_addresses(url, ["::ffff:127.0.0.1"])
    with pytest.raises(TypeError, match="must be str, IPv4Address or IPv6Address"):
        check_resolved_addresses(url, [1])  # type: ignore[list-item]


def test_ipv6_literal_errors_carry_the_offending_part() -> None:
    """A zone identifier or a bad IPv6 literal is named as the offending part."""
    for text, part in (
        ("http://[fe80::1%25eth0]/", "fe80::1%25eth0"),
        ("http://[1::2::3]/", "1::2::3"),
    ):
        with pytest.raises(InvalidCallbackUrl) as info:
            parse_callback_url(text)
        assert info.value.part == part
        assert part in str(info.value)


def test_optional_parse_keeps_the_policy_and_only_ascii_blanks() -> None:
    """R9: only ASCII white space is blank; the policy still applies to a set URL."""
    assert str(parse_optional_callback_url("http://10.0.0.1/", policy=PRIVATE_OK)) == (
        "http://10.0.0.1/"
    )
    with pytest.raises(InvalidCallbackUrl):
        parse_optional_callback_url("\u3000")  # ideographic space is not blank: refused
