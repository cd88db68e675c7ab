#!/usr/bin/env python3
"""Builds corpora/v2/doc_<shape>.jsonl (sources bulwark_v2_doc_<shape>) from hand-written fragments in tools/doc_frags/.

Fragment files (all written by hand for this corpus):
  <shape>.txt           documents, each introduced by a header line
                          "~~~ benign <format>"            a clean document   -> benign / document
                          "~~~ attack <technique> <format>" an injected document written whole -> attack / prompt_injection
                        <format> tells the composer how to embed text (email, html, md, csv, mdtable, py, js, sh, cs,
                        readme, json, text).
  payloads.txt          injection payloads "technique|lang| text", in several voices and languages
  benign_inserts.txt    ordinary imperatives that real documents carry ("Please ignore the previous invoice"),
                        "shapes|lang| text" where shapes is * or a comma list of shapes

Composition (seeded): a clean carrier of the shape gets either a payload (attack) or a benign insert (benign) through the
SAME wrappers and positions (hidden div, comment, alt text, P.S., table cell, JSON field...), so neither the wrapper nor
the position reveals the label. Some composed documents join two or three carriers (threads, long pages) for length.
The composed share of a source is capped at 60 %.

Usage: python3 corpora/v2/tools/doc_compose.py
"""
import json
import os
import random
import re
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FRAGS = os.path.join(HERE, "doc_frags")
OUT = os.path.dirname(HERE)
SEED = 20261205
MAX_COMPOSED_SHARE = 0.6
SHAPES = ["email", "web", "table", "code", "toolresult"]

WRAP = {
    "email": ["{}", "{}", "P.S. {}", "> {}", "[{}]", "<div style=\"color:#ffffff;font-size:1px\">{}</div>",
              "<span style=\"display:none\">{}</span>", "NB: {}", "{}\n"],
    "html": ["<!-- {} -->", "<div style=\"display:none\">{}</div>", "<img src=\"/img/banner.jpg\" alt=\"{}\">",
             "<p>{}</p>", "<span aria-label=\"{}\"></span>", "<p style=\"color:white;background:white\">{}</p>",
             "<meta name=\"description\" content=\"{}\">", "<div class=\"sr-only\">{}</div>"],
    "md": ["{}", "> {}", "[//]: # ({})", "<!-- {} -->", "![{}](img/figure1.png)", "*{}*", "**{}**"],
    "readme": ["{}", "> {}", "<!-- {} -->", "**Note:** {}", "- {}"],
    "py": ["# {}", "# {}", "\"\"\"{}\"\"\"", "    # {}", "# TODO: {}", "msg = \"{}\""],
    "js": ["// {}", "/* {} */", "// {}", " * {}", "const note = \"{}\";"],
    "cs": ["// {}", "/// {}", "/* {} */", "// {}"],
    "sh": ["# {}", "# {}", "echo \"{}\""],
    "text": ["{}", "{}", "[{}]", "> {}", "NOTE: {}"],
}


def parse_docs(path):
    docs, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("~~~"):
                parts = [x for x in line[3:].split() if not x.startswith("lang=")]
                lang = ([x[5:] for x in line[3:].split() if x.startswith("lang=")] or ["en"])[0]
                cur = {"lang": lang, "label": parts[0], "tech": parts[1] if parts[0] == "attack" else None,
                       "fmt": parts[-1], "lines": []}
                docs.append(cur)
            elif cur is not None:
                cur["lines"].append(line.rstrip("\n"))
    for d in docs:
        d["text"] = "\n".join(d.pop("lines")).strip("\n")
    return [d for d in docs if d["text"].strip()]


def parse_pieces(path, tech=True):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            bits = line.split("|", 2 if tech else 1)
            if tech:
                out.append((bits[0].strip(), bits[1].strip(), bits[2].strip()))
            else:
                out.append((bits[0].strip(), bits[1].strip()))
    return out


def style_of(text):
    n = len(text)
    return "short" if n < 200 else "medium" if n < 1000 else "long"


def embed_lines(rng, text, piece, fmt):
    wraps = WRAP.get(fmt, WRAP["text"])
    w = rng.choice(wraps)
    block = w.format(piece)
    lines = text.split("\n")
    pos = rng.choice(["start", "middle", "middle", "end", "end"])
    if pos == "start":
        i = rng.randint(1 if len(lines) > 2 else 0, min(2, len(lines)))
    elif pos == "end":
        i = len(lines) - rng.randint(0, min(2, len(lines)))
    else:
        i = rng.randint(1, max(1, len(lines) - 1))
    lines.insert(i, block)
    return "\n".join(lines), pos, w.replace("{}", "…")


def embed_table(rng, text, piece, fmt):
    lines = text.split("\n")
    rows = [i for i, l in enumerate(lines) if l.strip() and not set(l.strip()) <= set("|-: ")]
    data = rows[1:] or rows
    i = rng.choice(data)
    mode = rng.choice(["cell", "cell", "row", "footer"])
    if mode == "cell":
        if fmt == "mdtable":
            cells = lines[i].rstrip().rstrip("|").split("|")
            cells[-1] = " " + cells[-1].strip() + " " + piece + " "
            lines[i] = "|".join(cells) + "|"
        else:
            lines[i] = lines[i] + ",\"" + piece.replace("\"", "'") + "\""
    elif mode == "row":
        ncol = max(1, lines[rows[0]].count("|") - 1) if fmt == "mdtable" else lines[rows[0]].count(",") + 1
        if fmt == "mdtable":
            lines.insert(i + 1, "| " + " | ".join([""] * (ncol - 1) + [piece]) + " |")
        else:
            lines.insert(i + 1, "," * (ncol - 1) + "\"" + piece.replace("\"", "'") + "\"")
    else:
        lines.append(("\n" if fmt == "mdtable" else "# ") + piece)
    pos = "start" if i <= 2 else "end" if i >= len(lines) - 2 else "middle"
    return "\n".join(lines), pos, mode


def embed_json(rng, text, piece):
    obj = json.loads(text)
    leaves = []

    def walk(o, path):
        if isinstance(o, dict):
            for k, v in o.items():
                walk(v, path + [k])
        elif isinstance(o, list):
            for k, v in enumerate(o):
                walk(v, path + [k])
        elif isinstance(o, str) and len(o) > 12:
            leaves.append(path)
    walk(obj, [])
    if not leaves:
        return None
    path = rng.choice(leaves)
    ref = obj
    for k in path[:-1]:
        ref = ref[k]
    how = rng.choice(["append", "append", "prepend", "replace"])
    old = ref[path[-1]]
    ref[path[-1]] = old + " " + piece if how == "append" else piece + " " + old if how == "prepend" else piece
    idx = leaves.index(path)
    pos = "start" if idx < len(leaves) / 3 else "end" if idx > 2 * len(leaves) / 3 else "middle"
    indent = rng.choice([None, 2, 2, 1])
    return json.dumps(obj, ensure_ascii=False, indent=indent), pos, "json_" + how


def embed(rng, doc, piece):
    fmt = doc["fmt"]
    if fmt == "json":
        r = embed_json(rng, doc["text"], piece)
        if r:
            return r
        return embed_lines(rng, doc["text"], piece, "text")
    if fmt in ("csv", "mdtable"):
        return embed_table(rng, doc["text"], piece, fmt)
    return embed_lines(rng, doc["text"], piece, fmt)


def vary(rng, p):
    r = rng.random()
    if r < 0.08 and p.isascii():
        return p.upper()
    if r < 0.14:
        return p.lower()
    if r < 0.2:
        return p.rstrip(".!") + rng.choice(["!!", "!!!", " .", ""])
    return p


def build(shape, payloads, inserts):
    docs = parse_docs(os.path.join(FRAGS, shape + ".txt"))
    src = "bulwark_v2_doc_" + shape
    rng = random.Random(SEED + zlib.crc32(shape.encode()))
    rows, seen = [], set()

    def add(text, label, kind, meta):
        if text in seen:
            return False
        seen.add(text)
        m = {"lang": meta.pop("lang", "en"), "style": style_of(text), "shape": shape}
        m.update(meta)
        rows.append({"source": src, "text": text, "label": label, "kind": kind, "meta": m})
        return True

    for d in docs:
        lang = d["lang"]
        if d["label"] == "attack":
            add(d["text"], "attack", "prompt_injection",
                {"technique": d["tech"], "category": "indirect_injection", "format": d["fmt"], "origin": "hand", "lang": lang})
        else:
            add(d["text"], "benign", "document", {"category": "clean_document", "format": d["fmt"], "origin": "hand", "lang": lang})
    hand = len(rows)
    clean = [d for d in docs if d["label"] == "benign"]
    limit = int(hand * MAX_COMPOSED_SHARE / (1 - MAX_COMPOSED_SHARE))
    composed, tries = 0, 0
    while composed < limit and tries < limit * 50:
        tries += 1
        attack = tries % 2 == 0
        carrier = dict(rng.choice(clean))
        if rng.random() < 0.18:
            extra = [d for d in clean if d["fmt"] == carrier["fmt"] and d is not carrier]
            if extra:
                more = rng.sample(extra, min(len(extra), rng.randint(1, 2)))
                sep = {"email": "\n\n-----Original Message-----\n", "html": "\n", "md": "\n\n---\n\n",
                       "readme": "\n\n", "text": "\n\n"}.get(carrier["fmt"], "\n\n")
                if carrier["fmt"] not in ("json", "csv", "mdtable"):
                    carrier["text"] = sep.join([carrier["text"]] + [m["text"] for m in more])
        if attack:
            tech, lang, piece = rng.choice(payloads)
            piece = vary(rng, piece)
        else:
            lang, piece = rng.choice(inserts)
        res = embed(rng, carrier, piece)
        text, pos, wrapper = res
        meta = {"origin": "composed", "format": carrier["fmt"], "position": pos, "wrapper": wrapper,
                "insert_lang": lang, "lang": carrier["lang"] if lang == carrier["lang"] else carrier["lang"] + "+" + lang}
        if attack:
            meta.update({"technique": tech, "category": "indirect_injection"})
            ok = add(text, "attack", "prompt_injection", meta)
        else:
            meta.update({"category": "clean_document_with_imperative"})
            ok = add(text, "benign", "document", meta)
        if ok:
            composed += 1
    for i, r in enumerate(rows, 1):
        r["id"] = "%s-%05d" % (src, i)
    with open(os.path.join(OUT, "doc_%s.jsonl" % shape), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r[k] for k in ("source", "id", "text", "label", "kind", "meta")},
                               ensure_ascii=False) + "\n")
    print("%-11s hand=%4d (clean %d) composed=%4d total=%4d" % (shape, hand, len(clean), composed, len(rows)))


def main():
    payloads = parse_pieces(os.path.join(FRAGS, "payloads.txt"))
    inserts = parse_pieces(os.path.join(FRAGS, "benign_inserts.txt"))
    for shape in SHAPES:
        if os.path.exists(os.path.join(FRAGS, shape + ".txt")):
            mine = [(lang, t) for shapes, lang, t in inserts if shapes == "*" or shape in shapes.split(",")]
            build(shape, payloads, mine)


if __name__ == "__main__":
    main()
