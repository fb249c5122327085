"""callback-routing: decide, as a pure function, where the result callbacks of SMS tests go.

Parse untrusted text at the edge (:func:`parse_callback_url`, :func:`parse_route_input`),
decide with :func:`route`, and read the rules in rules.md.
"""

import importlib
from typing import TYPE_CHECKING

from .addresses import AddressCategory, UrlPolicy
from .errors import (
    CallbackRoutingError,
    InputError,
    InputProblem,
    InvalidCallbackUrl,
    UrlProblem,
)
from .explain import decision_table, explain  # eager: the function shares the module's name
from .models import (
    CallbackToken,
    Decision,
    RejectedSetting,
    Request,
    Rule,
    Settings,
    Source,
    Target,
    TestType,
)
from .rules import route
from .urls import (
    CallbackUrl,
    check_resolved_addresses,
    parse_callback_url,
    parse_optional_callback_url,
)

__all__ = [
    "Account",
    "AddressCategory",
    "Batch",
    "CallbackRoutingError",
    "CallbackToken",
    "CallbackUrl",
    "ClearGeneral",
    "ClearIndividual",
    "Decision",
    "InputError",
    "InputProblem",
    "InvalidCallbackUrl",
    "Organisation",
    "RejectedSetting",
    "Request",
    "Role",
    "RouteInput",
    "Rule",
    "SetGeneral",
    "SetIndividual",
    "Settings",
    "SettingsPermissionError",
    "Source",
    "Target",
    "TestType",
    "UrlPolicy",
    "UrlProblem",
    "apply_change",
    "check_resolved_addresses",
    "decision_table",
    "decision_to_wire",
    "explain",
    "parse_callback_url",
    "parse_optional_callback_url",
    "parse_route_input",
    "parse_settings",
    "route",
    "route_batch",
    "route_result",
]

__version__ = "0.1.0"

# Organisations and the JSON edge load on first use: embedding services
# that only route pay for the routing core alone (see the README's Performance section).
_LAZY = {
    **dict.fromkeys(
        (
            "Account",
            "Batch",
            "ClearGeneral",
            "ClearIndividual",
            "Organisation",
            "Role",
            "SetGeneral",
            "SetIndividual",
            "SettingsPermissionError",
            "apply_change",
            "route_batch",
            "route_result",
        ),
        "org",
    ),
    **dict.fromkeys(
        ("RouteInput", "decision_to_wire", "parse_route_input", "parse_settings"), "wire"
    ),
}

if TYPE_CHECKING:
    from .org import (
        Account,
        Batch,
        ClearGeneral,
        ClearIndividual,
        Organisation,
        Role,
        SetGeneral,
        SetIndividual,
        SettingsPermissionError,
        apply_change,
        route_batch,
        route_result,
    )
    from .wire import RouteInput, decision_to_wire, parse_route_input, parse_settings


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'callback_routing' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
