#!/usr/bin/env python3
"""Fails when a repository file cites a document that the repository does not have.

Checked in every tracked text file:
  - In Markdown files (README.md, docs/*.md and every other tracked .md), every link and image outside code, inline
    [text](path), [text](path#anchor), [text](#anchor), and reference definitions [label]: path: a local path must
    exist, relative to the file that holds the link, and an anchor (same-file or into another Markdown file) must be
    the GitHub anchor of one of that file's headings: lower case, punctuation other than hyphens and spaces removed
    (backticks included), spaces to hyphens, and -1, -2, ... after a repeated one. Web links are not fetched.
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
from urllib.parse import unquote

from check_fences import scan

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT_SUFFIXES = {".cs", ".md", ".json", ".sh", ".py", ".csproj", ".props", ".targets", ".yml", ".yaml", ".txt", ".html", ".sln", ""}
LINK = re.compile(r"!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\)")
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
MENTION = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w.-]+\.md)\b(?:\s*(?:,|section|§)\s*\"([^\"]+)\")?")


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [f for f in out.decode("utf-8").split("\0") if f]


def slug(heading):
    # GitHub's anchor for a heading (github-slugger): the heading's text (a link's text, no tags), lower case,
    # every character that is not a letter, digit, underscore, hyphen or space dropped (backticks, colons, dots,
    # commas, parentheses, asterisks), each space to a hyphen.
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip())
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def headings(path, cache={}):
    """The ATX headings of a Markdown file, outside code blocks, in order."""
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        inside, _ = scan(lines)
        found = []
        for line, code in zip(lines, inside):
            match = None if code else HEADING.match(line.rstrip("\n"))
            if match:
                found.append((match.group(2) or "").strip())
        cache[path] = found
    return cache[path]


def anchors(path, cache={}):
    """Every anchor GitHub gives the headings of a Markdown file: a repeated slug gets -1, -2, ... in order."""
    if path not in cache:
        seen, result = {}, set()
        for heading in headings(path):
            base = slug(heading)
            anchor = base if base not in seen else f"{base}-{seen[base]}"
            seen[base] = seen.get(base, 0) + 1
            while anchor in result:  # a heading whose own text ends in -1 already took it
                anchor = f"{base}-{seen[base]}"
                seen[base] += 1
            result.add(anchor)
        cache[path] = result
    return cache[path]


def links(line):
    """The link targets of one Markdown line outside code: inline links and images, and a reference definition."""
    text = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    targets = LINK.findall(text)
    definition = DEFINITION.match(text)
    if definition:
        targets.append(definition.group(1))
    return targets


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
        code = scan(lines)[0] if rel.endswith(".md") else [False] * len(lines)
        for number, (line, in_code) in enumerate(zip(lines, code), 1):
            where = f"{rel}:{number}"
            linked = set()
            if rel.endswith(".md") and not in_code:
                for target in links(line):
                    if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                        continue  # a web or mail address
                    file_part, _, anchor = target.partition("#")
                    linked.add(file_part)
                    resolved = os.path.normpath(os.path.join(folder, unquote(file_part))) if file_part else path
                    anchor = unquote(anchor)
                    if not os.path.exists(resolved):
                        problems.append(f"{where}: links to {target}, which does not exist")
                    elif anchor and resolved.endswith(".md") and anchor not in anchors(resolved):
                        problems.append(f"{where}: links to {target}, but {file_part or rel} has no heading with anchor #{anchor}")
            for name, section in MENTION.findall(line):
                if name in linked or name.startswith("http"):
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
