"""Invariants of callback URL parsing (R13 and rules.md §5)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from callback_routing import (
    AddressCategory,
    CallbackUrl,
    InvalidCallbackUrl,
    UrlPolicy,
    parse_callback_url,
)
from callback_routing.addresses import classify_address, classify_host_name
from tests.strategies import UrlParts, hostile_url_texts, respelled, url_parts


class TestR13CanonicalForm:
    """R13: "Callback URLs must be valid (section 3)"; rules.md §5.5: the canonical form is
    a fixed point, and two URLs are the same iff their canonical forms are equal."""

    @given(url_parts())
    def test_canonicalisation_is_idempotent_and_round_trips(self, parts: UrlParts) -> None:
        url = parse_callback_url(parts.render())
        assert str(parse_callback_url(str(url))) == str(url)
        assert parse_callback_url(str(url)) == url

    @given(url_parts(), st.data())
    def test_equivalent_spellings_parse_to_the_same_url(
        self, parts: UrlParts, data: st.DataObject
    ) -> None:
        plain = parse_callback_url(parts.render())
        other = parse_callback_url(data.draw(respelled(parts)))
        assert other == plain
        assert str(other) == str(plain)
        assert hash(other) == hash(plain)

    @given(url_parts(), url_parts())
    def test_equality_is_canonical_text_equality(self, a: UrlParts, b: UrlParts) -> None:
        url_a, url_b = parse_callback_url(a.render()), parse_callback_url(b.render())
        assert (url_a == url_b) is (str(url_a) == str(url_b))


class TestR13HostileInput:
    """R13: "Callback URLs must be valid": any text gives a URL or the library's URL error,
    never another exception, and an accepted URL is safe to send to."""

    @given(hostile_url_texts(), st.booleans())
    @example("http://[::ffff:127.0.0.1]/cb", False)
    @example("http://１２７.０.０.１/cb", False)
    @example("http://0x7f.1/cb", True)
    def test_parse_returns_a_url_or_raises_our_error(self, text: str, private: bool) -> None:
        policy = UrlPolicy(allow_private_networks=private)
        try:
            url = parse_callback_url(text, field="resultsCallbackUrl", policy=policy)
        except InvalidCallbackUrl as error:
            assert error.field == "resultsCallbackUrl"
            assert str(error).startswith("'resultsCallbackUrl' ")
            return
        self.assert_safe(url, policy)

    @staticmethod
    def assert_safe(url: CallbackUrl, policy: UrlPolicy) -> None:
        canonical = str(url)
        assert url.scheme in ("http", "https")
        assert canonical.startswith(url.scheme + "://")
        assert len(canonical) <= 2048
        assert canonical.isascii()
        assert not any(c.isspace() or ord(c) < 0x20 or c in "\\#" for c in canonical)
        authority = canonical.split("://", 1)[1].split("/", 1)[0]
        assert "@" not in authority  # no userinfo; "@" is fine in a path
        category = (
            classify_host_name(url.host) if url.address is None else classify_address(url.address)
        )
        assert policy.allows(category)
        if not policy.allow_private_networks:
            assert category is AddressCategory.PUBLIC
        assert parse_callback_url(canonical, policy=policy) == url
