"""Delivery plans: a decision plus a result become ready-to-send HTTP requests (pure).

Nothing is sent here. Every delivery of one result carries the same body bytes; the
``Authorization: Bearer`` header is present only on a target that carries the request
token (R10). A delivery's repr and str never show the token.
"""

from __future__ import annotations

import attrs

from .codec import decode, encode
from .models import CallbackToken, Decision, Source
from .payloads import Result
from .urls import CallbackUrl

__all__ = ["Delivery", "plan_deliveries"]

_CONTENT_TYPE = ("Content-Type", "application/json")


@attrs.frozen(kw_only=True, repr=False)
class Delivery:
    """One HTTP request to make: POST ``body`` to ``url``, retrying up to ``max_retries``."""

    url: CallbackUrl
    body: bytes
    max_retries: int
    sources: tuple[Source, ...]
    token: CallbackToken | None = None

    @property
    def method(self) -> str:
        """Always ``POST``."""
        return "POST"

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        """The headers to send, with the real bearer token. Do not log these."""
        return self._headers(reveal=True)

    @property
    def redacted_headers(self) -> tuple[tuple[str, str], ...]:
        """The headers with the token replaced by ``***``: safe to log or print."""
        return self._headers(reveal=False)

    def _headers(self, *, reveal: bool) -> tuple[tuple[str, str], ...]:
        if self.token is None:
            return (_CONTENT_TYPE,)
        secret = self.token.reveal() if reveal else "***"
        return (_CONTENT_TYPE, ("Authorization", f"Bearer {secret}"))

    def __repr__(self) -> str:
        headers = ", ".join(f"{k}: {v}" for k, v in self.redacted_headers)
        return (
            f"Delivery(POST {self.url}, headers=[{headers}], body=<{len(self.body)} bytes>, "
            f"max_retries={self.max_retries})"
        )

    __str__ = __repr__


def plan_deliveries(decision: Decision, result: Result | bytes) -> tuple[Delivery, ...]:
    """One delivery per target of ``decision``, in the decision's order.

    ``result`` is a decoded result (encoded once here) or the raw JSON body, which is
    checked with :func:`callback_routing.codec.decode` and then sent byte for byte.
    Raises :class:`~callback_routing.errors.PayloadError` for a raw body that is invalid.
    """
    if isinstance(result, bytes):
        decode(result)
        body = result
    else:
        body = encode(result)
    return tuple(
        Delivery(
            url=target.url,
            body=body,
            max_retries=target.max_retries,
            sources=target.sources,
            token=target.token,
        )
        for target in decision.targets
    )
