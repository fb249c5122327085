"""The test suite's strategies: the public ones of ``callback_routing.testing``."""

from callback_routing.testing import (
    UrlParts,
    hostile_url_texts,
    json_values,
    mutated_bodies,
    respelled,
    results,
    routing_inputs,
    url_parts,
)

__all__ = [
    "UrlParts",
    "hostile_url_texts",
    "json_values",
    "mutated_bodies",
    "respelled",
    "results",
    "routing_inputs",
    "url_parts",
]
