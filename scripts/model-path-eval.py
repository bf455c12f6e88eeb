#!/usr/bin/env python3
"""Does the model path earn its cost? Grades an extraction corpus on a running Bella twice.

Every case goes through POST /api/nlu/parse with "path": "rules" and "path": "model" and is graded as
callsim.py nlu grades it; prints per kind: correct by the rules alone, correct with the model, rescued (the
model fixed a rules miss) and broken (the rules were right, the model path is not), then the cases that differ.
Bella needs an extraction model for the second pass (OPENAI_API_KEY, OPENAI_BASE_URL; see docs/understanding.md).
Standard library only. Exit status 1 when a case broke.

  scripts/model-path-eval.py --base http://127.0.0.1:8080 --api-key K ../shared/corpus/extraction.public.jsonl
"""
import argparse
import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from zoneinfo import ZoneInfo

KINDS = ["name", "phone", "time", "duration", "confirm"]


def norm(s):
    return " ".join(str(s).lower().split()) if s is not None else None


def wallclock(value, tz):
    if not value:
        return None
    t = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if t.tzinfo is not None:
        t = t.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    return t.replace(microsecond=0).isoformat()


def name_ok(got, want, basis):
    if want is None:
        return got in (None, "")
    if got is None:
        return False
    if basis == "tokens":
        return all(tok in norm(got).split() for tok in norm(want).split())
    return norm(got) == norm(want)


def grade(case, res):
    """(ok, what was got) as callsim.py nlu grades it."""
    kind, want = case["kind"], case["expect"]
    if kind == "name":
        got = res.get("name")
        return name_ok(got, want, case.get("basis")), got
    if kind == "phone":
        got = res.get("phone")
        return (got or None) == want, got
    if kind == "time":
        got = wallclock(res.get("start"), case.get("tz", "UTC"))
        return got == want or got in case.get("also_accept", []), got
    if kind == "duration":
        got = res.get("durationMinutes")
        return got == want, got
    got = res.get("confirmation")
    return norm(got) == norm(want), got


def parse(base, key, case, path):
    payload = {"text": case["utterance"], "expect": case["kind"], "path": path}
    if "now" in case:
        payload["now"] = case["now"]
    if "tz" in case:
        payload["timezone"] = case["tz"]
    req = urllib.request.Request(base.rstrip("/") + "/api/nlu/parse", data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Accept": "application/json", "X-API-Key": key})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--api-key", required=True)
    ap.add_argument("corpus", nargs="+")
    a = ap.parse_args()
    cases = [json.loads(l) for f in a.corpus for l in open(f, encoding="utf-8") if l.strip()]
    rows = {k: [0, 0, 0, 0, 0] for k in KINDS}
    lines, asked = [], 0
    for case in cases:
        results = {}
        for path in ("rules", "model"):
            status, res = parse(a.base, a.api_key, case, path)
            if status != 200:
                hint = " (raise BELLA_API_RATE_LIMIT_PER_HOUR: each case is two requests)" if status == 429 else ""
                sys.exit(f"{path}: HTTP {status} {res}{hint}")
            results[path] = (grade(case, res), res)
        (rules_ok, _), _ = results["rules"]
        (model_ok, got), res = results["model"]
        asked += bool(res.get("modelAsked"))
        row = rows.setdefault(case["kind"], [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += rules_ok
        row[2] += model_ok
        row[3] += (not rules_ok) and model_ok
        row[4] += rules_ok and not model_ok
        if rules_ok != model_ok or not model_ok:
            tag = "miss" if rules_ok == model_ok else ("RESCUED" if model_ok else "BROKEN")
            lines.append(f"  {tag:7} {case['kind']:8} {case['utterance']!r} want={case['expect']!r} got={got!r}"
                         f" asked={res.get('modelAsked')} filledBy={ {k: v for k, v in res['filledBy'].items() if v} }")
    print("| kind | cases | rules alone | with model | rescued | broken |")
    print("|---|---|---|---|---|---|")
    total = [0] * 5
    for kind, row in rows.items():
        if row[0]:
            print(f"| {kind} | " + " | ".join(map(str, row)) + " |")
            total = [t + r for t, r in zip(total, row)]
    print("| all | " + " | ".join(map(str, total)) + " |")
    print(f"model asked on {asked} of {len(cases)} cases")
    print("\n".join(lines))
    sys.exit(1 if total[4] else 0)


if __name__ == "__main__":
    main()
