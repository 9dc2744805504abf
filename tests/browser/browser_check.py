#!/usr/bin/env python3
"""Opens Awaitscope's exports in real clients: speedscope and Chromium (headless, over DevTools).

    browser_check.py speedscope AWAITSCOPE_BINARY SCENARIOS_DIR
        Writes Chrome traces with `awaitscope run --chrome-trace` under the names the window and
        the README use, loads each in speedscope 1.25's release page the way `speedscope FILE`
        does (#localProfilePath), and checks, lane by lane, that speedscope imported it as a
        Trace Event Format profile without nesting warnings and that every task lane holds
        polls with a non-zero duration.

    browser_check.py svg AWAITSCOPE_BINARY SCENARIOS_DIR
        Renders every shipped scenario's state machines with `awaitscope lower --format svg`,
        parses each as XML and finds every state's name and teaching label (as `lower --format
        json` lists them) among its <text> elements; then opens example's SVG in Chromium and
        checks that every label is laid out with a size, and screenshots it.

    browser_check.py handout AWAITSCOPE_BINARY SCENARIOS_DIR
        Writes example's handout in English and in Chinese with `awaitscope handout`, checks that
        index.html refers only to images that exist, opens it in Chromium and checks that every
        image loaded and that the narration of every key step (`run --narrate`, same language)
        is on the page.

AWAITSCOPE_BROWSER_KEEP=DIR keeps the screenshots and the handouts in DIR.

exits 0 when the check passes, 1 when it fails, and 77 (CTest's SKIP_RETURN_CODE) with a
message when Chromium or speedscope is missing. speedscope is found at $AWAITSCOPE_SPEEDSCOPE
(the package's folder) or ~/.cache/awaitscope/speedscope/node_modules/speedscope, where
`npm install --prefix ~/.cache/awaitscope/speedscope speedscope@1.25.0` puts it.
"""

import base64
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import SKIP, Chromium, Failure, Skip  # noqa: E402

# Scenarios with one task, several tasks, devices, cpu_busy and a run that faults.
SPEEDSCOPE_SCENARIOS = ["example.toml", "two_tasks.toml", "blocking_starves.toml",
                        "many_requests.toml", "never_yields.toml"]


def find_speedscope():
    candidates = [os.environ.get("AWAITSCOPE_SPEEDSCOPE", ""),
                  os.path.expanduser("~/.cache/awaitscope/speedscope/node_modules/speedscope")]
    for c in candidates:
        index = os.path.join(c, "dist", "release", "index.html")
        if c and os.path.isfile(index):
            return index
    raise Skip("speedscope not found: npm install --prefix ~/.cache/awaitscope/speedscope "
               "speedscope@1.25.0 (or set AWAITSCOPE_SPEEDSCOPE to the package's folder)")


def parse_duration_us(text):
    """speedscope's formatted time ("16.00ms", "950.00µs", "1.20s") in microseconds."""
    m = re.fullmatch(r"([0-9.]+)(µs|ms|s|ns)", text.strip())
    if not m:
        raise Failure(f"cannot read speedscope's duration {text!r}")
    scale = {"ns": 0.001, "µs": 1.0, "ms": 1000.0, "s": 1e6}[m.group(2)]
    return float(m.group(1)) * scale


def sandwich_rows(page_text):
    """The Sandwich table as (total_us, symbol) rows."""
    lines = page_text.split("\n")
    try:
        start = lines.index("Total\tSelf\tSymbol Name") + 1
    except ValueError:
        raise Failure("speedscope shows no Sandwich table:\n" + page_text[:2000])
    # Three lines a row: "16.00ms (53%)", "\t6.00ms (20%)" (self), "\tSYMBOL".
    rows = []
    for i in range(start, len(lines) - 2, 3):
        rows.append((parse_duration_us(lines[i].split(" (")[0]), lines[i + 2].lstrip("\t")))
    return rows


def load_in_speedscope(chrome, index_html, trace_path, work):
    """Loads `trace_path` as `speedscope trace_path` does; returns each lane as
    (lane name, sandwich rows)."""
    name = os.path.basename(trace_path)
    with open(trace_path, "rb") as f:
        source = base64.b64encode(f.read()).decode()
    loader = os.path.join(work, name + ".js")
    with open(loader, "w") as f:
        f.write(f"speedscope.loadFileFromBase64({json.dumps(name)}, {json.dumps(source)})")
    chrome.navigate("about:blank")  # a new document: a changed #fragment alone would not reload
    chrome.wait_for("about:blank", "location.href === 'about:blank'")
    chrome.events.clear()
    chrome.navigate(f"file://{index_html}#localProfilePath={loader}&view=sandwich")
    # The toolbar's middle line names the lane: "awaitscope: S (pid 1), task 0: main() (tid 2)",
    # followed by " (2/3)" when there is more than one lane.
    toolbar = re.compile(r"Sandwich\n(.*?)(?: \((\d+)/(\d+)\))?\n")

    def lane_header(index=None):
        text = chrome.evaluate("document.body ? document.body.innerText : ''") or ""
        for level, message in chrome.console():
            if level in ("dialog", "exception", "error"):
                raise Failure(f"speedscope could not open {name}: {message}")
        m = toolbar.search(text)
        # The table fills after the toolbar: wait for its first row. speedscope makes a lane only
        # of a thread with slices, so every lane has one.
        if not m or not re.search(r"Total\tSelf\tSymbol Name\n.+\n.+\n.+", text):
            return None
        if index is not None and int(m.group(2) or 1) != index:
            return None
        return m, text

    m, text = _poll(lane_header, f"speedscope to show {name}")
    count = int(m.group(3) or 1)
    lanes = []
    for index in range(1, count + 1):
        if index > 1:
            chrome.press("n")  # speedscope's key for the next profile (lane)
            m, text = _poll(lambda: lane_header(index), f"{name} lane {index}")
        lane = re.sub(r" \(tid \d+\)$", "", re.sub(r"^awaitscope: .*? \(pid \d+\), ", "", m.group(1)))
        lanes.append((lane, sandwich_rows(text)))
    messages = chrome.console()
    if ("log", "Importing as Trace Event Format profile") not in messages:
        raise Failure(f"speedscope did not import {name} as a Trace Event Format profile: {messages}")
    warnings = [m for level, m in messages if level == "warning"]
    if warnings:
        raise Failure(f"speedscope warned while importing {name}: {warnings[:5]}")
    return lanes


def _poll(fn, what, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = fn()
        if got:
            return got
        time.sleep(0.1)
    raise Failure(f"timed out waiting for {what}")


def check_speedscope(binary, scenarios):
    index_html = find_speedscope()
    with tempfile.TemporaryDirectory(prefix="awaitscope-speedscope-") as work, Chromium() as chrome:
        for scenario in SPEEDSCOPE_SCENARIOS:
            stem = scenario[:-len(".toml")]
            # The window's name (menu_view.cpp) and the README's example name.
            for name in (f"awaitscope-{stem}.chrome-trace.json", f"{stem}.trace.chrome-trace.json"):
                path = os.path.join(work, name)
                run = subprocess.run([binary, "run", os.path.join(scenarios, scenario),
                                      "--chrome-trace", path], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
                if not os.path.isfile(path):
                    raise Failure(f"awaitscope run {scenario} wrote no trace: {run.stderr}")
                lanes = load_in_speedscope(chrome, index_html, path, work)
                tasks = [(lane, rows) for lane, rows in lanes if lane.startswith("task ")]
                if not tasks:
                    raise Failure(f"{name}: speedscope shows no task lane: {[l for l, _ in lanes]}")
                for lane, rows in tasks:
                    polls = [(us, sym) for us, sym in rows if sym.startswith("poll ")]
                    if not polls or any(us <= 0 for us, _ in polls):
                        raise Failure(f"{name}: lane {lane!r} has empty polls: {rows[:8]}")
                print(f"{name}: speedscope lanes " + "; ".join(
                    f"{lane}: {len(rows)} frames, longest {max(us for us, _ in rows) / 1000:g} ms"
                    for lane, rows in lanes if rows))


def awaitscope(binary, *args):
    run = subprocess.run([binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise Failure(f"awaitscope {' '.join(args)} exited {run.returncode}: {run.stderr[:2000]}")
    return run.stdout


def keep_dir():
    keep = os.environ.get("AWAITSCOPE_BROWSER_KEEP", "")
    if keep:
        os.makedirs(keep, exist_ok=True)
    return keep


def shown_states(lowered):
    """(name, label) of every state the SVG draws: Panicked only when a transition reaches it."""
    out = []
    for fn in lowered["functions"]:
        reached = {t["to"] for t in fn["transitions"]}
        for st in fn["states"]:
            if st["name"] == "Panicked" and st["index"] not in reached:
                continue
            out.append((st["name"], st["label"]))
    return out


SVG_NS = "{http://www.w3.org/2000/svg}"


def check_svg(binary, scenarios):
    checked = 0
    example_svg = None
    for entry in sorted(os.listdir(scenarios)):
        if not entry.endswith(".toml"):
            continue
        path = os.path.join(scenarios, entry)
        svg = awaitscope(binary, "lower", path, "--format", "svg")
        try:
            root = ET.fromstring(svg.encode())
        except ET.ParseError as e:
            raise Failure(f"{entry}: the SVG is not XML: {e}")
        if root.tag != SVG_NS + "svg":
            raise Failure(f"{entry}: the root element is {root.tag}, not svg")
        texts = {"".join(t.itertext()) for t in root.iter(SVG_NS + "text")}
        for name, label in shown_states(json.loads(awaitscope(binary, "lower", path, "--format", "json"))):
            for word in (name, label):
                if word not in texts:
                    raise Failure(f"{entry}: state {name} ({label}): no <text> reads {word!r}")
        checked += 1
        if entry == "example.toml":
            example_svg = svg
    print(f"{checked} scenarios: every SVG parses as XML and labels every state")
    if checked < 30 or example_svg is None:
        raise Failure(f"only {checked} scenarios found in {scenarios}")

    with tempfile.TemporaryDirectory(prefix="awaitscope-svg-") as work:
        svg_path = os.path.join(work, "example.machines.svg")
        with open(svg_path, "w") as f:
            f.write(example_svg)
        with Chromium(width=1400, height=1000) as chrome:
            chrome.navigate(f"file://{svg_path}")
            chrome.wait_for("the SVG to load", "document.readyState === 'complete' && !!document.querySelector('svg')")
            sized = chrome.evaluate(
                "Array.from(document.querySelectorAll('text')).map(t => [t.textContent, t.getBBox().width])")
            empty = [t for t, w in sized if w <= 0]
            if not sized or empty:
                raise Failure(f"Chromium lays out {len(sized)} labels; without a width: {empty[:5]}")
            shot = os.path.join(keep_dir() or work, "example.machines.png")
            chrome.screenshot(shot)
            print(f"Chromium drew {len(sized)} labels of example's state machines; screenshot {shot}")


class _Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs).get("src", ""))


def narration(binary, scenario, lang):
    """step -> sentence, from `run --narrate --lang LANG`."""
    run = subprocess.run([binary, "run", scenario, "--narrate", "--lang", lang], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    out = {}
    for line in run.stdout.splitlines():
        m = re.match(r"^(\d+)  (.*)$", line)
        if m:
            out[int(m.group(1))] = m.group(2)
    return out


def check_handout(binary, scenarios):
    scenario = os.path.join(scenarios, "example.toml")
    with tempfile.TemporaryDirectory(prefix="awaitscope-handout-") as work:
        base = keep_dir() or work
        pages = []
        for lang in ("en", "zh"):
            out = os.path.join(base, f"handout-{lang}")
            awaitscope(binary, "handout", scenario, "--out", out, "--lang", lang)
            index = os.path.join(out, "index.html")
            with open(index, encoding="utf-8") as f:
                page = f.read()
            parser = _Images()
            parser.feed(page)
            if not parser.images:
                raise Failure(f"{index} shows no pictures")
            for src in parser.images:
                if not os.path.isfile(os.path.join(out, src)):
                    raise Failure(f"{index} refers to {src}, which does not exist")
            steps = [int(m) for m in re.findall(r'id="step-(\d+)"', page)]
            pages.append((lang, index, len(parser.images), steps))
        if not pages[0][3] or pages[0][3] != pages[1][3]:
            raise Failure(f"the handouts show different key steps: {pages[0][3]} and {pages[1][3]}")
        with Chromium() as chrome:
            for lang, index, images, steps in pages:
                chrome.navigate(f"file://{index}")
                chrome.wait_for(f"{index} and its images to load",
                                "document.readyState === 'complete' && "
                                "Array.from(document.images).every(i => i.complete)")
                broken = chrome.evaluate(
                    "Array.from(document.images).filter(i => i.naturalWidth === 0).map(i => i.src)")
                if broken:
                    raise Failure(f"{index}: Chromium could not show {broken[:3]}")
                text = chrome.evaluate("document.body.innerText")
                said = narration(binary, scenario, lang)
                missing = [s for s in steps if said.get(s, "<no narration>") not in text]
                if missing:
                    raise Failure(f"{index}: the narration of steps {missing[:5]} is not on the page, "
                                  f"e.g. {said.get(missing[0])!r}")
                if lang == "zh" and not re.search(r"[\u4e00-\u9fff]", said[steps[0]]):
                    raise Failure(f"the Chinese narration is not Chinese: {said[steps[0]]!r}")
                if chrome.evaluate("document.documentElement.lang") != lang:
                    raise Failure(f"{index}: <html lang> is not {lang}")
                chrome.screenshot(os.path.join(base, f"handout-{lang}.png"))
                print(f"{index}: Chromium shows {images} pictures, all loaded, and the {lang} narration "
                      f"of all {len(steps)} key steps")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if argv[1] == "speedscope" and len(argv) == 4:
            check_speedscope(argv[2], argv[3])
        elif argv[1] == "svg" and len(argv) == 4:
            check_svg(argv[2], argv[3])
        elif argv[1] == "handout" and len(argv) == 4:
            check_handout(argv[2], argv[3])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Skip as e:
        print(f"SKIP: {e}")
        return SKIP
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
