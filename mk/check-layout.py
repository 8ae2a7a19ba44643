#!/usr/bin/env python3
"""check-layout.py: keeps talka's layering honest (`make check-layout`).

Fails, printing each offending edge, on:
  - an #include or a symbol reference (nm on the release objects) that points up or
    sideways: cli -> web -> features -> core -> db, parsers -> base, where the
    feature folders (modem, broadcast, registry, ussd, kannel, staff, links, metrics) never use each other
    and db/ and parsers/ use nothing of each other's;
  - a cycle between files (a file and its own header count as one);
  - a function or variable declared in a header but defined in another .c file;
  - a weak symbol;
  - a .c file over 600 lines;
  - an MHD_start_daemon call outside gateway/core/http_endpoint.c (talka serves
    HTTP through that one module), or not exactly one call inside it.
  - outside db/ (in gateway/ and parsers/): a string literal that starts with an SQL
    statement keyword (SELECT, INSERT, UPDATE, DELETE, CREATE, WITH, REPLACE,
    PRAGMA) or any sqlite3_ identifier, comments aside: SQL lives in db/, whose
    named functions the rest call.
  - a config getter given a literal fallback, or reading a key the key table does not
    have (mk/config_calls.py).
  - a function over 80 lines (from its name to its closing brace), printed as
    FILE:LINE name length;
  - fprintf(stderr, ...) in gateway/core (the core logs, it never prints);
  - db_int_or (a read whose error becomes a default) outside gateway/web and
    gateway/cli, the display code that may show a dash for a figure.
It prints one line of counts (the figures issue 22 asks to be 0, or 1 for the
HTTP server), whatever else it finds.
usage: check-layout.py [OBJDIR]   (default build/obj; objects are read when present)
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import config_calls  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_LINES = 600
HTTP_ENDPOINT = "gateway/core/http_endpoint.c"   # the one place that starts libmicrohttpd
MAX_FUNCTION_LINES = 80
NO_PRINTING = ("gateway/core",)  # folders that log (log.h) and never print
DISPLAY = ("gateway/web", "gateway/cli")  # the only folders that may show a failed figure as a dash

# layer of each folder; the same layer may only be used inside the same folder
LAYERS = {
    "gateway/base": 0,
    "db": 1, "parsers": 1,
    "gateway/core": 2,
    "gateway/modem": 3, "gateway/broadcast": 3, "gateway/registry": 3,
    "gateway/ussd": 3, "gateway/kannel": 3, "gateway/staff": 3,
    # the link runner drives every transport kind through core's transport
    # interface (kinds register themselves), so it is a feature like the rest
    "gateway/links": 3,
    # the Prometheus listener and the figures `talka status --json` shares with it
    "gateway/metrics": 3,
    "gateway/web": 4,
    "gateway/cli": 5,
}
GENERATED = {"build/gen/migrations.c": "db", "build/gen/web_assets.c": "gateway/web"}


def folder_of(path):
    if path in GENERATED:
        return GENERATED[path]
    return os.path.dirname(path)


def allowed(src, dst):
    fs, fd = folder_of(src), folder_of(dst)
    if fs == fd:
        return True
    if fs not in LAYERS or fd not in LAYERS:
        return False
    return LAYERS[fd] < LAYERS[fs]


def sources():
    out = []
    for top in ("gateway", "db", "parsers"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for f in files:
                if f.endswith((".c", ".h")):
                    out.append(os.path.relpath(os.path.join(dirpath, f), ROOT))
    return sorted(out)


SQL_START = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|REPLACE|PRAGMA)\b")
SQLITE_IDENT = re.compile(r"\bsqlite3_\w*")
LITERAL = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def code_and_strings(text):
    """C text with comments and literals blanked (newlines kept, so line numbers
    hold), and the string literals with the line each starts on. One pass, so a
    "//" inside a string or a quote inside a comment is read as C reads it."""
    code, strings, at = [], [], 0
    for m in LITERAL.finditer(text):
        code.append(text[at:m.start()])
        tok = m.group(0)
        if tok.startswith('"'):
            strings.append((text.count("\n", 0, m.start()) + 1, tok[1:-1]))
        code.append("\n" * tok.count("\n") if tok.startswith("/") else " ")
        at = m.end()
    code.append(text[at:])
    return "".join(code), strings


def sql_outside_db(f, text):
    """Offences of the rule "SQL lives in db/" in file f: (lines, sql, sqlite)."""
    out, nsql, nsqlite = [], 0, 0
    code, strings = code_and_strings(text)
    for lineno, lit in strings:
        if SQL_START.match(lit):
            nsql += 1
            out.append(f"{f}:{lineno}: SQL string outside db/: \"{lit[:60]}\"")
    for lineno, line in enumerate(code.split("\n") if "sqlite3_" in code else (), 1):
        idents = sorted(set(SQLITE_IDENT.findall(line)))
        if idents:
            nsqlite += 1
            out.append(f"{f}:{lineno}: sqlite3_ outside db/: {', '.join(idents)}")
    return out, nsql, nsqlite


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def top_level(text):
    """The text outside any braces: struct fields and inline bodies are not
    declarations of the header's own."""
    out, depth = [], 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def http_servers(texts):
    """Every libmicrohttpd server is started by the endpoint module, exactly once."""
    out, inside = [], 0
    for f, text in texts.items():
        if "MHD_start_daemon" not in text:
            continue
        code = strip_comments(text)
        for lineno, line in enumerate(code.split("\n"), 1):
            if not re.search(r"\bMHD_start_daemon\s*\(", line):
                continue
            if f == HTTP_ENDPOINT:
                inside += 1
            else:
                out.append(f"{f}:{lineno}: calls MHD_start_daemon (only {HTTP_ENDPOINT} "
                           f"may: describe the endpoint in a struct http_endpoint_spec)")
    if HTTP_ENDPOINT in texts and inside != 1:
        out.append(f"{HTTP_ENDPOINT}: {inside} MHD_start_daemon calls (exactly one)")
    return out


# what blank_code() blanks, in the order C reads it: a preprocessor line (a "#" first
# on its line, after blanks only; a backslash-newline continues it), a comment, a
# string or a character literal (either may run to the end of an unfinished file)
BLANKED = re.compile(r"""(?m)^[ \t]*\#(?:\\\n|[^\n])*|/\*.*?(?:\*/|\Z)|//[^\n]*"""
                     r"""|"(?:\\.|[^"\\])*(?:"|\Z)|'(?:\\.|[^'\\])*(?:'|\Z)""", re.S)
NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(m):
    tok = m.group(0)
    if tok[0] in "\"'":                        # a literal keeps its quotes
        inner = tok[1:-1] if len(tok) > 1 and tok[-1] == tok[0] else tok[1:]
        return tok[0] + NOT_NEWLINE.sub(" ", inner) + tok[0]
    lead = len(tok) - len(tok.lstrip(" \t"))   # blanks before a "#" stay as they are
    return tok[:lead] + NOT_NEWLINE.sub(" ", tok[lead:])


def blank_code(text):
    """The text with comments, string and character literals and preprocessor
    lines blanked (newlines kept), so braces and parentheses are code's own."""
    return BLANKED.sub(_blank, text)


BRACE = re.compile(r"[{}]")


def name_before(t):
    """What re.search(r"([A-Za-z_]\\w*)\\s*$", t) finds, as (start, name), read from
    the end of t (a search from its start tries every position: slow on long files)."""
    q = len(t.rstrip())
    r = q
    while r > 0 and (t[r - 1].isalnum() or t[r - 1] == "_"):
        r -= 1
    for p in range(r, q):
        if t[p] == "_" or ("a" <= t[p] <= "z") or ("A" <= t[p] <= "Z"):
            return p, t[p:q]
    return None
DECLARED = re.compile(r"\b([A-Za-z_]\w*)\s*[(;\[]")


def functions(text, code=None):
    """(name, first line, length in lines) of every function defined in text,
    counted from the line of its name to the line of its closing brace (code:
    blank_code(text), when the caller has it)."""
    if code is None:
        code = blank_code(text)
    braces = [(m.start(), m.group(0)) for m in BRACE.finditer(code)]
    found, depth, b = [], 0, 0
    while b < len(braces):
        i, c = braces[b]
        if c == "{" and depth == 0:
            head = code[:i].rstrip()
            if head.endswith(")"):
                # back to the parenthesis that opens the parameter list
                k, level = len(head) - 1, 0
                while k >= 0:
                    level += {")": 1, "(": -1}.get(head[k], 0)
                    if level == 0:
                        break
                    k -= 1
                m = name_before(head[:k])
                if m:
                    # the closing brace: the first where the braces from here balance
                    end, level, e = len(code), 0, b
                    while e < len(braces):
                        level += 1 if braces[e][1] == "{" else -1
                        if level == 0:
                            end = braces[e][0]
                            break
                        e += 1
                    first = code.count("\n", 0, m[0]) + 1
                    last = code.count("\n", 0, end) + 1
                    found.append((m[1], first, last - first + 1))
                    b = e + 1
                    continue
        if c == "{":
            depth += 1
        else:
            depth = max(0, depth - 1)
        b += 1
    return found


def node(path):
    """A file and its own header are one node."""
    return os.path.splitext(path)[0]


def main():
    objdir = sys.argv[1] if len(sys.argv) > 1 else "build/obj"
    os.chdir(ROOT)
    files = sources()
    problems = []
    edges = {}  # node -> {node: reason}

    def add_edge(a, b, why):
        if node(a) != node(b):
            edges.setdefault(node(a), {}).setdefault(node(b), why)

    known_folders = set(LAYERS)
    texts = {}
    nsql = nsqlite = 0
    counts = {"long functions": 0, "fprintf(stderr in core": 0, "db_int_or outside web/cli": 0}
    for f in files:
        if folder_of(f) not in known_folders:
            problems.append(f"{f}: in no known layer folder (see LAYERS in mk/check-layout.py)")
        text = open(f, encoding="utf-8", errors="replace").read()
        texts[f] = text
        if f.endswith(".c") and text.count("\n") > MAX_LINES:
            problems.append(f"{f}: {text.count(chr(10))} lines (at most {MAX_LINES})")
        code = blank_code(text)
        if f.endswith(".c"):
            for name, line, length in functions(text, code):
                if length > MAX_FUNCTION_LINES:
                    counts["long functions"] += 1
                    problems.append(f"{f}:{line}: {name} {length} lines "
                                    f"(a function has at most {MAX_FUNCTION_LINES})")
        if folder_of(f) in NO_PRINTING and "fprintf" in code:
            for lineno, line in enumerate(code.split("\n"), 1):
                if re.search(r"\bfprintf\s*\(\s*stderr\b", line):
                    counts["fprintf(stderr in core"] += 1
                    problems.append(f"{f}:{lineno}: fprintf(stderr, ...) in {folder_of(f)} "
                                    f"(the core logs through gateway/base/log.h)")
        if folder_of(f) not in DISPLAY and "db_int_or" in code:
            for lineno, line in enumerate(code.split("\n"), 1):
                if re.search(r"\bdb_int_or\b", line):
                    counts["db_int_or outside web/cli"] += 1
                    problems.append(f"{f}:{lineno}: db_int_or outside {', '.join(DISPLAY)} "
                                    f"(a failed read is an error here: db_int, db_figure)")
        if "__attribute__((weak))" in text or "#pragma weak" in text:
            problems.append(f"{f}: declares a weak symbol")
        if not f.startswith("db/"):
            found, a, b = sql_outside_db(f, text)
            problems.extend(found)
            nsql, nsqlite = nsql + a, nsqlite + b
        for lineno, line in enumerate(text.split("\n"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            inc = m.group(1)
            if not os.path.exists(inc):
                continue  # generated or system-relative; nothing to judge
            if not allowed(f, inc):
                problems.append(f"{f}:{lineno}: includes {inc} "
                                f"({folder_of(f)} may not use {folder_of(inc)})")
            add_edge(f, inc, f"{f}:{lineno} includes {inc}")

    problems.extend(http_servers(texts))

    # symbols: who defines what, who uses what (release objects)
    defined = {}   # symbol -> source file
    undefined = {}  # source file -> set of symbols
    weak = []
    objs = []
    for f in files + list(GENERATED):
        if f.endswith(".c"):
            o = os.path.join(objdir, f[:-2] + ".o")
            if os.path.exists(o):
                objs.append((f, o))
    if objs:
        res = subprocess.run(["nm", "-A"] + [o for _, o in objs], capture_output=True, text=True)
        by_obj = {o: f for f, o in objs}
        for line in res.stdout.splitlines():
            m = re.match(r"(.+?\.o):\s*(?:[0-9a-f]+)?\s+([A-Za-z])\s+(\S+)$", line)
            if not m:
                continue
            src, kind, sym = by_obj.get(m.group(1)), m.group(2), m.group(3)
            if src is None:
                continue
            if kind in "wWvV":
                weak.append(f"{src}: weak symbol {sym}")
            elif kind == "U":
                undefined.setdefault(src, set()).add(sym)
            elif kind in "TDBRGSC":
                defined[sym] = src
    problems.extend(weak)
    for src, syms in undefined.items():
        for sym in sorted(syms):
            dst = defined.get(sym)
            if dst is None or dst == src:
                continue
            if not allowed(src, dst):
                problems.append(f"{src}: uses {sym} from {dst} "
                                f"({folder_of(src)} may not use {folder_of(dst)})")
            add_edge(src, dst, f"{src} uses {sym} from {dst}")

    # a header's functions and variables are defined in the .c file of the same name
    headers = {f: top_level(strip_comments(open(f, encoding="utf-8", errors="replace").read()))
               for f in files if f.endswith(".h")}
    # the identifiers each header declares: followed by "(", ";" or "["
    declared = {h: set(DECLARED.findall(text)) for h, text in headers.items()}
    for sym, src in sorted(defined.items()):
        if src in GENERATED:
            continue
        for h in headers:
            if sym in declared[h] and node(h) != node(src):
                problems.append(f"{h}: declares {sym}, which is defined in {src} "
                                f"(move the declaration to {node(src)}.h)")

    # cycles (Tarjan's strongly connected components)
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    for comp in sccs:
        members = set(comp)
        why = [edges[a][b] for a in comp for b in edges.get(a, {}) if b in members]
        problems.append("cycle between " + ", ".join(comp) + ":\n      " + "\n      ".join(why))

    config_problems, fallbacks, calls = config_calls.problems(ROOT, files, strip_comments)
    problems.extend(config_problems)
    print(f"check-layout: {fallbacks} literal config fallbacks; {calls} config getter calls "
          f"checked against the key table")

    for p in problems:
        print("check-layout: " + p)
    if nsql or nsqlite:
        print(f"check-layout: SQL strings outside db/: {nsql}; sqlite3_ lines outside db/: {nsqlite}")
    mhd = sum(len(re.findall(r"\bMHD_start_daemon\s*\(", strip_comments(t))) for t in texts.values())
    print(f"check-layout: counts: SQL strings outside db/ {nsql}, sqlite3_ lines outside db/ "
          f"{nsqlite}, literal config fallbacks {fallbacks}, "
          + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f", MHD_start_daemon calls {mhd}")
    if problems:
        print(f"check-layout: {len(problems)} problem(s)")
        return 1
    print(f"check-layout: ok ({len(files)} files, {sum(len(v) for v in edges.values())} edges"
          f"{'' if objs else ', no objects read: build first'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
