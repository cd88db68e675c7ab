#!/usr/bin/env python3
"""Checks corpora/v2/en_*.jsonl: valid JSON per line, required fields, allowed labels/kinds, unique ids, no text
carrying two labels, pair ids present on both sides. Exits non-zero on any problem."""
import glob
import json
import os
import sys
from collections import Counter, defaultdict

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"attack", "harmful_request", "benign_request", "benign"}
KINDS = {"jailbreak", "prompt_injection", "harmful_behavior", "over_refusal_probe", "ordinary", "document"}
CATS = {"violence", "self_harm", "weapons_cbrn", "cyber_offense", "fraud", "drugs", "hate", "extremism", "privacy",
        "sexual_minors", "sexual", "trafficking", "crime"}
errors, ids, texts, pairs = [], set(), {}, defaultdict(set)
counts = Counter()
for path in sorted(glob.glob(os.path.join(OUT, "en_*.jsonl"))):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        where = "%s:%d" % (os.path.basename(path), n)
        try:
            r = json.loads(line)
        except ValueError as e:
            errors.append("%s bad json %s" % (where, e)); continue
        meta = r.get("meta") or {}
        if r.get("id") in ids:
            errors.append("%s duplicate id %s" % (where, r.get("id")))
        ids.add(r.get("id"))
        if not str(r.get("id", "")).startswith(str(r.get("source")) + "-") or not r["source"].startswith("bulwark_v2_en_"):
            errors.append("%s bad source/id" % where)
        if meta.get("lang") != "en" or not meta.get("style") or not meta.get("category"):
            errors.append("%s meta lacks lang/style/category" % where)
        if "text" in r:
            if set(r) != {"source", "id", "text", "label", "kind", "meta"}:
                errors.append("%s fields %s" % (where, sorted(r)))
            if r["label"] not in LABELS or r["kind"] not in KINDS:
                errors.append("%s label/kind %s/%s" % (where, r["label"], r["kind"]))
            if r["label"] == "harmful_request" and meta["category"] not in CATS:
                errors.append("%s harmful category %s" % (where, meta["category"]))
            key = " ".join(r["text"].lower().split())
            if key in texts and texts[key] != r["label"]:
                errors.append("%s text with two labels" % where)
            texts[key] = r["label"]
            if not r["text"].strip():
                errors.append("%s empty text" % where)
            if meta.get("pair"):
                pairs[meta["pair"]].add(r["label"])
        else:
            if set(r) != {"source", "id", "prompt", "response", "label", "meta"}:
                errors.append("%s fields %s" % (where, sorted(r)))
            if r["label"] not in {"harmful", "safe"} or not r["prompt"].strip() or not r["response"].strip():
                errors.append("%s answer label/empty" % where)
        counts[(r["source"], r["label"], meta.get("origin"))] += 1
for p, labels in pairs.items():
    if labels != {"harmful_request", "benign_request"}:
        errors.append("pair %s has labels %s" % (p, sorted(labels)))
for e in errors[:30]:
    print(e)
print("%d rows, %d errors, %d pairs" % (len(ids), len(errors), len(pairs)))
sys.exit(1 if errors else 0)
