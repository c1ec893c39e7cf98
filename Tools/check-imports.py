#!/usr/bin/env python3
"""Checks that every target imports only what it declares itself in Package.swift.

SwiftPM's `--explicit-target-dependency-import-check error` refuses a target that imports one of
our targets it cannot reach at all, but accepts one it reaches only through another (a test
target importing `Routing` because `TestSupport` declares it) and never looks at the products of
other packages (`GRDB`). This script asks for the direct edge: each `import` of one of our targets
or of a product some target declares must be in that target's own `dependencies`.

Usage: Tools/check-imports.py            (from the package root; exits 1 naming each missing edge)
"""
import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def module_name(name):
    return name.replace("-", "_")


def target_folder(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])


def declared(target):
    names = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(module_name(dependency[kind][0]))
    return names


def imports(folder):
    found = {}
    for root, _, files in os.walk(folder):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, start=1):
                    match = IMPORT.match(line)
                    if match:
                        found.setdefault(match.group(1), f"{path}:{number}")
    return found


def main():
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                         capture_output=True, text=True).stdout)
    targets = manifest["targets"]
    ours = {module_name(t["name"]) for t in targets}
    products = {module_name(d["product"][0]) for t in targets for d in t["dependencies"] if "product" in d}
    missing = []
    for target in targets:
        name = module_name(target["name"])
        allowed = declared(target) | {name}
        for module, place in sorted(imports(target_folder(target)).items()):
            if (module in ours or module in products) and module not in allowed:
                missing.append(f"{place}: {target['name']} imports {module} without declaring it in Package.swift")
    for line in missing:
        print(line, file=sys.stderr)
    if missing:
        return 1
    print(f"Imports: each of {len(targets)} targets declares every module of ours or of a package it imports.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
