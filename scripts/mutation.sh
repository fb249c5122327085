#!/usr/bin/env bash
# Mutation testing of the routing and URL modules with mutmut (configured in pyproject.toml).
#   scripts/mutation.sh            full run, then the score
#   scripts/mutation.sh --smoke    rules.py only, time-bounded (what CI runs)
# Survivors that are equivalent to the original are listed, with reasons, in
# mutation-equivalents.md; every other survivor is a missing test.
set -euo pipefail
cd "$(dirname "$0")/.."
pip install --quiet 'mutmut>=3.3,<4'
rm -rf mutants
if [ "${1:-}" = "--smoke" ]; then
    timeout 900 mutmut run 'callback_routing.rules*' > /dev/null 2>&1 || true
else
    mutmut run > /dev/null 2>&1 || true
fi
python scripts/mutation_score.py
