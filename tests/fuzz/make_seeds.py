#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz harnesses into OUT/<harness>/ (tests/fuzz/README.md):
scripts (the shipped .rs files, the scripts the scenarios carry inline, tests/bad/*.rs),
scenarios (the shipped and bad .toml files, with `script_file` replaced by the script inline so
mutations reach it) and native traces that embed those scenarios. The committed corpus
(tests/fuzz/corpus) is these seeds plus what fuzzing found, minimised with -merge=1."""
import glob
import json
import os
import re
import sys

root = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
out = sys.argv[1] if len(sys.argv) > 1 else "fuzz-seeds"


def read(p):
    with open(p, "rb") as f:
        return f.read()


def write(harness, name, data):
    d = os.path.join(out, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


INLINE = re.compile(r"^script\s*=\s*'''\n?(.*?)'''", re.S | re.M)
SCRIPT_FILE = re.compile(r'^script_file\s*=\s*"([^"]+)"\s*$', re.M)

scripts = {}
for p in sorted(glob.glob(os.path.join(root, "scenarios", "*.rs")) + glob.glob(os.path.join(root, "tests", "bad", "*.rs"))):
    scripts[os.path.relpath(p, root).replace("/", "_")] = read(p)
tomls = sorted(glob.glob(os.path.join(root, "scenarios", "*.toml")) + glob.glob(os.path.join(root, "tests", "bad", "*.toml")))
for p in tomls:
    rel = os.path.relpath(p, root)
    text = read(p).decode("utf-8", "replace")
    m = INLINE.search(text)
    if m:
        scripts[rel.replace("/", "_") + ".rs"] = m.group(1).encode()
    sf = SCRIPT_FILE.search(text)
    script_path, script_text = rel, ""
    if sf:
        script_file = os.path.join(os.path.dirname(p), sf.group(1))
        if os.path.isfile(script_file):
            script_text = read(script_file).decode("utf-8", "replace")
            script_path = os.path.relpath(script_file, root)
            inline = text[: sf.start()] + "script = '''\n" + script_text.replace("'''", "") + "'''" + text[sf.end():]
            write("scenario", rel.replace("/", "_"), inline)
    else:
        write("scenario", rel.replace("/", "_"), text)
    if rel.startswith("scenarios/"):
        trace = {
            "format": "awaitscope-trace", "version": 1, "scenario": os.path.basename(p)[:-5], "executor": "waker",
            "source": {"path": rel, "text": text, "script_path": script_path, "script_text": script_text},
            "options": {"executor": "", "max_events": 0, "max_statements_per_poll": 2000000,
                        "max_time_ms": 86400000, "poll_after_ready": False},
            "injected": [{"t_ms": 10, "scancode": 30}] if "keyboard" in rel else [],
        }
        write("trace", rel.replace("/", "_") + ".json", json.dumps(trace, indent=1))
for name, data in scripts.items():
    write("script", name, data)
    write("writers", name, data)
