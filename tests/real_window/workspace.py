"""Reads the workspace file as depdig writes it (RON: one field per line, two spaces per level) into
plain dicts: systems (name, notes, pinned, pos), dependency ids `from->to:type`, failure modes and steps."""

import re


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "u" and s[i + 2 : i + 3] == "{":
                end = s.index("}", i)
                out.append(chr(int(s[i + 3 : end], 16)))
                i = end + 1
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


STRING = r'"((?:[^"\\]|\\.)*)"'


def items(text, section):
    """The items of a top-level list `section: [ (…), (…) ]`, each as its text."""
    m = re.search(r"^  " + section + r": \[\n(.*?)^  \],?$", text, re.S | re.M)
    if not m:
        return []
    return re.findall(r"^    \(\n(.*?)^    \),?$", m.group(1), re.S | re.M)


def field(item, name, indent=6):
    m = re.search(r"^" + " " * indent + name + r": " + STRING + ",?$", item, re.M)
    return unescape(m.group(1)) if m else ""


def read_workspace(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    systems = {}
    for it in items(text, "systems"):
        pos = re.search(r"^      pos: Some\(\(\n\s+x: ([-0-9.e]+),\n\s+y: ([-0-9.e]+),", it, re.M)
        sid = field(it, "id")
        systems[sid] = {
            "name": field(it, "name"),
            "notes": field(it, "notes"),
            "pinned": re.search(r"^      pinned: true,?$", it, re.M) is not None,
            "pos": (float(pos.group(1)), float(pos.group(2))) if pos else None,
        }
    deps = sorted(
        f"{field(it, 'from')}->{field(it, 'to')}:{re.search(r'^      type: ' + STRING, it, re.M).group(1)}"
        for it in items(text, "dependencies")
    )
    failures = {}
    for it in items(text, "failure_modes"):
        steps = [
            (unescape(a), unescape(b))
            for a, b in re.findall(r"^\s+actor: " + STRING + r",\n\s+action: " + STRING, it, re.M)
        ]
        failures[field(it, "id")] = {"title": field(it, "title"), "steps": steps}
    return {"systems": systems, "deps": deps, "failures": failures}
