#!/usr/bin/env python3
"""Draws the project reference graph of src/ from the .csproj files, into docs/architecture.md.

The block between the markers <!-- project-graph:begin --> and <!-- project-graph:end --> in docs/architecture.md
is generated: a Mermaid diagram of every src project's ProjectReference (an arrow points from a project to one it
references) and a table of each project's direct references and NuGet packages. The check also fails when a folder
of src/Superposition.Domain is not named in the document (as `Folder/`), so the folder list cannot fall behind.

  python3 scripts/project_graph.py           check: fails when the block differs from the .csproj files
  python3 scripts/project_graph.py --write   rewrite the block
  python3 scripts/project_graph.py --print   print the block (e.g. for another commit's tree: run it there)
"""

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "architecture.md")
BEGIN = "<!-- project-graph:begin -->"
END = "<!-- project-graph:end -->"
PREFIX = "Superposition."


def projects():
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "src", "*", "*.csproj"))):
        name = os.path.splitext(os.path.basename(path))[0]
        tree = ET.parse(path).getroot()
        refs, packages, frameworks = [], [], []
        for item in tree.iter():
            tag = item.tag.split("}")[-1]
            include = item.get("Include")
            if not include:
                continue
            if tag == "ProjectReference":
                refs.append(os.path.splitext(os.path.basename(include.replace("\\", "/")))[0])
            elif tag == "PackageReference":
                packages.append(include)
            elif tag == "FrameworkReference":
                frameworks.append(include)
        sdk = tree.get("Sdk", "")
        if sdk.endswith(".Web"):
            frameworks.append("Microsoft.AspNetCore.App")
        found[name] = (sorted(refs), packages, sorted(set(frameworks)))
    return found


def short(name):
    return name[len(PREFIX):] if name.startswith(PREFIX) else name


def block():
    graph = projects()
    lines = [BEGIN, "", "```mermaid", "flowchart BT"]
    for name in graph:
        lines.append(f"    {short(name)}[{name}]")
    for name, (refs, _, _) in graph.items():
        for ref in refs:
            lines.append(f"    {short(name)} --> {short(ref)}")
    lines += ["```", ""]
    lines.append("| Project | References | Packages and frameworks |")
    lines.append("|---|---|---|")
    for name, (refs, packages, frameworks) in graph.items():
        deps = ", ".join(short(r) for r in refs) or "none"
        pk = ", ".join(packages + frameworks) or "none"
        lines.append(f"| {name} | {deps} | {pk} |")
    lines += ["", "_Generated from the .csproj files by `python3 scripts/project_graph.py --write`; the test command checks it._", "", END]
    return "\n".join(lines)


def main():
    generated = block()
    if "--print" in sys.argv:
        print(generated)
        return 0
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        print(f"docs/architecture.md has no {BEGIN} ... {END} block", file=sys.stderr)
        return 1
    updated = pattern.sub(lambda _: generated, text)
    if "--write" in sys.argv:
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(updated)
        return 0
    if updated != text:
        print("docs/architecture.md: the project graph differs from the .csproj files; run python3 scripts/project_graph.py --write", file=sys.stderr)
        return 1
    domain = os.path.join(ROOT, "src", "Superposition.Domain")
    folders = sorted(d for d in os.listdir(domain) if os.path.isdir(os.path.join(domain, d)) and d not in ("bin", "obj"))
    missing = [d for d in folders if f"`{d}/`" not in text]
    if missing:
        print("docs/architecture.md does not name these Domain folders: " + ", ".join(missing), file=sys.stderr)
        return 1
    print("project graph: docs/architecture.md matches the .csproj files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
