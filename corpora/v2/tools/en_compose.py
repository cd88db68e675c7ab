#!/usr/bin/env python3
"""Builds Bulwark's English v2 corpora (corpora/v2/en_*.jsonl) from hand-written fragment files.

Every text comes from the en_hw_*.txt files next to this script or from fragment lists in en_fragments.py,
all written for Bulwark. Hand-written lines become rows as they are (meta.origin = "hand"); the composer
combines hand-written fragments into further rows (meta.origin = "composed"), capped per source so that at
most ~60 % of a source is composed. Deterministic: fixed seed, stable ordering, no clock, no network.

    python3 corpora/v2/tools/en_compose.py          # writes corpora/v2/en_*.jsonl and prints counts
"""
import json
import os
import random
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import en_fragments as F  # noqa: E402

SEED = 20261205
COMPOSED_MAX_SHARE = 0.60

CATEGORY_ALIASES = {"explosives": "weapons_cbrn", "harassment": "hate"}
HARM_CATEGORIES = {"violence", "self_harm", "weapons_cbrn", "cyber_offense", "fraud", "drugs", "hate", "extremism",
                   "privacy", "sexual_minors", "sexual", "trafficking", "crime"}


def infer_style(text):
    t = text.strip()
    letters = [c for c in t if c.isalpha()]
    if "\n" in t or len(t) > 450:
        return "long_brief"
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return "shouting"
    if re.search(r"\b(u|ur|pls|plz|rn|tbh|idk|lol|lmao|bro|wanna|gonna|tryna|2|4|r|hw|wat|n)\b", t.lower()) and t == t.lower():
        return "texting"
    if re.match(r"(?i)(dear|could you kindly|i would like|i am writing|please provide|kindly|would you be so kind)", t):
        return "formal"
    if t == t.lower() and not t.endswith(("?", ".", "!")):
        return "terse_lowercase"
    if len(t.split()) <= 6:
        return "short"
    if t.endswith("?"):
        return "question"
    return "plain"


def read_hand(name):
    """Yields (fields, category, style) for each content line of a hand-written fragment file."""
    cat, style = "general", "auto"
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@cat "):
                cat = line[5:].strip()
                continue
            if line.startswith("@style "):
                style = line[7:].strip()
                continue
            fields = [f.strip().replace("\\n", "\n") for f in line.split(" || ")]
            yield fields, cat, style


def norm(text):
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class Corpus:
    def __init__(self):
        self.sources = OrderedDict()
        self.seen = {}
        self.dropped = Counter()
        self._counts = Counter()

    def add(self, source, text, label, kind, category, style, origin, pair=None, extra=None):
        text = text.strip()
        if not text:
            return False
        key = norm(text)
        if origin == "composed" and self.count(source, "composed") >= self.composed_budget(source):
            return False
        if key in self.seen:
            self.dropped[(source, "duplicate" if self.seen[key] == label else "label_conflict")] += 1
            return False
        self.seen[key] = label
        cat = CATEGORY_ALIASES.get(category, category)
        meta = {"lang": "en", "style": infer_style(text) if style == "auto" else style, "category": cat,
                "origin": origin}
        if category != cat:
            meta["subcategory"] = category
        if pair:
            meta["pair"] = pair
        if extra:
            meta.update(extra)
        self._counts[(source, origin)] += 1
        self.sources.setdefault(source, []).append(
            {"source": source, "text": text, "label": label, "kind": kind, "meta": meta})
        return True

    def add_answer(self, source, prompt, response, label, category, style, origin):
        prompt, response = prompt.strip(), response.strip()
        if not prompt or not response:
            return False
        if origin == "composed" and self.count(source, "composed") >= self.composed_budget(source):
            return False
        key = norm(prompt) + " || " + norm(response)
        if key in self.seen:
            self.dropped[(source, "duplicate")] += 1
            return False
        self.seen[key] = label
        meta = {"lang": "en", "style": infer_style(response) if style == "auto" else style, "category": category,
                "origin": origin}
        self._counts[(source, origin)] += 1
        self.sources.setdefault(source, []).append(
            {"source": source, "prompt": prompt, "response": response, "label": label, "meta": meta})
        return True

    def can_add(self, source, text):
        return norm(text) not in self.seen and (
            self.count(source, "composed") < self.composed_budget(source))

    def count(self, source, origin=None):
        rows = self.sources.get(source, [])
        if origin is None:
            return len(rows)
        return self._counts.get((source, origin), 0)

    def composed_budget(self, source):
        hand = self.count(source, "hand")
        return int(hand * COMPOSED_MAX_SHARE / (1 - COMPOSED_MAX_SHARE))


def vary_case(rng, text):
    r = rng.random()
    if r < 0.35:
        return text.lower()
    if r < 0.45:
        return text.lower().rstrip("?.!")
    if r < 0.75:
        return text[:1].upper() + text[1:]
    return text


def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    op = rng.random()
    if op < 0.4:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif op < 0.7:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def dress(rng, core, openers, closers, p_open=0.6, p_close=0.5, p_typo=0.15):
    """Puts a hand-written core between an optional opener and closer, with casing and typo noise."""
    text = core
    if rng.random() < p_open:
        op = rng.choice(openers)
        text = op + (text[:1].lower() + text[1:] if op and op[-1] in ",:-" or op.endswith(" ") else text)
    if rng.random() < p_close:
        cl = rng.choice(closers)
        if cl[:2].strip().isalpha() and cl.startswith(" ") and text.rstrip()[-1:].isalnum():
            cl = rng.choice(["", ",", "?", ".", " -", "?", "."]) + cl
        text = text.rstrip() + cl
    text = vary_case(rng, text)
    if rng.random() < p_typo:
        text = typo(rng, text)
    text = text.replace("'", "") if rng.random() < 0.1 else text
    return re.sub(r"\s+([,?.!])", r"\1", re.sub(r" {2,}", " ", text)).strip()


def compose_into(corpus, rng, source, target, make, max_tries=None):
    """Calls make() until the source holds `target` composed rows, the 60 % cap or the try budget is hit."""
    budget = min(target, corpus.composed_budget(source) - corpus.count(source, "composed"))
    tries = 0
    max_tries = max_tries or budget * 20 + 100
    added = 0
    while added < budget and tries < max_tries:
        tries += 1
        if make():
            added += 1
    return added


def main():
    rng = random.Random(SEED)
    c = Corpus()
    import en_builders as B  # noqa: E402
    B.build_all(c, rng)
    write(c)


def write(c):
    files = OrderedDict()
    for source, rows in c.sources.items():
        fname = F.SOURCE_FILES[source]
        for i, r in enumerate(rows, 1):
            r["id"] = "%s-%05d" % (source, i)
        files.setdefault(fname, []).extend(rows)
    for fname, rows in files.items():
        with open(os.path.join(OUT, fname), "w", encoding="utf-8") as fh:
            for r in rows:
                if "text" in r:
                    ordered = {k: r[k] for k in ("source", "id", "text", "label", "kind", "meta")}
                else:
                    ordered = {k: r[k] for k in ("source", "id", "prompt", "response", "label", "meta")}
                fh.write(json.dumps(ordered, ensure_ascii=False) + "\n")
    for source, rows in c.sources.items():
        hand = sum(1 for r in rows if r["meta"]["origin"] == "hand")
        print("%-36s %6d rows  hand %5d  composed %5d (%.0f%%)" % (
            source, len(rows), hand, len(rows) - hand, 100.0 * (len(rows) - hand) / max(1, len(rows))))
    for (source, why), n in sorted(c.dropped.items()):
        print("dropped %-30s %-15s %d" % (source, why, n))


if __name__ == "__main__":
    main()
