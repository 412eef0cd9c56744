#!/usr/bin/env python3
"""Fails when a repository file cites a document that the repository does not have.

Checked in every tracked text file:
  - Markdown links and images with a local target, [text](path) or [text](path#anchor): the path must exist,
    relative to the file that holds the link, and an anchor into a Markdown file must be one of its headings.
  - Any other mention of a Markdown document (docs/science.md, README.md): the document must exist,
    relative to the file or to the repository's root; bare names must exist somewhere in the repository.
  - A mention followed by a quoted section title (docs/science.md, "Metrics"): the title must be a heading of that
    document.

Run from anywhere: python3 scripts/check_references.py
"""

import os
import re
import subprocess
import sys

from check_fences import scan

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT_SUFFIXES = {".cs", ".md", ".json", ".sh", ".py", ".csproj", ".props", ".targets", ".yml", ".yaml", ".txt", ".html", ".sln", ""}
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MENTION = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w.-]+\.md)\b(?:\s*(?:,|section|§)\s*\"([^\"]+)\")?")


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [f for f in out.decode("utf-8").split("\0") if f]


def slug(heading):
    # GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def headings(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        inside, _ = scan(lines)
        cache[path] = [line.lstrip("#").strip() for line, code in zip(lines, inside) if not code and line.startswith("#")]
    return cache[path]


def main():
    files = tracked_files()
    basenames = {os.path.basename(f) for f in files}
    problems = []
    for rel in files:
        if os.path.splitext(rel)[1] not in TEXT_SUFFIXES or rel.startswith("node_modules/") or rel == "package-lock.json":
            continue
        path = os.path.join(ROOT, rel)
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        folder = os.path.dirname(path)
        for number, line in enumerate(lines, 1):
            where = f"{rel}:{number}"
            links = set()
            if rel.endswith(".md"):
                for target in LINK.findall(line):
                    if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                        continue
                    links.add(target.split("#", 1)[0])
                    file_part, _, anchor = target.partition("#")
                    resolved = os.path.normpath(os.path.join(folder, file_part))
                    if not os.path.exists(resolved):
                        problems.append(f"{where}: links to {target}, which does not exist")
                    elif anchor and resolved.endswith(".md") and anchor not in {slug(h) for h in headings(resolved)}:
                        problems.append(f"{where}: links to {target}, but {file_part} has no heading with anchor #{anchor}")
            for name, section in MENTION.findall(line):
                if name in links or name.startswith("http"):
                    continue
                candidates = [os.path.normpath(os.path.join(folder, name)), os.path.normpath(os.path.join(ROOT, name))]
                resolved = next((c for c in candidates if os.path.exists(c)), None)
                if resolved is None and "/" not in name and name in basenames:
                    resolved = next(os.path.join(ROOT, f) for f in files if os.path.basename(f) == name)
                if resolved is None:
                    problems.append(f"{where}: cites {name}, which is not in the repository")
                elif section and section not in headings(resolved):
                    problems.append(f"{where}: cites {name}, \"{section}\", but {name} has no such heading")
    if problems:
        print("Citations of documents the repository does not have:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"references: every cited document exists ({len(files)} files checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
