#!/usr/bin/env python3
"""Fails when a Markdown document leaves a code fence open.

An unclosed fence turns the rest of the document into code when it is rendered, so a lost fence line silently
hides whole sections. Checked in README.md and docs/*.md, with CommonMark's fence rules: a fence is three or more
backticks or tildes (an info string such as ```bash may follow the opening one); it is closed only by a line of the
same character, at least as long, with nothing after it, so ```` may hold ``` lines and ~~~ may hold ``` lines.

Two problems are reported:
  - a fence still open at the end of the document;
  - inside a fence, a line that would close it but carries an info string (```json inside a ``` block): the
    opening fence of a block that a missing line has put inside the previous one.

Run from anywhere: python3 scripts/check_fences.py [files...]
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Indentation is allowed beyond CommonMark's three spaces so that fences inside list items count too.
FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


def scan(lines):
    """Reads one document's fences: for each line whether it is part of a code block (its fences included), and
    the (line number, problem) pairs found."""
    inside, problems = [], []
    opening = None  # (line number, fence characters) of the fence now open
    for number, line in enumerate(lines, 1):
        match = FENCE.match(line.rstrip("\n"))
        fence, rest = (match.group(1), match.group(2).strip()) if match else ("", "")
        if opening is None:
            # A backtick fence's info string may not hold a backtick (then it is inline code, not a fence).
            if fence and not (fence[0] == "`" and "`" in rest):
                opening = (number, fence)
            inside.append(opening is not None)
            continue
        inside.append(True)
        if fence and fence[0] == opening[1][0] and len(fence) >= len(opening[1]):
            if not rest:
                opening = None
            else:
                problems.append((number, f"'{line.strip()}' is inside the code block opened at line {opening[0]}; "
                                         f"a closing fence is probably missing before it"))
    if opening is not None:
        problems.append((opening[0], f"the code fence '{opening[1]}' opened here is never closed"))
    return inside, problems


def documents():
    return [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))


def main(paths):
    problems = []
    for path in paths or documents():
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        rel = os.path.relpath(path, ROOT)
        problems.extend(f"{rel}:{number}: {problem}" for number, problem in scan(lines)[1])
    if problems:
        print("Markdown code fences that are not closed:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"fences: every code fence is closed ({len(paths or documents())} documents checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
