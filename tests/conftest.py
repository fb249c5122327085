"""Hypothesis profiles: "ci" (thorough, selected when CI is set), "dev" (quick), and
"mutation" (deterministic and short, selected under mutmut); HYPOTHESIS_PROFILE overrides."""

import os

from hypothesis import HealthCheck, settings

# Test classes hold no state, so running their methods on fresh instances is harmless.
_QUIET = [HealthCheck.too_slow, HealthCheck.differing_executors]

settings.register_profile(
    "ci", max_examples=400, deadline=None, print_blob=True, suppress_health_check=_QUIET
)
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "mutation",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_QUIET,
)


def _profile() -> str:
    if os.environ.get("HYPOTHESIS_PROFILE"):
        return os.environ["HYPOTHESIS_PROFILE"]
    if "MUTANT_UNDER_TEST" in os.environ:
        return "mutation"
    return "ci" if os.environ.get("CI") else "dev"


settings.load_profile(_profile())
