#!/usr/bin/env python3
"""Validate the held-out gold labels (stdlib only).

    python tests/heldout/check_gold.py            # every story under tests/heldout/
    python tests/heldout/check_gold.py ev_deliveries phone_launch
    python tests/heldout/check_gold.py --no-closure   # skip the transitivity checks
    python tests/heldout/check_gold.py --root tests/stories   # another folder of stories

For every line of every ``<story>/gold.jsonl`` it checks that:

* the line is a JSON object with ``a``, ``b`` (each ``{"file", "find", "nth"}``), ``verdict``
  and optionally ``note``;
* both files exist in the story folder and the two files differ;
* ``find`` is a non-empty string that occurs at least ``nth + 1`` times in the decoded text
  (files are decoded with the encoding given in ``manifest.json``, UTF-8 otherwise; a BOM is
  dropped, as the tool's ingest does);
* ``verdict`` is one of agree / contradict / unclear;
* no unordered pair of claims is listed twice.

Closure checks (on by default; the sets are written so that they hold): claims joined by
"agree" lines form groups; every two claims of one group in different files must be listed as
"agree", no "contradict" line may join two claims of one group, and when group X contradicts
group Y every cross-file pair between them must be listed as "contradict". An "unclear" line
may not join two claims that are already agree/contradict-linked. This is what makes the
labels exhaustive for agree and contradict.

Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = {"agree", "contradict", "unclear"}


def load_manifest(root: Path = HERE) -> dict:
    path = root / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def decode(path: Path, encoding: str | None) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if encoding:
        return data.decode(encoding)
    return data.decode("utf-8")


def count(text: str, find: str) -> int:
    """Occurrences of ``find`` in ``text``, overlapping ones included."""
    n, i = 0, text.find(find)
    while i != -1:
        n += 1
        i = text.find(find, i + 1)
    return n


def check_story(story_dir: Path, manifest: dict, closure: bool) -> tuple[list[str], dict]:
    errors: list[str] = []
    enc_map = {f: v.get("encoding") for f, v in manifest.get(story_dir.name, {}).items()}
    texts: dict[str, str] = {}
    gold_path = story_dir / "gold.jsonl"
    if not gold_path.exists():
        return [f"{story_dir.name}: gold.jsonl missing"], {}

    def text_of(fname: str) -> str | None:
        if fname not in texts:
            p = story_dir / fname
            if not p.is_file():
                return None
            try:
                texts[fname] = decode(p, enc_map.get(fname))
            except (UnicodeDecodeError, LookupError) as e:
                errors.append(f"{story_dir.name}/{fname}: cannot decode ({e})")
                texts[fname] = ""
        return texts[fname]

    seen: dict[frozenset, int] = {}
    edges: list[tuple[tuple, tuple, str, int]] = []
    counts = {v: 0 for v in VERDICTS}
    for lineno, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{story_dir.name}/gold.jsonl:{lineno}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: not JSON ({e})")
            continue
        if not isinstance(rec, dict) or not {"a", "b", "verdict"} <= rec.keys():
            errors.append(f"{where}: needs keys a, b, verdict")
            continue
        extra = set(rec) - {"a", "b", "verdict", "note"}
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        verdict = rec["verdict"]
        if verdict not in VERDICTS:
            errors.append(f"{where}: verdict {verdict!r} not in {sorted(VERDICTS)}")
            continue
        ends = []
        ok = True
        for side in ("a", "b"):
            ref = rec[side]
            if not isinstance(ref, dict) or not {"file", "find", "nth"} <= ref.keys():
                errors.append(f"{where}: {side} needs file, find, nth")
                ok = False
                continue
            fname, find, nth = ref["file"], ref["find"], ref["nth"]
            if not isinstance(find, str) or not find:
                errors.append(f"{where}: {side}.find must be a non-empty string")
                ok = False
                continue
            if not isinstance(nth, int) or isinstance(nth, bool) or nth < 0:
                errors.append(f"{where}: {side}.nth must be an int >= 0")
                ok = False
                continue
            text = text_of(fname)
            if text is None:
                errors.append(f"{where}: {side}.file {fname!r} does not exist")
                ok = False
                continue
            n = count(text, find)
            if n < nth + 1:
                errors.append(f"{where}: {side}.find {find!r} occurs {n}x in {fname}, nth={nth}")
                ok = False
            ends.append((fname, find, nth))
        if not ok:
            continue
        if ends[0][0] == ends[1][0]:
            errors.append(f"{where}: both claims are in {ends[0][0]}; pairs must cross sources")
        key = frozenset(ends)
        if len(key) == 1 or key in seen:
            errors.append(f"{where}: duplicate pair (first on line {seen.get(key, lineno)})")
            continue
        seen[key] = lineno
        counts[verdict] += 1
        edges.append((ends[0], ends[1], verdict, lineno))

    if closure:
        errors += closure_errors(story_dir.name, edges)
    return errors, counts


def closure_errors(story: str, edges: list) -> list[str]:
    errors: list[str] = []
    parent: dict[tuple, tuple] = {}

    def find(x: tuple) -> tuple:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    verdict_of = {frozenset((a, b)): v for a, b, v, _ in edges}
    for a, b, v, _ in edges:
        find(a), find(b)
        if v == "agree":
            parent[find(a)] = find(b)
    groups: dict[tuple, list[tuple]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)

    def show(x: tuple) -> str:
        return f"{x[0]}:{x[1]!r}#{x[2]}"

    # every cross-file pair inside an agree group must be listed as agree
    for members in groups.values():
        for x, y in combinations(sorted(members), 2):
            if x[0] == y[0]:
                continue
            v = verdict_of.get(frozenset((x, y)))
            if v != "agree":
                errors.append(
                    f"{story}: {show(x)} and {show(y)} are in one agree group but listed as {v}"
                )
    # contradict between groups must be complete
    linked = set()
    for a, b, v, lineno in edges:
        if v != "contradict":
            continue
        ga, gb = find(a), find(b)
        if ga == gb:
            continue  # already reported above
        if frozenset((ga, gb)) in linked:
            continue
        linked.add(frozenset((ga, gb)))
        for x in groups[ga]:
            for y in groups[gb]:
                if x[0] != y[0] and verdict_of.get(frozenset((x, y))) != "contradict":
                    errors.append(
                        f"{story}: groups contradict (line {lineno}) but {show(x)} vs {show(y)} "
                        f"is listed as {verdict_of.get(frozenset((x, y)))}"
                    )
    # unclear must not sit on top of an agree/contradict link
    for a, b, v, lineno in edges:
        if v == "unclear" and (find(a) == find(b) or frozenset((find(a), find(b))) in linked):
            errors.append(f"{story}: line {lineno} is unclear but the groups are already linked")
    return errors


def main(argv: list[str]) -> int:
    closure = "--no-closure" not in argv
    root = HERE
    if "--root" in argv:  # another folder of stories, e.g. tests/stories
        at = argv.index("--root")
        root = Path(argv[at + 1]).resolve()
        argv = argv[:at] + argv[at + 2 :]
    names = [a for a in argv if not a.startswith("--")]
    manifest = load_manifest(root)
    stories = (
        [root / n for n in names]
        if names
        else sorted(p for p in root.iterdir() if p.is_dir() and (p / "gold.jsonl").exists())
    )
    if not stories:
        print("no stories found", file=sys.stderr)
        return 1
    all_errors: list[str] = []
    total = {v: 0 for v in VERDICTS}
    for story_dir in stories:
        errors, counts = check_story(story_dir, manifest, closure)
        all_errors += errors
        for v, n in counts.items():
            total[v] += n
        status = "FAIL" if errors else "ok"
        print(
            f"{story_dir.name:20s} agree={counts.get('agree', 0):3d} "
            f"contradict={counts.get('contradict', 0):3d} "
            f"unclear={counts.get('unclear', 0):3d}  {status}"
        )
    print(
        f"{'total':20s} agree={total['agree']:3d} contradict={total['contradict']:3d} "
        f"unclear={total['unclear']:3d}"
    )
    for e in all_errors:
        print("ERROR", e, file=sys.stderr)
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
