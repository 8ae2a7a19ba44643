"""config_calls.py: the config getter rule of `make check-layout` (issue 22).

The key table (gateway/base/config_keys.c) is the one place a default, range or type
of a talka.ini key is written. Outside gateway/base/config*.c this refuses:
  - a literal fallback: a call to the old getters config_get(), config_get_int(),
    config_get_bool(), or a typed getter given a default argument (config_str/int/
    bool/given with more than 3 arguments, config_path with more than 5);
  - a getter whose key (a string literal) the table does not have in that section
    (a section held in a variable may be any section with the key), or that reads it
    as another type (config_int of a word, config_path of a number, ...);
  - a NULL test of config_str(), which never returns NULL ("" when unset): such a
    test is always false and hides the unset case.
The typed getters assert the same at run time; this finds it before anything runs.
"""
import os
import re

TABLE = "gateway/base/config_keys.c"
OLD = ("config_get", "config_get_int", "config_get_bool")
TYPED = {"config_str": 3, "config_int": 3, "config_bool": 3, "config_given": 3,
         "config_path": 5, "config_table_int": 2}
WANTS = {"config_int": "CONFIG_INT", "config_bool": "CONFIG_BOOL", "config_path": "CONFIG_PATH",
         "config_table_int": "CONFIG_INT"}
CALL = re.compile(r"\b(" + "|".join(OLD + tuple(TYPED)) + r")\s*\(")
ENTRY = re.compile(r'\b(?:(INT|BOOL|WORD)\(|OF\((CONFIG_\w+),\s*)"([^"]+)",\s*"([^"]+)"')


def table(root):
    """{(section pattern, key): type} from the key table."""
    text = open(os.path.join(root, TABLE), encoding="utf-8").read()
    out = {}
    for m in ENTRY.finditer(text):
        kind = "CONFIG_" + m.group(1) if m.group(1) else m.group(2)
        out[(m.group(3).lower(), m.group(4).lower())] = kind
    return out


def section_matches(pattern, section):
    if pattern.endswith("*"):
        base = pattern[:-1]
        rest = section[len(base):]
        return section.startswith(base) and rest.isdigit() or (base == "gammu" and section == base)
    return pattern == section


def arguments(text, i):
    """The top-level arguments of the call whose '(' is at i, and the index after ')'."""
    args, cur, depth, j = [], "", 0, i
    while j < len(text):
        c = text[j]
        if c == '"':
            k = j + 1
            while k < len(text) and text[k] != '"':
                k += 2 if text[k] == "\\" else 1
            cur += text[j:k + 1]
            j = k + 1
            continue
        if c in "([{":
            depth += 1
            if depth > 1:
                cur += c
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(cur.strip())
                return args, j + 1
            cur += c
        elif c == "," and depth == 1:
            args.append(cur.strip())
            cur = ""
        else:
            cur += c
        j += 1
    return args, j


def literal(arg):
    m = re.fullmatch(r'"([^"\\]*)"', arg)
    return m.group(1).lower() if m else None


def check_call(name, args, keys):
    """What is wrong with one call, or None."""
    if name in OLD:
        return f"{name}() takes a literal fallback; use config_{name[11:] or 'str'}() " \
               "(the key table holds the default)"
    if len(args) > TYPED[name]:
        return f"{name}() given a default argument ({args[-1] if name != 'config_path' else args[3]}); " \
               "the key table holds the default"
    if name == "config_table_int":
        args = [""] + args   # no config: (section, key) come first
    if len(args) < 3:
        return None
    section, key = literal(args[1]), literal(args[2])
    if key is None:
        return None  # a key in a variable: the run-time assert holds it
    found = [(s, t) for (s, k), t in keys.items() if k == key and
             (section is None or section_matches(s, section))]
    where = f"[{section}] {key}" if section else f"[...] {key}"
    if not found:
        return f"{name}() reads {where}, which is not in the key table ({TABLE})"
    want = WANTS.get(name)
    if want and all(t != want for _, t in found):
        return f"{name}() reads {where}, a {found[0][1]} in the key table"
    return None


def problems(root, files, strip_comments):
    """(problems as 'FILE:LINE: ...', literal fallbacks counted, getter calls checked)"""
    keys = table(root)
    out, fallbacks, calls = [], 0, 0
    for f in files:
        if not f.endswith(".c") or re.match(r"gateway/base/config\w*\.c$", f):
            continue
        text = strip_comments(open(os.path.join(root, f), encoding="utf-8", errors="replace").read())
        for m in re.finditer(r"(?:!\s*|\bNULL\s*[!=]=\s*)config_str\s*\(", text):
            out.append(f"{f}:{text.count(chr(10), 0, m.start()) + 1}: a NULL test of config_str(), "
                       "which returns \"\" when unset: test *config_str() or config_given()")
        for m in CALL.finditer(text):
            args, _ = arguments(text, m.end() - 1)
            calls += 1
            why = check_call(m.group(1), args, keys)
            if why:
                fallbacks += "default" in why or "fallback" in why
                out.append(f"{f}:{text.count(chr(10), 0, m.start()) + 1}: {why}")
    return out, fallbacks, calls
