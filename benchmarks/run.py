"""Benchmarks: each figure is a ratio against a floor or a peer measured in the same run.

Run ``python benchmarks/run.py`` (``--quick`` for a short run, ``--json FILE`` to save the
table). Variants are interleaved and repeated; medians and min-max are reported, because
this machine is noisy. Peers (yarl, pydantic) come from the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from callback_routing import (  # noqa: E402
    CallbackToken,
    RejectedSetting,
    Request,
    Settings,
    TestType,
    UrlProblem,
    parse_callback_url,
    route,
)
from callback_routing.codec import decode, encode  # noqa: E402
from callback_routing.oracle import answer_line  # noqa: E402

Variant = Callable[[], object]


def interleaved(variants: dict[str, Variant], repeats: int) -> dict[str, list[float]]:
    """Run every variant once per round, ``repeats`` rounds; seconds per run."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, run in variants.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return times


def summary(samples: Sequence[float], per: int, unit: float) -> tuple[float, float, float]:
    scaled = [s / per / unit for s in samples]
    return statistics.median(scaled), min(scaled), max(scaled)


# 1. route() on 100 000 distinct inputs ----------------------------------------------------

def routing_workload(n: int) -> list[tuple[Any, ...]]:
    """Distinct inputs covering every rule: (typed args, plain-string args)."""
    rng = random.Random(7)
    rejected = RejectedSetting(field="generalCallbackUrl", problem=UrlProblem.MALFORMED,
                               message="bad")
    work = []
    for k in range(n):
        g = parse_callback_url(f"https://g{k}.example/all")
        i = parse_callback_url(f"https://i{k}.example/me")
        q = parse_callback_url(f"https://q{k}.example/cb")
        test_type = rng.choice([TestType.LNT, TestType.LNT, TestType.MANUAL, TestType.CLI])
        q_pick = rng.choice([None, q, g, i])
        g_pick = rng.choice([None, g, g, rejected])
        i_pick = rng.choice([None, i, g])
        token = rng.choice([None, CallbackToken(f"t{k}")])
        retries = rng.randint(0, 5)
        request = None if q_pick is None else Request(url=q_pick, token=token,
                                                      max_retries=retries)
        settings = Settings(general=g_pick, individual=i_pick)
        plain = (
            test_type.value,
            None if q_pick is None else str(q_pick),
            None if token is None else token.reveal(),
            retries,
            None if g_pick is None or g_pick is rejected else str(g_pick),
            "bad" if g_pick is rejected else None,
            None if i_pick is None else str(i_pick),
        )
        work.append(((test_type, request, settings), plain))
    return work


def floor_route(t: str, q: str | None, token: str | None, retries: int, g: str | None,
                bad: str | None, i: str | None) -> tuple[Any, ...]:
    """The same branching on plain strings and tuples: the floor."""
    if t != "LNT":
        if q is None:
            return ((), ("R1",), None, ())
        return (((q, ("REQUEST",), token, retries),), ("R2", "R10"), None, ())
    rules = []
    targets: list[tuple[Any, ...]] = []
    if g is not None:
        rules.append(3)
        targets.append((g, ("GENERAL",), None, 3))
    overridden = None
    slot = None
    if q is not None:
        rules.append(10)
        slot = (q, "REQUEST", token, retries)
        if i is not None:
            overridden = i
            rules.append(8)
    elif i is not None:
        slot = (i, "INDIVIDUAL", None, 3)
    if slot is not None:
        rules += (4, 5)
        if g is not None and slot[0] == g:
            rules.append(6)
            targets[0] = (g, ("GENERAL", slot[1]), slot[2], slot[3])
        else:
            targets.append((slot[0], (slot[1],), slot[2], slot[3]))
    if len(targets) == 2:
        rules.append(11)
    if not targets:
        rules.append(7)
    if bad is not None:
        rules.append(13)
    return (tuple(targets), tuple(f"R{r}" for r in sorted(rules)), overridden, (bad,) if bad else ())


def bench_route(n: int, repeats: int) -> dict[str, Any]:
    work = routing_workload(n)
    typed = [w[0] for w in work]
    plain = [w[1] for w in work]
    # The 100 000 prepared inputs are frozen out of the cyclic GC while timing: otherwise
    # every collection rescans them (the typed ones are GC-tracked objects, the floor's
    # tuples of strings are not), a cost of holding the workload, not of routing.
    gc.collect()
    gc.freeze()
    try:
        times = interleaved({
            "route()": lambda: [route(*a) for a in typed],
            "floor": lambda: [floor_route(*a) for a in plain],
        }, repeats)
    finally:
        gc.unfreeze()
    ours, floor = summary(times["route()"], n, 1e-9), summary(times["floor"], n, 1e-9)
    return {"name": f"route() x {n} distinct inputs", "unit": "ns/decision", "ours": ours,
            "peers": {"plain-Python floor": floor}, "ratio_to": "plain-Python floor",
            "goal": 3.0, "higher_is_better": False}


# 2. URL parsing -------------------------------------------------------------------------

def messy_urls(n: int) -> list[str]:
    rng = random.Random(11)
    hosts = ["Hooks.Example.COM", "api.example.org", "bücher.example", "xn--bcher-kva.example",
             "Sub.Domain.Example.NET", "93.184.216.34", "[2606:4700::1111]", "straße.example"]
    out = []
    for k in range(n):
        scheme = rng.choice(["http", "HTTPS", "https", "Http"])
        host = rng.choice(hosts)
        port = rng.choice(["", ":80", ":443", ":8443", ":08080"])
        segments = [rng.choice(["a", "B", "%7Euser", "%2fx", ".", "..", "cb", "ü", f"n{k}"])
                    for _ in range(rng.randint(1, 5))]
        query = rng.choice(["", f"?id={k}", f"?a=%41&b={k}", "?"])
        out.append(f"{scheme}://{host}{port}/v{k}/{'/'.join(segments)}{query}")
    assert len(set(out)) == n
    return out


def bench_urls(n: int, repeats: int) -> dict[str, Any]:
    from yarl import URL

    urls = messy_urls(n)
    times = interleaved({
        "ours": lambda: [parse_callback_url(u) for u in urls],
        "yarl": lambda: [str(URL(u)) for u in urls],
        "urlsplit": lambda: [urlsplit(u) for u in urls],
    }, repeats)
    return {"name": f"URL parse+canonicalise+classify x {n}", "unit": "us/URL",
            "ours": summary(times["ours"], n, 1e-6),
            "peers": {"yarl str(URL(s))": summary(times["yarl"], n, 1e-6),
                      "urllib.parse.urlsplit": summary(times["urlsplit"], n, 1e-6)},
            "ratio_to": "yarl str(URL(s))", "goal": 1.0, "higher_is_better": False}


# 3. Payload decoding and encoding --------------------------------------------------------

def bench_payloads(n: int, repeats: int) -> list[dict[str, Any]]:
    import pydantic_models

    raw = (ROOT / "examples" / "lnt-callback.json").read_bytes()
    result = decode(raw, TestType.LNT)
    model = pydantic_models.LntResult.model_validate_json(raw)
    times = interleaved({
        "ours": lambda: [decode(raw, TestType.LNT) for _ in range(n)],
        "pydantic": lambda: [pydantic_models.LntResult.model_validate_json(raw) for _ in range(n)],
        "json.loads": lambda: [json.loads(raw) for _ in range(n)],
        "ours encode": lambda: [encode(result) for _ in range(n)],
        "pydantic encode": lambda: [model.model_dump_json(by_alias=True) for _ in range(n)],
    }, repeats)
    return [
        {"name": "decode LNT body (bytes -> model)", "unit": "us/payload",
         "ours": summary(times["ours"], n, 1e-6),
         "peers": {"pydantic model_validate_json": summary(times["pydantic"], n, 1e-6),
                   "json.loads": summary(times["json.loads"], n, 1e-6)},
         "ratio_to": "pydantic model_validate_json", "goal": 1.5, "higher_is_better": False},
        {"name": "encode LNT result (model -> bytes)", "unit": "us/payload",
         "ours": summary(times["ours encode"], n, 1e-6),
         "peers": {"pydantic model_dump_json": summary(times["pydantic encode"], n, 1e-6)},
         "ratio_to": "pydantic model_dump_json", "goal": 1.0, "higher_is_better": False},
    ]


# 4. Oracle throughput ----------------------------------------------------------------------

def oracle_lines(n: int) -> list[str]:
    body = json.loads((ROOT / "examples" / "lnt-callback.json").read_text())
    lines = []
    for k in range(n):
        kind = k % 4
        if kind == 0:
            line = {"op": "route", "testType": "LNT", "resultsCallbackUrl": f"https://q{k}.example/cb",
                    "generalCallbackUrl": "https://hooks.example.com/all",
                    "individualCallbackUrl": f"https://i{k}.example/me"}
        elif kind == 1:
            line = {"op": "check-url", "url": f"HTTPS://Hooks{k}.Example.com:443/a/../cb"}
        elif kind == 2:
            line = {"op": "decode", "body": {**body, "id": k}}
        else:
            line = {"op": "plan", "testType": "LNT", "generalCallbackUrl": f"https://g{k}.example/",
                    "result": {**body, "id": k}}
        lines.append(json.dumps(line))
    return lines


def bench_oracle(n: int, repeats: int) -> dict[str, Any]:
    lines = oracle_lines(n)
    times = interleaved({
        "oracle": lambda: [answer_line(line) for line in lines],
        "echo": lambda: [json.dumps(json.loads(line)) for line in lines],
    }, repeats)
    ours = tuple(sorted(n / t for t in times["oracle"]))
    echo = tuple(sorted(n / t for t in times["echo"]))
    return {"name": f"oracle throughput, {n} mixed lines", "unit": "lines/s",
            "ours": (statistics.median(ours), ours[0], ours[-1]),
            "peers": {"JSON-lines echo": (statistics.median(echo), echo[0], echo[-1])},
            "ratio_to": "JSON-lines echo", "goal": 0.30, "higher_is_better": True}


# 5. Import cost ------------------------------------------------------------------------------

IMPORT_OURS = (
    "import sys, callback_routing\n"
    "from callback_routing import route, TestType\n"
    "route(TestType.MANUAL)\n"
    "assert 'cattrs' not in sys.modules, 'cattrs imported'\n"
)


def bench_import(repeats: int) -> dict[str, Any]:
    def run(code: str) -> Variant:
        return lambda: subprocess.run([sys.executable, "-c", code], check=True)

    times = interleaved({"ours": run(IMPORT_OURS), "attrs": run("import attrs")}, repeats)
    return {"name": "import + one route() call", "unit": "ms",
            "ours": summary(times["ours"], 1, 1e-3),
            "peers": {"python -c 'import attrs'": summary(times["attrs"], 1, 1e-3)},
            "ratio_to": "python -c 'import attrs'", "goal": 1.3, "higher_is_better": False}


# The table -------------------------------------------------------------------------------------

def verdict(row: dict[str, Any]) -> tuple[float, bool]:
    ratio = row["ours"][0] / row["peers"][row["ratio_to"]][0]
    met = ratio >= row["goal"] if row["higher_is_better"] else ratio <= row["goal"]
    return ratio, met


def render(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        ratio, met = verdict(row)
        med, lo, hi = row["ours"]
        lines.append(f"{row['name']}")
        lines.append(f"  ours            {med:12.2f} {row['unit']}  (min {lo:.2f}, max {hi:.2f})")
        for peer, (pmed, plo, phi) in row["peers"].items():
            lines.append(f"  {peer:<30} {pmed:12.2f}  (min {plo:.2f}, max {phi:.2f})")
        sign = ">=" if row["higher_is_better"] else "<="
        lines.append(f"  ratio to {row['ratio_to']}: {ratio:.2f}x  goal {sign} {row['goal']}x: "
                     f"{'met' if met else 'NOT met'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller workloads, fewer repeats")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--only", choices=["route", "urls", "payloads", "oracle", "import"],
                        action="append", help="run only these benchmarks")
    args = parser.parse_args(argv)
    quick = args.quick
    only = set(args.only or ["route", "urls", "payloads", "oracle", "import"])
    rows: list[dict[str, Any]] = []
    if "route" in only:
        rows.append(bench_route(10_000 if quick else 100_000, 3 if quick else 7))
    if "urls" in only:
        rows.append(bench_urls(2_000, 3 if quick else 9))
    if "payloads" in only:
        rows.extend(bench_payloads(500 if quick else 3_000, 3 if quick else 9))
    if "oracle" in only:
        rows.append(bench_oracle(1_000 if quick else 5_000, 3 if quick else 7))
    if "import" in only:
        rows.append(bench_import(5 if quick else 21))
    print(render(rows))  # noqa: T201 - the script's output
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
