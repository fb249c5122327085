"""Organisations and batches: who may change what (R12), the per-batch override (R8)."""

from __future__ import annotations

import pytest

from callback_routing import Request, Rule, Source, TestType, parse_callback_url
from callback_routing.org import (
    Account,
    Batch,
    ClearGeneral,
    ClearIndividual,
    Organisation,
    Role,
    SetGeneral,
    SetIndividual,
    SettingsChange,
    SettingsPermissionError,
    UnknownAccount,
    UnknownTest,
    apply_change,
    may_change,
    route_batch,
    route_result,
)

G = parse_callback_url("https://hooks.example.com/all")
I = parse_callback_url("https://hooks.example.com/me")  # noqa: E741 - the spec's letter
Q = parse_callback_url("https://api.example.com/cb")
X = parse_callback_url("https://x.example.com/cb")
ORG = Organisation(
    general_url=G,
    accounts=[
        Account(user_id="main", role=Role.MAIN, individual_url=I),
        Account(user_id="deputy", role=Role.DEPUTY),
        Account(user_id="deputy2", role=Role.DEPUTY),
        Account(user_id="sub", role=Role.SUB, individual_url=X),
        Account(user_id="sub2", role=Role.SUB),
    ],
)

# rules.md section 6: actor x change -> allowed
PERMISSIONS = [
    ("main", SetGeneral(url=X), True),
    ("main", ClearGeneral(), True),
    ("deputy", SetGeneral(url=X), True),
    ("deputy", ClearGeneral(), True),
    ("sub", SetGeneral(url=X), False),
    ("sub", ClearGeneral(), False),
    ("main", SetIndividual(user_id="main", url=X), True),
    ("deputy", SetIndividual(user_id="deputy", url=X), True),
    ("sub", SetIndividual(user_id="sub", url=Q), True),
    ("sub", ClearIndividual(user_id="sub"), True),
    ("main", SetIndividual(user_id="deputy", url=X), True),
    ("main", ClearIndividual(user_id="sub"), True),
    ("deputy", SetIndividual(user_id="main", url=X), False),
    ("deputy", ClearIndividual(user_id="main"), False),
    ("deputy", SetIndividual(user_id="deputy2", url=X), True),
    ("deputy", SetIndividual(user_id="sub", url=X), True),
    ("sub", SetIndividual(user_id="sub2", url=X), False),
    ("sub", SetIndividual(user_id="deputy", url=X), False),
    ("sub", ClearIndividual(user_id="main"), False),
]


@pytest.mark.parametrize(
    ("actor", "change", "allowed"),
    PERMISSIONS,
    ids=[f"{a}-{c!r}"[:60] for a, c, _ in PERMISSIONS],
)
def test_r12_who_may_change_what(actor: str, change: SettingsChange, allowed: bool) -> None:
    """R12: General only by Main or Deputy; own Individual by anyone; others' by rank."""
    if allowed:
        changed = apply_change(ORG, actor, change)
        assert changed != ORG or isinstance(change, ClearIndividual | SetIndividual)
    else:
        with pytest.raises(SettingsPermissionError) as info:
            apply_change(ORG, actor, change)
        assert info.value.rule is Rule.R12
        assert info.value.actor_role is ORG.account(actor).role
        assert "R12" in str(info.value)


def test_r12_sub_setting_general_is_refused_with_a_clear_error() -> None:
    """R12: a Sub account's attempt to set General names the role, the change and the rule."""
    with pytest.raises(SettingsPermissionError) as info:
        apply_change(ORG, "sub", SetGeneral(url=X))
    assert str(info.value) == (
        "a SUB account ('sub') may not set the General URL: only Main or Deputy may (R12)"
    )
    assert isinstance(info.value, PermissionError)


def test_r12_changes_return_new_values_and_leave_the_old_one() -> None:
    """R12 and R8: a change returns a new organisation; the old value is untouched."""
    changed = apply_change(ORG, "deputy", SetGeneral(url=X))
    assert (changed.general_url, ORG.general_url) == (X, G)
    cleared = apply_change(ORG, "main", ClearIndividual(user_id="main"))
    assert cleared.account("main").individual_url is None
    assert ORG.account("main").individual_url == I


def test_unknown_accounts_are_named() -> None:
    """An unknown actor or owner is an error, not a silent no-op."""
    with pytest.raises(UnknownAccount):
        apply_change(ORG, "nobody", ClearGeneral())
    with pytest.raises(UnknownAccount):
        apply_change(ORG, "main", ClearIndividual(user_id="nobody"))


def test_r8_concurrent_batches_of_one_user() -> None:
    """R8: the overriding batch gets Q; a concurrent batch of the same user gets stored I."""
    overriding = Batch(
        batch_id="b1",
        test_type=TestType.LNT,
        test_ids=[1, 2],
        executing_user="main",
        request=Request(url=Q),
    )
    plain = Batch(batch_id="b2", test_type=TestType.LNT, test_ids=[3], executing_user="main")
    first = route_result(overriding, ORG, 1)
    assert [t.url for t in first.targets] == [G, Q]
    assert first.overridden_individual == I
    assert [t.url for t in route_result(plain, ORG, 3).targets] == [G, I]
    assert [t.url for t in route_result(overriding, ORG, 2).targets] == [G, Q]


def test_r8_settings_changed_between_launch_and_result_apply_at_arrival() -> None:
    """R8: a result is routed with the settings as they are when it arrives."""
    batch = Batch(batch_id="b", test_type=TestType.LNT, test_ids=[7], executing_user="sub")
    assert [t.url for t in route_result(batch, ORG, 7).targets] == [G, X]
    later = apply_change(ORG, "sub", SetIndividual(user_id="sub", url=Q))
    assert [t.url for t in route_result(batch, later, 7).targets] == [G, Q]


def test_results_use_the_executing_users_individual_url_only() -> None:
    """R4: the Individual URL is the executing user's, never another user's."""
    batch = Batch(batch_id="b", test_type=TestType.LNT, test_ids=[1], executing_user="sub2")
    decision = route_result(batch, ORG, 1)
    assert [(t.url, t.sources) for t in decision.targets] == [(G, (Source.GENERAL,))]


def test_route_batch_routes_every_test_and_refuses_strangers() -> None:
    """Routing a whole batch is one call; a test id outside the batch is refused."""
    batch = Batch(
        batch_id="b",
        test_type=TestType.CLI,
        test_ids=[5, 4],
        executing_user="deputy",
        request=Request(url=Q),
    )
    decisions = route_batch(batch, ORG)
    assert list(decisions) == [4, 5]
    assert all(d.rules == (Rule.R2, Rule.R10) for d in decisions.values())
    with pytest.raises(UnknownTest):
        route_result(batch, ORG, 6)


def test_r12_a_change_to_another_users_url_needs_the_owner() -> None:
    """R12: may_change without the owner's account cannot allow a change to someone else."""
    sub = ORG.account("sub")
    assert may_change(sub, SetIndividual(user_id="main", url=X)) is not None
    assert may_change(sub, SetIndividual(user_id="sub", url=X)) is None


def test_organisations_are_read_only_and_refuse_duplicate_users() -> None:
    """Values are immutable: accounts cannot be edited in place; a user id is listed once."""
    with pytest.raises(TypeError):
        ORG.accounts["z"] = Account(user_id="z", role=Role.SUB)  # type: ignore[index]
    with pytest.raises(ValueError, match="twice"):
        Organisation(accounts=[Account(user_id="a", role=Role.SUB)] * 2)


def test_r12_one_main_and_nobody_else_changes_mains_url() -> None:
    """R12 and rules.md section 6: one Main per organisation; only Main changes Main's URL."""
    with pytest.raises(ValueError, match="one Main"):
        Organisation(
            accounts=[Account(user_id="a", role=Role.MAIN), Account(user_id="b", role=Role.MAIN)]
        )
    deputy, main = ORG.account("deputy"), ORG.account("main")
    assert may_change(deputy, SetIndividual(user_id="main", url=X), main) is not None
    assert may_change(main, SetIndividual(user_id="main", url=X), main) is None
