"""The conformance vectors: valid by their schema, linted, current, and passed by the library."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from callback_routing.oracle import answer
from tests import vector_cases

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "vectors"
SCHEMA = json.loads((VECTORS / "schema.json").read_text())
FILES = sorted(p for p in VECTORS.glob("*.json") if p.name != "schema.json")
CASES = [
    (p.name, case, test)
    for p in FILES
    for case in json.loads(p.read_text())
    for test in case["tests"]
]


def without_messages(value: Any) -> Any:
    """Rejected settings compare by field and problem only (vectors/README.md)."""
    if isinstance(value, dict):
        return {
            k: without_messages(v)
            for k, v in value.items()
            if not (k == "message" and "field" in value)
        }
    if isinstance(value, list):
        return [without_messages(v) for v in value]
    return value


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_vector_file_is_valid_and_current(path: Path) -> None:
    """Each file matches vectors/schema.json and what tests/vector_cases.py writes."""
    data = json.loads(path.read_text())
    jsonschema.validate(data, SCHEMA)
    assert path.read_text() == vector_cases.render(path.name), (
        "vectors are stale: run python -m tests.vector_cases"
    )


def test_descriptions_are_unique_and_short() -> None:
    """Every test description is unique across all files and at most 100 characters."""
    descriptions = [test["description"] for _, _, test in CASES]
    duplicates = {d for d in descriptions if descriptions.count(d) > 1}
    assert not duplicates
    assert all(0 < len(d) <= 100 for d in descriptions)


def test_every_rule_is_cited_by_a_vector() -> None:
    """R1-R13: every rule ID of rules.md is cited by at least one vector file."""
    in_rules = set(re.findall(r"\bR[0-9]+\b", (ROOT / "rules.md").read_text()))
    cited = {
        s["rule"]
        for p in FILES
        for case in json.loads(p.read_text())
        for s in case["specification"]
    }
    assert in_rules <= cited, f"not cited: {sorted(in_rules - cited)}"
    assert set(vector_cases.FILES) == {p.name for p in FILES}


@pytest.mark.parametrize(
    ("name", "case", "test"),
    CASES,
    ids=[f"{n}: {t['description']}"[:90] for n, _, t in CASES],
)
def test_vector_passes(name: str, case: dict[str, Any], test: dict[str, Any]) -> None:
    """The library gives every vector's expected answer (errors by path and problem)."""
    got = answer(test["input"])
    if "expected" in test:
        assert "result" in got, got
        assert without_messages(got["result"]) == test["expected"]
    else:
        assert "error" in got, got
        assert sorted((e["path"], e["problem"]) for e in got["error"]) == sorted(
            (e["path"], e["problem"]) for e in test["error"]
        )
