"""Deterministic generator of realistic post-mortems for benchmarks.

``python benchmarks/generate.py OUT_DIR --n 2000 [--seed 7]`` writes N files
named ``YYYY-MM-DD-slug-NNNN.md`` with front matter, every section, a timeline
table, Five Whys and an action-item table; about one in five carries planted
defects (unpadded times, vague phrases, team owners, ASAP dues, blame words).
The same seed always gives byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SERVICES = ["payments-api", "checkout-web", "orders-db", "search-api", "jobs-worker", "auth-service",
            "mobile-api", "cdn-edge", "payroll-batch", "notifications", "ledger", "kafka"]
CATEGORIES = ["code-defect", "configuration-error", "capacity-insufficient", "dependency-failure",
              "process-gap", "operational-error", "design-flaw", "monitoring-gap"]
PEOPLE = ["@dana.kim", "@lee.chen", "@sam.ortiz", "@priya.nair", "@marco.rossi", "@ada.obi", "@jon.berg"]
EVENTS = ["Deploy of {svc} v{v} starts", "Alert `{svc}-error-rate` fires at {p}%", "On-call acknowledges the page",
          "Incident declared SEV-{s} in #incident-{n}", "Error logs point at the connection pool",
          "Rollback of {svc} to v{v} applied", "Traffic shifted to the standby region",
          "Status page updated", "Error rate back under 0.1%", "Incident resolved"]
ACTIONS = ["Add alert on {svc} pool saturation above 80%", "Write runbook for {svc} failover with current hosts",
           "Add migration verification step to the deploy checklist", "Load-test {svc} at 3x peak before release",
           "Add circuit breaker around the {svc} client", "Validate health-check thresholds in the migration checklist"]
SLA = {"P0": 14, "P1": 28, "P2": 56, "P3": 91}


def render(index: int, rng: random.Random) -> tuple[str, str]:
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
    severity = rng.choice(["SEV-1", "SEV-2", "SEV-2", "SEV-3", "SEV-4"])
    svc = rng.choice(SERVICES)
    defective = rng.random() < 0.2
    start = rng.randrange(0, 20 * 60)
    minutes = sorted(rng.sample(range(1, 200), len(EVENTS) - 1))
    times = [start] + [start + m for m in minutes]
    stamp = [f"{t // 60:02d}:{t % 60:02d}" for t in times]
    if defective:
        stamp[2] = stamp[2].lstrip("0") or "0:00"
    rows = [f"| {s} | {e.format(svc=svc, v=rng.randrange(2, 9), p=rng.randrange(5, 60), s=severity[-1], n=index)} |"
            for s, e in zip(stamp, EVENTS)]
    duration = times[-1] - times[0]
    owners = [rng.choice(PEOPLE) for _ in range(4)]
    if defective:
        owners[1] = "Platform team"
    items = []
    for n, owner in enumerate(owners, 1):
        priority = rng.choice(list(SLA))
        due = date + dt.timedelta(days=rng.randrange(3, SLA[priority]))
        due_text = "ASAP" if defective and n == 3 else due.isoformat()
        status = rng.choice(["Open", "Done", "In progress"])
        action = rng.choice(ACTIONS).format(svc=svc)
        items.append(f"| AI-{n:03d} | {action} | {owner} | {priority} | {due_text} | {status} | "
                     f"Verified in staging drill #{rng.randrange(100, 999)} |")
    whys = "\n".join(
        f"{n}. **Why {q}?** {a}" for n, (q, a) in enumerate([
            ("did requests fail", f"{svc} returned 503 for {rng.randrange(10, 90)}% of calls"),
            ("did it return 503", "its database connection pool was exhausted"),
            ("was the pool exhausted", "each pod opened 40 connections after the deploy"),
            ("did each pod open 40 connections", "the new template had no pool limit"),
            ("did the template ship without a limit", "code review has no database-configuration checklist item"),
        ], 1)
    )
    blame = " The engineer was careless." if defective else ""
    vague = " eventually" if defective else ""
    slug = f"{date.isoformat()}-{svc}-{index:04d}"
    text = f"""---
title: "{svc} outage {index}"
date: {date.isoformat()}
severity: {severity}
status: {rng.choice(["draft", "in-review", "final", "final"])}
authors: ["{owners[0]}", "{rng.choice(PEOPLE)}"]
services: [{svc}, {rng.choice(SERVICES)}]
started: "{stamp[0]}"
resolved: "{stamp[-1]}"
duration: {duration // 60}h{duration % 60:02d}m
timezone: UTC
root_cause_category: {rng.choice(CATEGORIES)}
---

# {svc} outage {index}

## Summary

A deploy of {svc} exhausted its database connection pool. Requests failed for {duration} minutes until a rollback.

## Impact

- {rng.randrange(100, 90000):,} requests failed ({rng.randrange(5, 95)}% of traffic).
- {rng.randrange(0, 2000)} support contacts; {rng.randrange(1, 30)}% of the monthly error budget.

## Timeline

All times in UTC.

| Time | Event |
|------|-------|
{chr(10).join(rows)}

## Root Cause

The release replaced the client configuration template and dropped the pool limit.{blame}

### Five Whys

{whys}

## Contributing Factors

- The connection alert fired at 95%, leaving no warning time.
- Staging runs two pods, so the total never approached the limit.

## What Went Well

- The page was acknowledged within {rng.randrange(1, 9)} minutes.
- The rollback took {rng.randrange(3, 15)} minutes.
- Support updated the status page{vague} within 10 minutes.

## What Went Poorly

- It took {rng.randrange(10, 60)} minutes to connect the deploy to the spike.

## Action Items

| ID | Action | Owner | Priority | Due | Status | Verification |
|----|--------|-------|----------|-----|--------|--------------|
{chr(10).join(items)}

## Lessons Learned

- Driver defaults are configuration: review them like code.
"""
    return slug, text


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        slug, text = render(index, rng)
        path = out / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} post-mortems to {args.out}")


if __name__ == "__main__":
    main()
