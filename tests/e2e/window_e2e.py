#!/usr/bin/env python3
"""End-to-end tests of the real window, driven the way a person drives it.

Each test starts its own X server (Xvfb, which picks a free display number itself), the openbox
window manager and `awaitscope gui` with SDL's x11 driver, then presses keys, clicks and types
with xdotool. The state is read from outside: the window title (`xdotool getwindowname`, which
names the scenario and the step), screenshots (`import`) and /proc/PID/stat for CPU time.

    window_e2e.py AWAITSCOPE_BINARY SCENARIOS_DIR TEST

exits 0 when the test passes, 1 when it fails, and 77 (CTest's SKIP_RETURN_CODE) with a message
when a tool is missing or Xvfb cannot start.
"""

import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

SKIP = 77
WIDTH, HEIGHT = 1280, 720  # the window; every click position below is inside it
TOOLS = ["Xvfb", "openbox", "xdotool", "import"]
# The Editor's and the Gallery's error colour (present/editor.h kErrorMarkColor, as RGB).
ERROR_RGB = (0xEB, 0x50, 0x46)
# The dark theme's success colour (gui/theme.cpp Palette::ok): prediction mode's right choice.
OK_RGB = (110, 200, 120)


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def wait_for(what, predicate, timeout=10.0, interval=0.05):
    """Polls `predicate` until it returns a true value (returned) or fails after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")


def read_png(path):
    """RGB rows of an 8-bit RGB or RGBA PNG (what ImageMagick's `import` writes), no libraries."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise Failure(f"{path}: unexpected PNG format (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return rows


def count_colour(rows, rgb, box=None, tolerance=24):
    x0, y0, x1, y1 = box or (0, 0, len(rows[0]), len(rows))
    n = 0
    for row in rows[y0:y1]:
        for px in row[x0:x1]:
            if all(abs(px[k] - rgb[k]) <= tolerance for k in range(3)):
                n += 1
    return n


def changed_pixels(a, b, box):
    x0, y0, x1, y1 = box
    return sum(1 for y in range(y0, y1) for x in range(x0, x1) if a[y][x] != b[y][x])


class Window:
    """An X server, a window manager and the app, torn down in reverse order."""

    def __init__(self, binary, scenario, extra_args=()):
        missing = [t for t in TOOLS if shutil.which(t) is None]
        if missing:
            raise Skip("not installed: " + ", ".join(missing) + " (scripts/install-deps.sh installs them)")
        self.procs = []
        self.log = None
        self.home = tempfile.mkdtemp(prefix="awaitscope-e2e-")
        self.shots = 0
        self.binary, self.scenario = binary, scenario
        try:
            self._start(binary, scenario, extra_args)
        except BaseException:
            self.close()
            raise

    def _start(self, binary, scenario, extra_args):
        self._start_x()
        self.env = dict(os.environ, DISPLAY=self.display, SDL_VIDEODRIVER="x11", HOME=self.home,
                        XDG_CONFIG_HOME=os.path.join(self.home, "config"))
        self.env.pop("WAYLAND_DISPLAY", None)
        self._spawn(["openbox", "--sm-disable"], "openbox")
        time.sleep(0.3)
        self.log = open(os.path.join(self.home, "awaitscope.log"), "w+")
        self.app = subprocess.Popen([binary, "gui", scenario, "--size", f"{WIDTH}x{HEIGHT}", *extra_args],
                                    env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.home)
        self.procs.append(self.app)
        self.wid = wait_for("the Awaitscope window", self._find_window, timeout=20)
        self.xdo("windowactivate", "--sync", self.wid, check=False)
        self.xdo("windowfocus", "--sync", self.wid, check=False)
        wait_for("a title with a step", lambda: " step " in self.title(), timeout=10)

    def _start_x(self):
        read_fd, write_fd = os.pipe()
        try:
            xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x900x24",
                                     "-nolisten", "tcp"], pass_fds=(write_fd,),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.close(write_fd)
        self.procs.append(xvfb)
        number = b""
        deadline = time.monotonic() + 10
        os.set_blocking(read_fd, False)
        while time.monotonic() < deadline and not number.endswith(b"\n"):
            try:
                chunk = os.read(read_fd, 16)
            except BlockingIOError:
                chunk = None
            if chunk == b"":
                break
            if chunk:
                number += chunk
            elif xvfb.poll() is not None:
                break
            else:
                time.sleep(0.05)
        os.close(read_fd)
        if not number.strip().isdigit():
            raise Skip("Xvfb could not start (no display number reported)")
        self.display = ":" + number.strip().decode()

    def _spawn(self, argv, name):
        self.procs.append(subprocess.Popen(argv, env=self.env, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))

    def _find_window(self):
        if self.app.poll() is not None:
            self.log.seek(0)
            raise Failure(f"awaitscope exited with {self.app.returncode}:\n{self.log.read()}")
        # By class: `search --name` does not match a title with non-ASCII characters.
        r = subprocess.run(["xdotool", "search", "--class", "awaitscope"], env=self.env,
                           capture_output=True, text=True)
        ids = r.stdout.split()
        return ids[0] if ids else None

    def xdo(self, *args, check=True):
        return subprocess.run(["xdotool", *args], env=self.env, check=check, capture_output=True, text=True)

    def title(self):
        return self.xdo("getwindowname", self.wid, check=False).stdout.strip()

    def step(self):
        m = re.search(r"step (-?\d+)/(\d+)", self.title())
        return int(m.group(1)) if m else None

    def settle_title(self, quiet=0.6, timeout=10):
        """The title once it has not changed for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        last, since = self.title(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.title()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        return last

    # Keys, typing and clicks go through XTEST to the focused window, as from a real keyboard and
    # mouse (with --window xdotool would send synthetic events without timestamps, which SDL
    # takes for auto-repeats).
    def keys(self, *names, delay_ms=40):
        self.xdo("key", "--delay", str(delay_ms), *names)

    def type(self, text, delay_ms=40):
        self.xdo("type", "--delay", str(delay_ms), text)

    def click(self, x, y):
        self.hover(x, y)
        time.sleep(0.15)
        self.xdo("click", "1")
        time.sleep(0.2)

    def hover(self, x, y):
        # A warp to a point in the window, then a one-pixel move there and back through XTEST
        # as a real mouse makes: a warp alone sends no raw motion, and SDL keeps the pointer
        # position it last read.
        self.xdo("mousemove", "--window", self.wid, str(x + 1), str(y))
        self.xdo("mousemove_relative", "--", "-1", "0")

    def shot(self, name, box=None):
        """The window's pixels as RGB rows; with box (x0, y0, x1, y1) only that part, which is
        much quicker to take and decode (for polling)."""
        self.shots += 1
        path = os.path.join(self.home, f"{self.shots:02d}-{name}.png")
        crop = ["-crop", f"{box[2] - box[0]}x{box[3] - box[1]}+{box[0]}+{box[1]}"] if box else []
        # PNG24: always 8-bit RGB (ImageMagick writes a 1-bit PNG of a two-colour picture).
        subprocess.run(["import", "-window", self.wid, *crop, "PNG24:" + path], env=self.env, check=True,
                       capture_output=True)
        return read_png(path)

    def settle_screen(self, quiet=0.3, timeout=10):
        """Waits until the window's picture has not changed for `quiet` seconds: what a key
        opened (the gallery, a popup) is drawn and has its focus, however slow the build."""
        deadline = time.monotonic() + timeout
        last, since = self.shot("settle"), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.shot("settle")
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def cpu_ticks(self):
        with open(f"/proc/{self.app.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)

    def cpu_percent(self, seconds):
        hz = os.sysconf("SC_CLK_TCK")
        t0, c0 = time.monotonic(), self.cpu_ticks()
        time.sleep(seconds)
        t1, c1 = time.monotonic(), self.cpu_ticks()
        return 100.0 * (c1 - c0) / hz / (t1 - t0)

    def close(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        if self.log:
            self.log.close()
        if os.environ.get("AWAITSCOPE_E2E_KEEP"):
            print(f"kept screenshots and log in {self.home}")
        else:
            shutil.rmtree(self.home, ignore_errors=True)


def expect(cond, message):
    if not cond:
        raise Failure(message)


# Positions in a 1280x720 window at 100 % (the default font): the layouts are computed from the
# window size (present/layout.cpp), so they are the same on every machine.
GALLERY_SEARCH = (300, 120)   # the Gallery's search box, layout `gallery`
GALLERY_FIRST_ENTRY = (150, 184)  # the first entry under the first group heading


def test_quick_taps(w):
    """Ten Right taps 12 ms apart move ten steps; PageDown / PageUp step like the arrows."""
    expect(w.step() == 0, f"starts at step 0: {w.title()!r}")
    w.keys(*["Right"] * 10, delay_ms=12)
    title = w.settle_title()
    expect(" step 10/" in title, f"ten quick Right taps: step 10 expected, title {title!r}")
    w.keys("Next", "Next", "Next", "Prior", delay_ms=12)  # X names PageDown / PageUp Next / Prior
    title = w.settle_title()
    expect(" step 12/" in title, f"3 PageDown + 1 PageUp after step 10: step 12 expected, title {title!r}")


def test_gallery_click_and_type(w):
    """After G (a layout not on screen at start-up) the search takes a click and typing, and a
    click on an entry opens it; the letters typed are not shortcuts."""
    w.keys("g")
    time.sleep(0.5)
    w.click(*GALLERY_SEARCH)
    w.type("heap_self_ref")  # 'e' would be the Editor layout, 'p' presentation, 'f' fullscreen
    time.sleep(0.5)
    expect(w.title().startswith("example "), f"typing into the search changed the scenario: {w.title()!r}")
    w.click(*GALLERY_FIRST_ENTRY)
    title = w.settle_title()
    expect(title.startswith("heap_self_ref "), f"clicking the only match opens heap_self_ref: title {title!r}")


def test_editor_click_and_type(w):
    """After E the Editor takes a click and typing: a stray `fn (` at the end makes the draft fail
    to lower, and the Editor lists the error in its error colour."""
    w.keys("e")
    time.sleep(0.5)
    before = w.shot("editor")
    editor = (0, 160, 590, HEIGHT)  # the Editor's place in layout `editor`
    errors_before = count_colour(before, ERROR_RGB, editor)
    w.click(300, 485)  # below the last line of example.rs: the caret goes to the end
    w.type("fn (")
    time.sleep(1.0)
    after = w.shot("editor-typed")
    errors_after = count_colour(after, ERROR_RGB, editor)
    print(f"error-coloured pixels in the Editor: {errors_before} before, {errors_after} after typing")
    expect(w.title().startswith("example "), f"typing into the Editor changed the scenario: {w.title()!r}")
    expect(errors_after >= errors_before + 200,
           "typing `fn (` into the Editor shows no error: the click or the typing did not reach it")


def test_gallery_keyboard(w):
    """`/` shows the gallery and focuses its search; Down moves the selection; Enter opens."""
    w.keys("slash")
    w.settle_screen()
    w.type("heap_self_ref")
    w.keys("Return")
    title = w.settle_title()
    expect(title.startswith("heap_self_ref "), f"/ heap_self_ref Enter opens heap_self_ref: title {title!r}")
    # Ctrl+F, a search that keeps two entries, Down twice and Up once, Enter: the selection starts
    # on the first match, Down stops at the last, Up comes back to the first (entries are in
    # course order within a group).
    w.keys("ctrl+f")
    w.settle_screen()
    w.keys("ctrl+a", "BackSpace")
    w.type("pin_example_mov")  # pin_example_moved, then pin_example_move_unresumed (course order)
    w.keys("Down", "Down", "Up", "Return")
    title = w.settle_title()
    expect(title.startswith("pin_example_moved "),
           f"Down, Down, Up, Enter from the first match opens the first again: title {title!r}")


def test_memory_hover(w):
    """A memory scenario opened from the gallery (from the keyboard, so that only the hover is
    tested here): the Memory panel, first shown then, shows a tooltip over its bytes."""
    w.keys("slash")
    w.settle_screen()
    w.type("heap_self_ref")
    w.keys("Return")
    title = w.settle_title()
    expect(title.startswith("heap_self_ref "), f"the memory scenario opened: title {title!r}")
    w.keys("End")
    w.settle_title()
    w.hover(WIDTH - 5, HEIGHT - 5)
    time.sleep(0.5)
    still = w.shot("memory")
    # Bytes of the Memory panel in layout `memory` at the last step: the state machine's tag,
    # the boxed SelfReferential, the freed locals. A tooltip is a large change near the pointer.
    best = 0
    for x, y in [(484, 258), (500, 320), (580, 320), (484, 380), (530, 400)]:
        w.hover(x, y)
        time.sleep(0.3)
        shot = w.shot(f"hover-{x}-{y}")
        changed = changed_pixels(still, shot, (max(0, x - 20), y, min(WIDTH, x + 400), min(HEIGHT, y + 120)))
        best = max(best, changed)
        if changed > 3000:
            print(f"tooltip at ({x}, {y}): {changed} pixels changed")
            return
    raise Failure(f"no tooltip anywhere over the Memory panel (at most {best} pixels changed)")


# The Source panel's current-line band (theme.cpp, dark theme's current_line, as RGB).
CURRENT_LINE_RGB = (120, 90, 31)


def current_line_band(rows):
    """The first y of 8 or more rows that each hold at least 150 pixels of the current-line
    colour (the band spans the Source panel's width), or None."""
    run = 0
    for y in range(len(rows)):
        run = run + 1 if count_colour(rows, CURRENT_LINE_RGB, (0, y, len(rows[0]), y + 1), 6) >= 150 else 0
        if run >= 8:
            return y - run + 1
    return None


def test_presentation_current_line(w):
    """At step 30 of example_long the current line (13, in main) is lit in the Source panel;
    after P (presentation: large font, the Source panel scrolled anew) it must still be seen."""
    def band_within(seconds, name):
        # The window may still be drawing its first frames (or the new font): look until the
        # band shows or `seconds` pass (a loaded machine took more than 3 s for the first frame).
        deadline = time.monotonic() + seconds
        while True:
            band = current_line_band(w.shot(name))
            if band is not None or time.monotonic() > deadline:
                return band
            time.sleep(0.3)

    before = band_within(10.0, "step30")
    expect(before is not None, "at 100 % the Source panel shows no current-line band at step 30")
    w.keys("p")
    time.sleep(1.0)
    after = band_within(10.0, "presentation")
    print(f"current-line band at y={before} before P, at y={after} after P")
    expect(after is not None, "after P the current line is scrolled out of the Source panel")


def test_idle_cpu(w):
    """Paused with no input the window rests: CPU under a loose bound (the goal is <= 2 %)."""
    w.keys("Right", "Right")
    w.settle_title()
    time.sleep(1.5)  # step animation and the frames after input run out
    idle = w.cpu_percent(4.0)
    print(f"idle CPU while paused: {idle:.1f} % of a core")
    w.keys("space")
    time.sleep(0.5)
    playing = w.cpu_percent(3.0)
    print(f"CPU while playing at 8 steps/s: {playing:.1f} % of a core")
    w.keys("space")
    expect(idle < 10.0, f"idle CPU {idle:.1f} % of a core is over the 10 % bound")


def test_language_menu(w):
    """View > Language > 中文（简体） with the mouse, as a person does: the window turns Chinese at
    once (no further input needed to see it) and the choice is saved in the settings."""
    w.settle_screen()
    english = w.shot("english")
    w.click(58, 9)            # View
    w.settle_screen()
    w.hover(80, 287)          # Language (below the nine layouts): its submenu opens to the right
    time.sleep(0.4)
    w.settle_screen()
    w.hover(300, 287)         # onto the submenu along its first row, then down to Chinese
    time.sleep(0.3)
    w.click(300, 325)
    w.settle_screen()
    chinese = w.shot("chinese")
    changed = changed_pixels(english, chinese, (0, 0, 140, 20))
    print(f"menu bar: {changed} pixels changed after choosing Chinese")
    expect(changed > 40, "the menu bar still reads File View Run after choosing 中文 (no frame drawn?)")
    settings = os.path.join(w.home, "config", "awaitscope", "settings.toml")
    saved = open(settings).read() if os.path.exists(settings) else ""
    expect("language = 'zh'" in saved, f"the settings do not keep the choice: {saved!r}")


def lit_row(rows):
    """The current-line band's first row as (y, x0, x1, pixels of the row's band and text):
    x0..x1 is the band's extent (the Source panel's width), so what lies beside the panel is left
    out; None when no band shows."""
    y = current_line_band(rows)
    if y is None:
        return None
    xs = [x for x, px in enumerate(rows[y]) if all(abs(px[k] - CURRENT_LINE_RGB[k]) <= 6 for k in range(3))]
    x0, x1 = min(xs), max(xs) + 1
    # Three text rows down from the band's top: the line's number and code cross them.
    return y, x0, x1, [row[x0:x1] for row in rows[y:y + 14]]


def test_executor_stepping(w):
    """Step into / over executor code (README "Stepping into or over executor code") with the
    keyboard on scripted_simple_executor: Right visits each step the native trace records, and
    the Source panel lights each step's line (the lit row of two steps on one line is the same
    picture, of two lines not); after X, Right and Left skip the line steps (exec_line) and go
    from event to event; X again steps into them; the choice is saved in the settings."""
    run = subprocess.run([w.binary, "run", w.scenario, "--format", "json"], capture_output=True, text=True,
                         check=True)
    import json
    events = json.loads(run.stdout)["events"]
    kinds = [e["kind"] for e in events]
    lines = [e["line"] for e in events]
    expect(kinds[0] == "exec_line" and lines[0] != lines[1], f"the run starts in main's executor code: {kinds[:3]}")

    def at(step, picture=True):
        w.settle_screen()
        title = w.settle_title()
        expect(w.step() == step, f"expected step {step}, title {title!r}")
        if not picture:
            return None
        row = lit_row(w.shot(f"step{step}"))
        expect(row is not None, f"no current line lit at step {step} (line {lines[step]})")
        return row[3]

    # An event of executor code whose line is stepped onto first: the spawn (its line step, then it).
    event = next(i for i in range(2, len(kinds))
                 if kinds[i] != "exec_line" and kinds[i - 1] == "exec_line" and lines[i - 1] == lines[i]
                 and kinds[i - 2] != "exec_line")
    # Stepping into (the default): Right is one step, onto main's first two lines.
    w.keys("Right")
    first = at(0)
    w.keys("Right")
    second = at(1)
    expect(first != second, f"steps 0 and 1 (lines {lines[0]} and {lines[1]}) light the same picture")
    for _ in range(event - 3):
        w.keys("Right", delay_ms=60)
    at(event - 2, picture=False)

    # Stepping over: X, then Right jumps the line step to the event; Left goes back over it too.
    w.keys("x")
    w.keys("Right")
    over = at(event)
    settings = os.path.join(w.home, "config", "awaitscope", "settings.toml")
    saved = open(settings).read() if os.path.exists(settings) else ""
    expect("step_into_executor_code = false" in saved, f"the settings do not keep step over: {saved!r}")
    w.keys("Left")
    at(event - 2, picture=False)

    # Into again: Right is one step, onto the line step of the event's line: the same lit line.
    w.keys("x")
    w.keys("Right")
    into = at(event - 1)
    print(f"step over: {event - 2} -> {event} ({kinds[event]}, line {lines[event]}); into: line step {event - 1}")
    expect(into == over, f"the line step {event - 1} and the event {event} light line {lines[event]} differently")
    expect(into != second, f"lines {lines[event]} and {lines[1]} light the same picture")
    saved = open(settings).read() if os.path.exists(settings) else ""
    expect("step_into_executor_code = true" in saved, f"the settings do not keep step into: {saved!r}")

def test_export_menu(w):
    """File > Export state machines (SVG) and File > Save Chrome trace with the mouse: each file
    appears in the working folder under the menu's name, complete."""
    exports = [(172, "awaitscope-example.machines.svg", "WaitingOnFooTxt</text>"),
               (115, "awaitscope-example.chrome-trace.json", '"name":"poll main"')]
    for y, name, content in exports:
        w.settle_screen()
        w.click(20, 9)        # File
        w.settle_screen()
        w.click(80, y)        # the item's row
        path = os.path.join(w.home, name)
        wait_for(f"{name} to be written", lambda: os.path.exists(path) and content in open(path).read())
        print(f"{name}: {os.path.getsize(path)} bytes")
    # Written through temporary files (.NAME.XXXXXX) renamed into place: none is left.
    leftovers = [f for f in os.listdir(w.home) if f.startswith(".awaitscope-")]
    expect(not leftovers, f"temporary files were left: {leftovers}")


def test_prediction_keys(w):
    """Prediction mode from the keyboard: Q turns it on, End stops before the first question (as
    `awaitscope quiz` lists it), Right does not pass it, a wrong digit shows "Not quite." in the
    error colour and the right choice in the success colour."""
    quiz = subprocess.run([w.binary, "quiz", w.scenario, "--format", "json"], capture_output=True,
                          text=True, check=True)
    import json
    questions = json.loads(quiz.stdout)["questions"]
    expect(len(questions) >= 2, f"the example has questions: {quiz.stdout[:200]!r}")
    first = questions[0]
    ask_at = first["ask_step"] - 1
    w.keys("q")
    w.keys("End")
    title = w.settle_title()
    expect(w.step() == ask_at, f"End in prediction mode stops at step {ask_at}, title {title!r}")
    w.keys("Right", "Right")
    title = w.settle_title()
    expect(w.step() == ask_at, f"Right must not pass an unanswered question, title {title!r}")
    w.settle_screen()
    asked = w.shot("asked")
    ok0, err0 = count_colour(asked, OK_RGB, tolerance=4), count_colour(asked, ERROR_RGB, tolerance=40)
    wrong = 1 if first["answer"] == 0 else 0
    w.keys(str(wrong + 1))
    title = w.settle_title()
    want = first["step"] if questions[1]["ask_step"] != first["ask_step"] else ask_at
    expect(w.step() == want, f"an answer reveals at step {want}, title {title!r}")
    w.settle_screen()
    rows = w.shot("revealed")
    ok = count_colour(rows, OK_RGB, tolerance=4) - ok0
    err = count_colour(rows, ERROR_RGB, tolerance=40) - err0  # anti-aliased text
    print(f"revealed: {ok} success-colour and {err} error-colour pixels")
    # The example asks its first three questions at one point: the verdict (error colour) and
    # the right choice, outlined in the success colour, show above the next question.
    expect(ok > 60 and err > 20, "the card does not show the verdict and the right choice")


def test_export_gif(w):
    """File > Save steps as PNGs or a GIF with the mouse and the keyboard: the range's last step
    typed in (49), then Save GIF. The progress dialog shows while it runs; Esc stops it: no GIF
    and no temporary file are left, and the window answers keys again. (A GIF made to the end is
    checked in-process and on the command line: tests/gui/step_export_test.cpp, export_cli_test.cpp.)"""
    w.settle_screen()
    w.click(20, 9)            # File
    w.settle_screen()
    w.hover(80, 97)           # Save steps as PNGs or a GIF: its submenu opens to the right
    time.sleep(0.4)
    w.hover(330, 97)
    time.sleep(0.3)
    w.settle_screen()
    w.xdo("mousemove", "--window", w.wid, "478", "100")
    w.xdo("click", "--repeat", "2", "--delay", "80", "1")  # a double-click types into the field
    time.sleep(0.3)
    w.keys("ctrl+a")
    w.type("49")
    w.keys("Return")
    w.settle_screen()
    w.click(375, 188)         # Save GIF
    # The dialog sits in the middle of the window, its progress bar in the dark theme's
    # PlotHistogram colour; the export's own pictures are never shown over it.
    box = (WIDTH // 2 - 250, HEIGHT // 2 - 60, WIDTH // 2 + 250, HEIGHT // 2 + 60)
    bars = []
    wait_for("the progress dialog", lambda: bars.append(count_colour(w.shot("exporting", box), (230, 179, 0),
                                                                     tolerance=12)) or bars[-1] > 20,
             timeout=20, interval=0.02)
    w.keys("Escape")
    print(f"progress dialog: {bars[-1]} pixels of its bar, then Esc")
    time.sleep(1.0)
    w.settle_screen()
    leftovers = [f for f in os.listdir(w.home) if ".gif" in f]
    expect(not leftovers, f"a cancelled GIF left files: {leftovers}")
    w.keys("Home", "Right", "Right")
    title = w.settle_title()
    expect(w.step() == 1, f"keys work again after the cancel, title {title!r}")


# The What-if panel's "differs" row colour (gui/views/views.h kWhatIfDiffColor, as RGB).
WHATIF_DIFF_RGB = (150, 60, 122)
WHATIF_RUN = (484, 120)    # "Run what-if" in layout `whatif`, executor picked
WHATIF_OPEN = (250, 145)  # "Open the changed run" once a result is shown


def test_whatif_panel(w):
    """W opens the What-if layout; the change it starts with (another executor: busy, for the
    waker-driven example) runs with a click on Run what-if, the summary lights the rows that
    differ, and Open the changed run makes the busy run the main run (the title's last step)."""
    w.keys("w")
    w.settle_screen()
    before = w.shot("whatif")
    panel = (0, 40, int(WIDTH * 0.64), HEIGHT)
    lit0 = count_colour(before, WHATIF_DIFF_RGB, panel, tolerance=6)
    title0 = w.settle_title()
    expect(title0.startswith("example ") and "/50 " in title0, f"the example's run has 50 steps: {title0!r}")
    w.click(*WHATIF_RUN)
    w.settle_screen()
    after = w.shot("whatif-run")
    lit = count_colour(after, WHATIF_DIFF_RGB, panel, tolerance=6) - lit0
    print(f"what-if: {lit} pixels of differing rows")
    expect(lit > 2000, "Run what-if shows no differing rows in the summary")
    w.click(*WHATIF_OPEN)
    title = w.settle_title()
    busy = subprocess.run([w.binary, "run", w.scenario, "--executor", "busy"], capture_output=True, text=True)
    steps = sum(1 for line in busy.stdout.splitlines() if line.startswith("t="))
    expect(f"/{steps - 1} " in title, f"the busy run ({steps} events) is the main run now: title {title!r}")


WHATIF_KIND = (185, 120)       # the change picker
WHATIF_KIND_BLOCKING = (140, 260)  # its seventh entry, "a call made blocking"
WHATIF_RUN_BLOCKING = (665, 120)   # "Run what-if" beside the request list


def test_whatif_blocking(w):
    """In the What-if layout a teacher opens the change picker with a click, chooses "a call made
    blocking" (the request list starts at #1, the read of foo.txt) and runs it: the rows that
    differ light up (polls, Pending and wakes drop by one), and since the change is injected into
    the run, Open the changed run keeps the main run as it is."""
    w.keys("w")
    w.settle_screen()
    panel = (0, 40, int(WIDTH * 0.64), HEIGHT)
    lit0 = count_colour(w.shot("whatif-blocking"), WHATIF_DIFF_RGB, panel, tolerance=6)
    w.click(*WHATIF_KIND)
    w.settle_screen()
    w.click(*WHATIF_KIND_BLOCKING)
    w.settle_screen()
    w.click(*WHATIF_RUN_BLOCKING)
    w.settle_screen()
    after = w.shot("whatif-blocking-run")
    lit = count_colour(after, WHATIF_DIFF_RGB, panel, tolerance=6) - lit0
    print(f"what-if blocking: {lit} pixels of differing rows")
    expect(lit > 1000, "Run what-if with a blocking read shows no differing rows in the summary")
    w.click(*WHATIF_OPEN)
    title = w.settle_title()
    expect("/50 " in title, f"an injected change is not opened as the main run: title {title!r}")


TESTS = {
    "quick_taps": (test_quick_taps, "example.toml", ["--step", "0"]),
    "gallery_click_and_type": (test_gallery_click_and_type, "example.toml", []),
    "editor_click_and_type": (test_editor_click_and_type, "example.toml", []),
    "gallery_keyboard": (test_gallery_keyboard, "example.toml", []),
    "memory_hover": (test_memory_hover, "example.toml", []),
    "presentation_current_line": (test_presentation_current_line, "example_long.toml", ["--step", "30"]),
    "idle_cpu": (test_idle_cpu, "example.toml", []),
    "language_menu": (test_language_menu, "example.toml", ["--lang", "en"]),
    "export_menu": (test_export_menu, "example.toml", ["--lang", "en"]),
    "export_gif": (test_export_gif, "example.toml", ["--lang", "en"]),
    "prediction_keys": (test_prediction_keys, "example.toml", ["--lang", "en"]),
    "whatif_panel": (test_whatif_panel, "example.toml", ["--lang", "en"]),
    "whatif_blocking": (test_whatif_blocking, "example.toml", ["--lang", "en"]),
    "executor_stepping": (test_executor_stepping, "scripted_simple_executor.toml", ["--lang", "en"]),
}


def main(argv):
    if len(argv) != 4 or argv[3] not in TESTS:
        print(__doc__.strip() + "\nTEST: " + ", ".join(TESTS), file=sys.stderr)
        return 2
    binary, scenarios, name = os.path.abspath(argv[1]), os.path.abspath(argv[2]), argv[3]
    test, scenario, extra = TESTS[name]
    try:
        w = Window(binary, os.path.join(scenarios, scenario), extra)
    except Skip as e:
        print(f"SKIP {name}: {e}")
        return SKIP
    except Failure as e:
        print(f"FAIL {name}: {e}")
        return 1
    try:
        test(w)
    except Failure as e:
        print(f"FAIL {name}: {e} (last title {w.title()!r})")
        return 1
    finally:
        w.close()
    print(f"PASS {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
