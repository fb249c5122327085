"""Organisations, settings changes (R12) and batches (R8), as immutable values (pure).

The request URL's override lives in the :class:`Batch`, never in the settings: routing a
result of one batch cannot change what another batch of the same user gets (R8). A result
is routed with the settings as they are when it arrives, and with the Individual URL of the
user who executed the batch, never another user's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .errors import CallbackRoutingError, shown_value
from .models import Decision, RejectedSetting, Request, Rule, Settings, TestType
from .rules import route
from .urls import CallbackUrl

__all__ = [
    "Account",
    "Batch",
    "ClearGeneral",
    "ClearIndividual",
    "Organisation",
    "Role",
    "SetGeneral",
    "SetIndividual",
    "SettingsChange",
    "SettingsPermissionError",
    "UnknownAccount",
    "UnknownTest",
    "apply_change",
    "may_change",
    "route_batch",
    "route_result",
]

StoredUrl = CallbackUrl | RejectedSetting | None


class Role(enum.StrEnum):
    """An account's role in its organisation."""

    MAIN = "MAIN"
    DEPUTY = "DEPUTY"
    SUB = "SUB"


@attrs.frozen(kw_only=True)
class Account:
    """One user of an organisation and the Individual URL stored for them."""

    user_id: str
    role: Role
    individual_url: StoredUrl = None


@attrs.frozen(kw_only=True)
class SetGeneral:
    """Set the organisation's General URL."""

    url: CallbackUrl


@attrs.frozen
class ClearGeneral:
    """Remove the organisation's General URL."""


@attrs.frozen(kw_only=True)
class SetIndividual:
    """Set the Individual URL of ``user_id``."""

    user_id: str
    url: CallbackUrl


@attrs.frozen(kw_only=True)
class ClearIndividual:
    """Remove the Individual URL of ``user_id``."""

    user_id: str


SettingsChange = SetGeneral | ClearGeneral | SetIndividual | ClearIndividual


class UnknownAccount(CallbackRoutingError, LookupError):
    """A user id that is not an account of the organisation."""

    def __init__(self, user_id: str) -> None:
        super().__init__(f"no account {shown_value(user_id)} in this organisation")
        self.user_id = user_id


class UnknownTest(CallbackRoutingError, LookupError):
    """A test id that the batch did not launch."""

    def __init__(self, batch_id: str, test_id: int) -> None:
        super().__init__(f"test {test_id} is not part of batch {batch_id!r}")
        self.batch_id = batch_id
        self.test_id = test_id


class SettingsPermissionError(CallbackRoutingError, PermissionError):
    """An actor may not make a settings change (R12)."""

    def __init__(self, actor: Account, change: SettingsChange, reason: str) -> None:
        super().__init__(
            f"a {actor.role.value} account ({actor.user_id!r}) may not "
            f"{_describe(change)}: {reason} (R12)"
        )
        self.actor_role = actor.role
        self.change = change
        self.rule = Rule.R12


def _describe(change: SettingsChange) -> str:
    if isinstance(change, SetGeneral | ClearGeneral):
        verb = "set" if isinstance(change, SetGeneral) else "clear"
        return f"{verb} the General URL"
    verb = "set" if isinstance(change, SetIndividual) else "clear"
    return f"{verb} the Individual URL of {change.user_id!r}"


def _index(value: Mapping[str, Account] | Iterable[Account]) -> Mapping[str, Account]:
    """Accounts by user id (read-only), from a mapping or any iterable of accounts."""
    accounts = list(value.values() if isinstance(value, Mapping) else value)
    index = {account.user_id: account for account in accounts}
    if len(index) != len(accounts):
        raise ValueError("an organisation lists a user id twice")
    if sum(account.role is Role.MAIN for account in accounts) > 1:
        raise ValueError("an organisation has one Main account, not several")
    return MappingProxyType(index)


@attrs.frozen(kw_only=True)
class Organisation:
    """An organisation's callback settings: its General URL and its accounts."""

    general_url: StoredUrl = None
    accounts: Mapping[str, Account] = attrs.field(factory=dict, converter=_index, hash=False)

    def account(self, user_id: str) -> Account:
        """The account of ``user_id``, or :class:`UnknownAccount`."""
        try:
            return self.accounts[user_id]
        except KeyError:
            raise UnknownAccount(user_id) from None

    def settings_for(self, user_id: str) -> Settings:
        """The settings that route a test executed by ``user_id``: General and *their* I."""
        return Settings(general=self.general_url, individual=self.account(user_id).individual_url)


def may_change(actor: Account, change: SettingsChange, owner: Account | None = None) -> str | None:
    """Return why ``actor`` may not make ``change`` (R12), or ``None`` when it may.

    ``owner`` is the account whose Individual URL the change touches.
    """
    if isinstance(change, SetGeneral | ClearGeneral):
        return None if actor.role in (Role.MAIN, Role.DEPUTY) else "only Main or Deputy may"
    if change.user_id == actor.user_id:
        return None  # every account sets its own Individual URL
    if owner is None or owner.user_id != change.user_id:
        return "the owner's account is needed to judge a change to another user's URL"
    if owner.role is Role.MAIN:
        return "only Main changes Main's own URL"
    if actor.role is Role.MAIN:
        return None
    if actor.role is Role.DEPUTY:
        return None
    return "a Sub account may change only its own"


def _check(actor: Account, change: SettingsChange, owner: Account | None) -> None:
    reason = may_change(actor, change, owner)
    if reason is not None:
        raise SettingsPermissionError(actor, change, reason)


def apply_change(organisation: Organisation, actor_id: str, change: SettingsChange) -> Organisation:
    """Return the organisation after ``actor_id`` makes ``change``; the input is unchanged.

    Raises :class:`SettingsPermissionError` when R12 forbids it, :class:`UnknownAccount`
    for an unknown actor or owner.
    """
    actor = organisation.account(actor_id)
    if isinstance(change, SetGeneral | ClearGeneral):
        _check(actor, change, None)
        url = change.url if isinstance(change, SetGeneral) else None
        return attrs.evolve(organisation, general_url=url)
    owner = organisation.account(change.user_id)
    _check(actor, change, owner)
    url = change.url if isinstance(change, SetIndividual) else None
    accounts = {**organisation.accounts, owner.user_id: attrs.evolve(owner, individual_url=url)}
    # the dict is indexed again (read-only) by the field's converter
    return attrs.evolve(organisation, accounts=accounts)


def _test_ids(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)  # a named function: mypy's attrs plugin needs one


@attrs.frozen(kw_only=True)
class Batch:
    """What one launch created: its tests, who executed them, and the request if any.

    ``request`` is the Public API request's callback URL, token and retry limit; ``None``
    for a launch from the web UI, the Scheduler, or an API request without a URL.
    """

    batch_id: str
    test_type: TestType
    test_ids: frozenset[int] = attrs.field(converter=_test_ids)
    executing_user: str
    request: Request | None = None


def route_result(batch: Batch, organisation: Organisation, test_id: int) -> Decision:
    """Route one result of ``batch`` with the settings as they are now (R8)."""
    if test_id not in batch.test_ids:
        raise UnknownTest(batch.batch_id, test_id)
    return route(batch.test_type, batch.request, organisation.settings_for(batch.executing_user))


def route_batch(batch: Batch, organisation: Organisation) -> dict[int, Decision]:
    """Route every result of ``batch`` at once: test id -> decision (all the same decision)."""
    decision = route(
        batch.test_type, batch.request, organisation.settings_for(batch.executing_user)
    )
    return dict.fromkeys(sorted(batch.test_ids), decision)
