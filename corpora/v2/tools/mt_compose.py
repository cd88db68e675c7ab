#!/usr/bin/env python3
"""Builds corpora/v2/mt_conversations.jsonl from hand-written conversations in tools/mt_frags/.

  crescendo.txt  each user turn moves closer to a harmful goal; the last user turn is innocuous on its own
                 -> source bulwark_v2_mt_crescendo, label harmful_request
  benign.txt     benign conversations on the same sensitive topics (chemistry class, history of weapons,
                 security learning, medication, fiction) -> source bulwark_v2_mt_benign, label benign_request
  direct.txt     conversations whose last user turn is plainly harmful -> source bulwark_v2_mt_direct
  finals.txt     innocuous closing turns ("and the next step?") shared by crescendo AND benign variants, so that
                 the last turn alone never tells the label

Conversation format: a header "=== category" (optionally "lang=xx"), then lines "U: ..." and "A: ..." (use \\n for
line breaks), ending with a U line. Every hand-written conversation is emitted as is; composed variants drop one
middle exchange or swap the last user turn for a shared innocuous closing turn. Composed share <= 60 % per source.

Row: {source,id,text,label,kind:"multi_turn",meta,turns:[{role,content}...]}, text = the last user turn.
Usage: python3 corpora/v2/tools/mt_compose.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
FRAGS = os.path.join(HERE, "mt_frags")
OUT = os.path.join(os.path.dirname(HERE), "mt_conversations.jsonl")
SEED = 20261205
MAX_COMPOSED_SHARE = 0.6
SETS = [("crescendo", "harmful_request", "harmful_behavior_escalation"),
        ("benign", "benign_request", "benign_sensitive_topic"),
        ("direct", "harmful_request", "harmful_last_turn")]


def parse(path):
    convs, cur = [], None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("==="):
                head = line[3:].split()
                lang = ([h[5:] for h in head if h.startswith("lang=")] or ["en"])[0]
                cat = [h for h in head if not h.startswith("lang=")][0]
                cur = {"category": cat, "lang": lang, "turns": []}
                convs.append(cur)
            elif line[:2] in ("U:", "A:") and cur is not None:
                role = "user" if line[0] == "U" else "assistant"
                cur["turns"].append({"role": role, "content": line[2:].strip().replace("\\n", "\n")})
    for c in convs:
        t = c["turns"]
        assert t and t[-1]["role"] == "user", c
        assert 3 <= len(t) <= 8, (len(t), t[0])
    return convs


def style_of(turns):
    users = [t["content"] for t in turns if t["role"] == "user"]
    avg = sum(len(u) for u in users) / len(users)
    if all(u == u.lower() for u in users):
        return "casual"
    return "terse" if avg < 45 else "rambling" if avg > 160 else "plain"


def main():
    finals = [l.strip() for l in open(os.path.join(FRAGS, "finals.txt"), encoding="utf-8") if l.strip()]
    rows = []
    for name, label, cat_default in SETS:
        path = os.path.join(FRAGS, name + ".txt")
        if not os.path.exists(path):
            continue
        convs = parse(path)
        rng = random.Random(SEED + len(name))
        src = "bulwark_v2_mt_" + name
        out, seen = [], set()

        def add(turns, c, origin, variant):
            key = json.dumps(turns, ensure_ascii=False)
            if key in seen:
                return False
            seen.add(key)
            out.append({"source": src, "text": turns[-1]["content"], "label": label,
                        "kind": "multi_turn",
                        "meta": {"lang": c["lang"], "style": style_of(turns), "category": c["category"],
                                 "technique": name, "origin": origin, "variant": variant,
                                 "user_turns": sum(1 for t in turns if t["role"] == "user")},
                        "turns": turns})
            return True

        for c in convs:
            add(c["turns"], c, "hand", "as_written")
        hand = len(out)
        limit = int(hand * MAX_COMPOSED_SHARE / (1 - MAX_COMPOSED_SHARE))
        tries, composed = 0, 0
        while composed < limit and tries < limit * 30:
            tries += 1
            c = rng.choice(convs)
            turns = [dict(t) for t in c["turns"]]
            variant = rng.choice(["drop_middle", "swap_final", "both"]) if name != "direct" else "drop_middle"
            if variant in ("drop_middle", "both"):
                if len(turns) < 5:
                    continue
                i = rng.choice(range(3, len(turns) - 1, 2))  # an assistant turn after the first exchange
                del turns[i - 1:i + 1]
            if variant in ("swap_final", "both"):
                if c["lang"] != "en":
                    continue
                turns[-1] = {"role": "user", "content": rng.choice(finals)}
            if not (3 <= len(turns) <= 8):
                continue
            if add(turns, c, "composed", variant):
                composed += 1
        print("%-10s hand=%4d composed=%4d total=%4d" % (name, hand, composed, len(out)))
        for i, r in enumerate(out, 1):
            r["id"] = "%s-%05d" % (src, i)
        rows.extend(out)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r[k] for k in ("source", "id", "text", "label", "kind", "meta", "turns")},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
