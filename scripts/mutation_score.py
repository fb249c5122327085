"""Print the mutation score from mutmut's results, net of the listed equivalent mutants."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    done = subprocess.run(
        ["mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    statuses = dict(re.findall(r"^\s*(\S+__mutmut_\d+): (.+?)\s*$", done.stdout, re.M))
    equivalent = set(
        re.findall(r"`(\S+__mutmut_\d+)`", (ROOT / "mutation-equivalents.md").read_text())
    )
    counts = Counter(statuses.values())
    survivors = sorted(m for m, s in statuses.items() if s == "survived")
    unexplained = [m for m in survivors if m not in equivalent]
    # Mutants a partial run did not check are left out of the score.
    judged = len(statuses) - counts.get("not checked", 0) - len(equivalent & set(survivors))
    killed = counts.get("killed", 0)
    print(f"mutants: {len(statuses)}  " + "  ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"equivalent (listed): {len(equivalent & set(survivors))}")
    if judged:
        print(f"score: {killed}/{judged} = {100 * killed / judged:.1f} % killed")
    for name in unexplained:
        print(f"survived, not explained: {name}")
    by_module = Counter(name.split(".x_")[0] for name in unexplained)
    for module, count in sorted(by_module.items()):
        print(f"  {module}: {count} unexplained")
    return 0 if not any(".rules." in m for m in unexplained) else 1


if __name__ == "__main__":
    sys.exit(main())
