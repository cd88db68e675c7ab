"""Per-theme builders for en_compose.py: hand-written rows first, then capped compositions."""
import en_fragments as F
from en_compose import read_hand, dress, compose_into, vary_case, typo, norm

HP, HC = "bulwark_v2_en_harm_plain", "bulwark_v2_en_harm_contrast"
BL, TT = "bulwark_v2_en_borderline", "bulwark_v2_en_trigger_tasks"
RP, JB, INJ = "bulwark_v2_en_roleplay_benign", "bulwark_v2_en_jailbreak_new", "bulwark_v2_en_injection_direct"


def build_harm(c, rng):
    n = 0
    cores = []
    for fields, cat, style in read_hand("en_hw_harm_pairs.txt"):
        n += 1
        pair = "en-pair-h%04d" % n if len(fields) > 1 else None
        if c.add(HP, fields[0], "harmful_request", "harmful_behavior", cat, style, "hand", pair) and len(fields) > 1:
            c.add(HC, fields[1], "benign_request", "over_refusal_probe", cat, style, "hand", pair)
        cores.append((cat, fields))
    # composed pairs: slot-filled harmful ask and its benign twin share a pair id
    k = [0]

    def make_pair():
        cat, harm, benign = rng.choice(F.HARM_SLOTS)
        h = dress(rng, rng.choice(F.ASK_FORMS).format(x=harm), F.ASK_OPENERS, F.ASK_CLOSERS, 0.35, 0.45)
        b = dress(rng, rng.choice(F.BENIGN_FORMS).format(x=benign), F.ASK_OPENERS, F.ASK_CLOSERS, 0.35, 0.45)
        k[0] += 1
        pair = "en-pair-c%05d" % k[0]
        if not (c.can_add(HP, h) and c.can_add(HC, b)) or norm(h) == norm(b):
            return False
        c.add(HP, h, "harmful_request", "harmful_behavior", cat, "auto", "composed", pair)
        return c.add(HC, b, "benign_request", "over_refusal_probe", cat, "auto", "composed", pair)

    def make_redressed():
        cat, fields = rng.choice(cores)
        if len(fields) > 1 and rng.random() < 0.5:
            text = dress(rng, fields[1], F.ASK_OPENERS, F.ASK_CLOSERS)
            return c.add(HC, text, "benign_request", "over_refusal_probe", cat, "auto", "composed")
        text = dress(rng, fields[0], F.ASK_OPENERS, F.ASK_CLOSERS)
        return c.add(HP, text, "harmful_request", "harmful_behavior", cat, "auto", "composed")

    compose_into(c, rng, HC, 10 ** 6, make_pair, max_tries=4000)
    compose_into(c, rng, HP, 10 ** 6, make_redressed, max_tries=6000)
    compose_into(c, rng, HC, 10 ** 6, make_redressed, max_tries=6000)


def build_all(c, rng):
    build_harm(c, rng)
    for name in ("build_borderline", "build_trigger", "build_roleplay", "build_jailbreak", "build_injection",
                 "build_answers"):
        fn = globals().get(name)
        if fn:
            fn(c, rng)


def add_hand(c, source, fname, label, kind):
    cores = []
    for fields, cat, style in read_hand(fname):
        if c.add(source, fields[0], label, kind, cat, style, "hand"):
            cores.append((cat, fields[0]))
    return cores


def build_borderline(c, rng):
    cores = add_hand(c, BL, "en_hw_borderline.txt", "benign_request", "over_refusal_probe")

    def make_context():
        cat, core = rng.choice(cores)
        ctx = rng.choice(F.BORDER_CONTEXT.get(cat, [""]))
        text = ctx + (core[:1].lower() + core[1:] if ctx else core)
        text = dress(rng, text, [""], F.ASK_CLOSERS, 0.0, 0.3, 0.1)
        return c.add(BL, text, "benign_request", "over_refusal_probe", cat, "auto", "composed")

    def make_slot():
        cat, forms, topics = rng.choice(F.BORDER_SLOTS)
        text = rng.choice(forms).format(x=rng.choice(topics))
        ctx = rng.choice(F.BORDER_CONTEXT.get(cat, [""]))
        text = dress(rng, ctx + text, F.ASK_OPENERS[:8] if not ctx else [""], F.ASK_CLOSERS, 0.3, 0.4, 0.1)
        return c.add(BL, text, "benign_request", "over_refusal_probe", cat, "auto", "composed")

    half = c.composed_budget(BL) // 2
    compose_into(c, rng, BL, half, make_slot)
    compose_into(c, rng, BL, 10 ** 6, make_context)


def build_trigger(c, rng):
    add_hand(c, TT, "en_hw_trigger.txt", "benign_request", "ordinary")

    def make_aside():
        task, aside = rng.choice(F.TRIGGER_TASKS), rng.choice(F.TRIGGER_ASIDES)
        r = rng.random()
        if r < 0.4:
            text = "%s, %s" % (task, aside)
        elif r < 0.7:
            text = "%s. %s." % (aside[:1].upper() + aside[1:], task[:1].upper() + task[1:])
        else:
            text = "%s (%s)" % (task, aside)
        if rng.random() < 0.45:
            text += ":\n\n" + rng.choice(F.TRIGGER_TEXTS)
        text = dress(rng, text, ["", "pls ", "Hi! ", "can you ", "Could you "], [""], 0.3, 0.0, 0.08)
        return c.add(TT, text, "benign_request", "ordinary", "composed_task", "auto", "composed")

    compose_into(c, rng, TT, 10 ** 6, make_aside)


def build_roleplay(c, rng):
    add_hand(c, RP, "en_hw_roleplay.txt", "benign_request", "ordinary")

    def make():
        p = rng.choice(F.PERSONAS)
        opener = rng.choice(F.PERSONA_OPENERS).format(p=p)
        task = rng.choice(F.PERSONA_TASKS)
        if opener.endswith(", "):
            task = task[:1].lower() + task[1:]
        text = opener + task + rng.choice(F.PERSONA_CLOSERS)
        if rng.random() < 0.25:
            text = text.lower()
        return c.add(RP, text, "benign_request", "ordinary", "persona_task", "auto", "composed")

    compose_into(c, rng, RP, 10 ** 6, make)


def build_jailbreak(c, rng):
    add_hand(c, JB, "en_hw_jailbreak.txt", "attack", "jailbreak")

    def make():
        w, g = rng.choice(F.JB_WRAPPERS), rng.choice(F.JB_GOALS)
        text = w.format(g=g)
        if rng.random() < 0.2:
            text = text.lower()
        return c.add(JB, text, "attack", "jailbreak", "composed_wrapper", "auto", "composed")

    compose_into(c, rng, JB, 10 ** 6, make)


def build_injection(c, rng):
    add_hand(c, INJ, "en_hw_injection.txt", "attack", "prompt_injection")

    def make():
        t, tgt = rng.choice(F.INJ_TEMPLATES), rng.choice(F.INJ_TARGETS)
        text = t.format(t=tgt)
        if rng.random() < 0.35:
            task = rng.choice(F.TRIGGER_TASKS)
            text = task[:1].upper() + task[1:] + ". " + text
        if rng.random() < 0.15:
            text = text.upper()
        return c.add(INJ, text, "attack", "prompt_injection", "composed_override", "auto", "composed")

    compose_into(c, rng, INJ, 10 ** 6, make)


ANS = {"refusal": "bulwark_v2_en_answers_refusal", "careful": "bulwark_v2_en_answers_careful",
       "benign": "bulwark_v2_en_answers_benign", "harmful": "bulwark_v2_en_answers_harmful"}


def read_answers():
    src, cat, style = "refusal", "general", "auto"
    import os
    from en_compose import HERE
    for raw in open(os.path.join(HERE, "en_hw_answers.txt"), encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@src "):
            src = line[5:].strip(); continue
        if line.startswith("@cat "):
            cat = line[5:].strip(); continue
        if line.startswith("@style "):
            style = line[7:].strip(); continue
        prompt, response = line.split(" || ", 1)
        yield src, cat, style, prompt.strip().replace("\\n", "\n"), response.strip().replace("\\n", "\n")


def build_answers(c, rng):
    for src, cat, style, prompt, response in read_answers():
        c.add_answer(ANS[src], prompt, response, "harmful" if src == "harmful" else "safe", cat, style, "hand")
    harm_prompts = [(r["meta"]["category"], r["text"]) for r in c.sources[HP] if r["meta"]["origin"] == "hand"]
    border = [(r["meta"]["category"], r["text"]) for r in c.sources[BL]]

    def refusal():
        cat, prompt = rng.choice(harm_prompts)
        tpl, style = rng.choice(F.REFUSALS)
        redirect = rng.choice(F.REDIRECTS.get(cat, F.REDIRECTS["default"]))
        text = tpl.format(r=redirect)
        return c.add_answer(ANS["refusal"], prompt, text, "safe", cat, style, "composed")

    def harmful():
        cat, harm, _ = rng.choice(F.HARM_SLOTS)
        if cat == "sexual_minors":
            return False
        prompt = dress(rng, rng.choice(F.ASK_FORMS).format(x=harm), F.ASK_OPENERS, F.ASK_CLOSERS, 0.3, 0.3)
        own = F.VAGUE_STEPS.get(cat, [])
        k = min(3, len(own))
        steps = rng.sample(own, k) + rng.sample(F.VAGUE_STEPS["generic"], 4 - k)
        rng.shuffle(steps)
        tpl, style = rng.choice(F.COMPLIANCE)
        caps = [st[:1].upper() + st[1:] for st in steps]
        text = tpl.format(x=harm, s1=steps[0], s2=steps[1], s3=steps[2], s4=steps[3],
                          S1=caps[0], S2=caps[1], S3=caps[2], S4=caps[3])
        return c.add_answer(ANS["harmful"], prompt, text, "harmful", cat, style, "composed")

    def careful():
        cat, forms, topics = rng.choice(F.BORDER_SLOTS)
        if cat not in F.CAREFUL:
            return False
        x = rng.choice(topics)
        prompt = dress(rng, rng.choice(forms).format(x=x), F.ASK_OPENERS[:6], F.ASK_CLOSERS, 0.2, 0.3)
        text = rng.choice(F.CAREFUL[cat]).format(x=x, X=x[:1].upper() + x[1:])
        return c.add_answer(ANS["careful"], prompt, text, "safe", cat, "careful_answer", "composed")

    def benign():
        p = rng.choice(F.PERSONAS)
        task_i = rng.randrange(len(F.PERSONA_TASKS))
        prompt = rng.choice(F.PERSONA_OPENERS).format(p=p) + F.PERSONA_TASKS[task_i]
        resp = F.PERSONA_ANSWERS.get(task_i)
        if not resp:
            return False
        return c.add_answer(ANS["benign"], prompt, rng.choice(resp), "safe", "roleplay", "in_character", "composed")

    for fn, src in ((refusal, "refusal"), (harmful, "harmful"), (careful, "careful"), (benign, "benign")):
        compose_into(c, rng, ANS[src], 10 ** 6, fn)
