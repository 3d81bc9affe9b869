#!/usr/bin/env python3
"""Fails when the crate's files import each other in a circle, or a stage
imports from a stage above it (LAYERS).

Every `.rs` file under a crate's `src/` is a node. An edge runs from a file
to the file of each module it names in a path: `use` trees (grouped, nested,
`self` inside braces) and paths in code, starting with `crate::`, `super::`,
`self::`, or a bare name of a child module the current module declares
(`mod child;` then `child::f()`). `mod` declarations themselves are not
edges: a parent owning a child is not an import. Inline modules (`mod tests
{ .. }`) belong to their file, but `super::` inside them counts from the
inline module, as rustc does.

Usage: imports.py [SRC_DIR] (default: src/ beside this script's parent)
       imports.py --self-test
Exit 1 and the circles printed when there are any; 0 otherwise.
"""

import os
import re
import sys

TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|::|[{}();,*]|\S")


def strip(text):
    """The source without comments, string, byte-string and char literals."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        out.append("\n")
                    i += 1
        elif re.match(r"b?r#*\"", text[i:i + 260]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r"b?r(#*)\"", text[i:])
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            out.append(' "" ' + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"))):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(' "" ' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{..}', '"') or a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            if m:
                out.append(" ' ")
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_test_items(tokens):
    """The tokens without `#[cfg(test)]` items, and the test-only `mod x;` names."""
    out, test_mods, k = [], set(), 0
    attr = ["#", "[", "cfg", "(", "test", ")", "]"]
    while k < len(tokens):
        if tokens[k:k + 7] != attr:
            out.append(tokens[k])
            k += 1
            continue
        k += 7
        while tokens[k] == "#":  # further attributes of the same item
            depth = 0
            while True:
                depth += tokens[k] == "["
                depth -= tokens[k] == "]"
                k += 1
                if tokens[k - 1] == "]" and depth == 0:
                    break
        start = k
        while tokens[k] not in (";", "{"):
            k += 1
        if tokens[k] == ";":
            if "mod" in tokens[start:k]:
                test_mods.add(tokens[k - 1])
            k += 1
            continue
        depth = 0
        while True:
            depth += tokens[k] == "{"
            depth -= tokens[k] == "}"
            k += 1
            if depth == 0:
                break
    return out, test_mods


def modules(src):
    """Maps module paths (tuples) to files, and files to their module path."""
    by_path = {}
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            parts = rel[:-3].split(os.sep)
            if parts == ["lib"] or parts == ["main"]:
                mod = ()
                if parts == ["main"]:
                    continue  # the binary is another crate: it imports `concur::`
            elif parts[-1] == "mod":
                mod = tuple(parts[:-1])
            else:
                mod = tuple(parts)
            by_path[mod] = rel
    return by_path


def use_paths(tokens, i):
    """The paths of the `use` tree starting at tokens[i]; returns (paths, end)."""
    paths = []

    def tree(i, prefix):
        path = list(prefix)
        while i < len(tokens):
            t = tokens[i]
            if t == "{":
                i += 1
                while tokens[i] != "}":
                    i = tree(i, path)
                    if tokens[i] == ",":
                        i += 1
                return i + 1
            if t == "*":
                paths.append(path)
                return i + 1
            if t in (",", "}", ";"):
                paths.append(path)
                return i
            if t == "as":
                i += 2
                continue
            if t == "::":
                i += 1
                continue
            if t == "self" and path:
                i += 1
                continue
            path.append(t)
            i += 1
        return i

    while tokens[i] not in (";",):
        i = tree(i, [])
        if tokens[i] == ",":
            i += 1
    return paths, i


def resolve(path, current, by_path, children):
    """The module a path names (the longest module prefix), or None."""
    if not path:
        return None
    head = path[0]
    if head == "crate":
        base, rest = [], path[1:]
    elif head in ("super", "self"):
        base = list(current)
        rest = path
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super":
                if not base:
                    return None
                base.pop()
            rest = rest[1:]
    elif head in children.get(tuple(current), ()):
        base, rest = list(current), path
    else:
        return None
    target = tuple(base)
    for seg in rest:
        if not re.match(r"[a-z_][a-z0-9_]*$", seg):
            break
        if target + (seg,) in children.get("*", set()):
            target = target + (seg,)
        else:
            break
    return target


def file_edges(src):
    """Edges file -> set of files."""
    by_path = modules(src)
    all_mods = set()
    children = {}
    inline = {}
    texts = {}
    test_only = set()
    for mod, rel in by_path.items():
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            texts[rel], tests = drop_test_items(TOKEN.findall(strip(f.read())))
        test_only.update(mod + (name,) for name in tests)
    # Declared child modules (file and inline), so bare paths can resolve.
    for mod, rel in by_path.items():
        stack = [(list(mod), None)]
        toks = texts[rel]
        depth = 0
        for k, t in enumerate(toks):
            if t == "mod" and k + 2 < len(toks) and re.match(r"\w+$", toks[k + 1]):
                cur = tuple(stack[-1][0])
                child = cur + (toks[k + 1],)
                children.setdefault(cur, set()).add(toks[k + 1])
                all_mods.add(child)
                if toks[k + 2] == "{":
                    inline[child] = rel
    # Files of test-only modules (and their children) are not part of the graph.
    for mod in list(by_path):
        if any(mod[:n] in test_only for n in range(1, len(mod) + 1)):
            del texts[by_path[mod]]
            del by_path[mod]
    children["*"] = all_mods | set(by_path)
    file_of = dict(by_path)
    for m, rel in inline.items():
        file_of[m] = rel
    edges = {rel: set() for rel in by_path.values()}
    for mod, rel in by_path.items():
        toks = texts[rel]
        stack = [(list(mod), 0)]  # (module path, brace depth at which it closes)
        depth = 0
        k = 0
        while k < len(toks):
            t = toks[k]
            cur = stack[-1][0]
            if t == "mod" and k + 2 < len(toks) and toks[k + 2] == "{":
                stack.append((cur + [toks[k + 1]], depth))
                depth += 1
                k += 3
                continue
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
                if len(stack) > 1 and depth == stack[-1][1]:
                    stack.pop()
            elif t == "use" and (k == 0 or toks[k - 1] != "::"):
                paths, end = use_paths(toks, k + 1)
                for p in paths:
                    add_edge(edges, rel, resolve(p, cur, by_path, children), file_of)
                k = end
                continue
            elif (t in ("crate", "super", "self") or t in children.get(tuple(cur), ())) and (
                k + 1 < len(toks) and toks[k + 1] == "::" and (k == 0 or toks[k - 1] != "::")
            ):
                path = [t]
                j = k + 1
                while j + 1 < len(toks) and toks[j] == "::" and re.match(r"\w+$", toks[j + 1]):
                    path.append(toks[j + 1])
                    j += 2
                add_edge(edges, rel, resolve(path, cur, by_path, children), file_of)
                k = j
                continue
            k += 1
    return edges


def add_edge(edges, rel, target, file_of):
    if target is None:
        return
    other = file_of.get(target)
    if other and other != rel:
        edges[rel].add(other)


def circles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
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
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


# The stages from the bottom up: a file may import from its own stage and
# the ones below it. `cli.rs` holds the command line's definitions (clap)
# and `generate` writes synthetic seasons into a sink; neither imports a
# stage. `config` validates the command line into the plan; `lib.rs` runs
# the stages. Files of other names (test support) are not layered.
LAYERS = [
    ["model", "memory", "progress"],
    ["cli", "generate"],
    ["config"],
    ["ingest"],
    ["classify"],
    ["pseudonym"],
    ["rules"],
    ["aggregate"],
    ["load"],
    ["render"],
    ["report"],
    ["lib"],
]


def stage(rel):
    """The stage of a file: its first path component (`lib` for lib.rs)."""
    first = rel.split(os.sep)[0]
    return first[:-3] if first.endswith(".rs") else first


def upward(edges):
    """Imports of a stage above the importing one: (file, imported file)."""
    rank = {name: k for k, names in enumerate(LAYERS) for name in names}
    out = []
    for f, targets in sorted(edges.items()):
        for t in sorted(targets):
            a, b = stage(f), stage(t)
            if a in rank and b in rank and rank[b] > rank[a]:
                out.append((f, t))
    return out


def report(src):
    edges = file_edges(src)
    found = circles(edges)
    for comp in found:
        print(f"import circle of {len(comp)} files:")
        members = set(comp)
        for f in comp:
            inside = sorted(edges[f] & members)
            print(f"  {f} -> {', '.join(inside)}")
    for f, t in upward(edges):
        print(f"upward import: {f} ({stage(f)}) imports {t} ({stage(t)}); see LAYERS")
    return found + upward(edges)


def self_test():
    import tempfile

    def tree(files):
        d = tempfile.mkdtemp()
        for name, body in files.items():
            path = os.path.join(d, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(body)
        return d

    cases = [
        ("crate:: circle", {"lib.rs": "mod a; mod b;", "a.rs": "use crate::b::X;", "b.rs": "pub fn f() { crate::a::g() }"}, 1),
        ("super:: circle", {"lib.rs": "mod a;", "a/mod.rs": "mod c; use self::c::Y; pub struct X;", "a/c.rs": "use super::X; pub struct Y;"}, 1),
        ("bare child circle", {"lib.rs": "mod a;", "a/mod.rs": "mod c; fn f() { c::g() } pub struct X;", "a/c.rs": "pub fn g() -> super::X { todo!() }"}, 1),
        ("grouped use circle", {"lib.rs": "mod a; mod b;", "a.rs": "use crate::{b::{self, Z}, x};", "b.rs": "use crate::a;"}, 1),
        ("one way", {"lib.rs": "mod a; mod b;", "a.rs": "use crate::b::X;", "b.rs": "// use crate::a;\nconst S: &str = \"crate::a::f\";"}, 0),
        ("test-only file", {"lib.rs": "mod a; #[cfg(test)] mod support;", "a.rs": "pub fn f() {} #[cfg(test)] mod tests { use crate::support::x; }", "support.rs": "use crate::a::f;"}, 0),
        ("upward import between stages", {"lib.rs": "mod config; mod report;", "config.rs": "use crate::report::Paper;", "report.rs": "pub struct Paper;"}, 1),
        ("downward import between stages", {"lib.rs": "mod config; mod report;", "report.rs": "use crate::config::Plan;", "config.rs": "pub struct Plan;"}, 0),
        ("test-only file", {"lib.rs": "mod a; mod b;", "a.rs": "use crate::b::X; pub fn f() {}", "b.rs": "pub struct X; #[cfg(test)] mod tests { use super::X; }"}, 0),
    ]
    failed = 0
    for name, files, want in cases:
        edges = file_edges(tree(files))
        got = len(circles(edges)) + len(upward(edges))
        status = "ok" if got == want else "FAILED"
        failed += got != want
        print(f"{status}: {name}: {got} circle(s), expected {want}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return failed == 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    found = report(src)
    if found:
        print(f"{len(found)} import circle(s) or upward import(s) in {src}")
        sys.exit(1)
    print(f"no import circle and no upward import in {src}")


if __name__ == "__main__":
    main()
