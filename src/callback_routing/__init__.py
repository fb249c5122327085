"""callback-routing: decide, as a pure function, where the result callbacks of SMS tests go.

Parse untrusted text at the edge (:func:`parse_callback_url`, :func:`parse_route_input`),
decide with :func:`route`, and read the rules in rules.md.
"""

from .addresses import AddressCategory, UrlPolicy
from .errors import (
    CallbackRoutingError,
    InputError,
    InputProblem,
    InvalidCallbackUrl,
    UrlProblem,
)
from .explain import decision_table, explain
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
from .rules import route
from .urls import (
    CallbackUrl,
    check_resolved_addresses,
    parse_callback_url,
    parse_optional_callback_url,
)
from .wire import RouteInput, decision_to_wire, parse_route_input, parse_settings

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
