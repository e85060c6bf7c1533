#!/usr/bin/env python3
"""Checks (or, with --update, rewrites) the examples in README.md and docs/*.md against the
program, so that what the docs show is what povsim prints.

Two kinds of marked blocks:

  <!-- file: scenarios/X.yaml -->      the next ``` block must equal that file, byte for byte;
  <!-- example -->                     the next ``` block is a shell session: each line starting
                                       with "$ " is run (bash, in the source directory) and the
                                       lines up to the next "$ " are what it must print (stdout
                                       and stderr together).

In commands, `build/povsim` is the program given and `/tmp/` a fresh temporary directory shared by
all examples in order (so a later example may read what an earlier one wrote). Wall-clock times
("in 3.17 s") and progress lines are not compared.

    scripts/doc-examples.py [--update] [BINARY]     (default BINARY: build/povsim)

Exit code 0 when every example holds (or was rewritten), 1 otherwise.
"""

import difflib
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TIME = re.compile(r"\bin \d+(\.\d+)? s\b")
PROGRESS = re.compile(r"^povsim .*: +\d+\.\d%  .*/s  elapsed \d+s  eta \d+s\s*$")


def normalise(text):
    return [TIME.sub("in <t> s", line) for line in text.splitlines()]


def blocks(lines):
    """(marker, kind, argument, start, end): the ``` block after each marker, lines start..end-1
    being its content."""
    for i, line in enumerate(lines):
        m = re.fullmatch(r"<!-- (file|example)(?:: (\S+))? -->", line.strip())
        if not m:
            continue
        j = i + 1
        if j >= len(lines) or not lines[j].startswith("```"):
            raise SystemExit(f"marker without a ``` block after it: {line.strip()}")
        k = j + 1
        while k < len(lines) and lines[k].rstrip() != "```":
            k += 1
        yield m.group(1), m.group(2), j + 1, k


def run_session(content, binary, tmp):
    """Runs each "$ " line and returns the session as the program prints it."""
    out = []
    for i, line in enumerate(content):
        if not line.startswith("$ "):
            continue
        if out and i > 0 and content[i - 1] == "":
            out.append("")  # the doc's blank line between two commands
        # /tmp/ first: the binary may itself live under /tmp/ (a clone there), and must not be
        # moved into the temporary directory.
        command = line[2:].replace("/tmp/", tmp + "/").replace("build/povsim", binary)
        # one pipe for both, so that errors and output keep the order a terminal shows
        r = subprocess.run(["bash", "-c", command], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           env={**os.environ, "LC_ALL": "C.UTF-8"})
        printed = r.stdout.replace(tmp + "/", "/tmp/")
        out.append(line)
        out.extend(l for l in printed.splitlines() if not PROGRESS.match(l))
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv[1:]
    binary = os.path.abspath(args[0] if args else ROOT / "build" / "povsim")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="povsim-doc-") as tmp:
        for doc in DOCS:
            lines = doc.read_text(encoding="utf-8").split("\n")
            changed = False
            for kind, argument, start, end in reversed(list(blocks(lines))):
                content = lines[start:end]
                if kind == "file":
                    want = (ROOT / argument).read_text(encoding="utf-8").rstrip("\n").split("\n")
                else:
                    want = None
                # examples run in document order: collect now, run below
                if kind == "file" and content != want:
                    failures += 1
                    print(f"{doc.relative_to(ROOT)}:{start}: differs from {argument}")
                    print("\n".join(difflib.unified_diff(content, want, "doc", argument,
                                                         lineterm="")))
                    if update:
                        lines[start:end] = want
                        changed = True
            replacements = []  # run in document order, rewritten from the end
            for kind, argument, start, end in list(blocks(lines)):
                if kind != "example":
                    continue
                content = lines[start:end]
                got = run_session(content, binary, tmp)
                if normalise("\n".join(got)) != normalise("\n".join(content)):
                    failures += 1
                    print(f"{doc.relative_to(ROOT)}:{start}: the program prints otherwise")
                    print("\n".join(difflib.unified_diff(content, got, "doc", "program",
                                                         lineterm="")))
                    # keep the doc's wall-clock times: they are not what is checked
                    kept = [d if normalise(d) == normalise(g) else g
                            for d, g in zip(content, got)] + got[len(content):]
                    replacements.append((start, end, kept[:len(got)]))
            if update:
                for start, end, new in reversed(replacements):
                    lines[start:end] = new
                    changed = True
            if changed:
                doc.write_text("\n".join(lines), encoding="utf-8")
    if failures and not update:
        print(f"{failures} doc example(s) differ: run scripts/doc-examples.py --update BINARY")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
