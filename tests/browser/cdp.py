"""A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe).

No libraries: Chromium reads JSON commands, each ended by a NUL byte, from file descriptor 3 and
writes replies and events the same way to file descriptor 4. One page is opened and attached
(flat sessions); `evaluate` runs JavaScript in it and `wait_for` polls an expression.
"""

import json
import os
import select
import shutil
import subprocess
import tempfile
import time

SKIP = 77


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def find_chromium():
    """The Chromium binary, or Skip with a message naming the Debian package."""
    for name in (os.environ.get("AWAITSCOPE_CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    raise Skip("chromium not found (Debian: apt-get install chromium; scripts/install-deps.sh "
               "installs it)")


class Chromium:
    def __init__(self, width=1280, height=900):
        self.binary = find_chromium()
        self.profile = tempfile.mkdtemp(prefix="awaitscope-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds():
            # Through fresh numbers first: either pipe end may itself be 3 or 4.
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [self.binary, "--headless=new", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--allow-file-access-from-files", f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root
        self.proc = subprocess.Popen(args, preexec_fn=child_fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._next_id = 0
        self.events = []  # every event received, in order: (method, params)
        self.session = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        if page is None:
            page = {"targetId": self.call("Target.createTarget", url="about:blank")["targetId"]}
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"],
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")

    def close(self):
        try:
            self.call("Browser.close", _browser=True, _timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise Failure("Chromium closed its DevTools pipe (did it crash?)")
            self._buf += chunk
        message, self._buf = self._buf.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, _browser=False, _timeout=30, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session and not _browser and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + _timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise Failure(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append((reply["method"], reply.get("params", {})))
                if reply["method"] == "Page.javascriptDialogOpening":
                    # An alert() would block the page; note it and dismiss it.
                    self._dismiss_dialog()

    def _dismiss_dialog(self):
        self._next_id += 1
        message = {"id": self._next_id, "method": "Page.handleJavaScriptDialog",
                   "params": {"accept": True}, "sessionId": self.session}
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")

    def navigate(self, url):
        self.call("Page.navigate", url=url)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise Failure(f"JavaScript error in {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, what, expression, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")

    def press(self, key):
        """Presses and releases a printable key, as a keyboard does."""
        code = "Key" + key.upper() if key.isalpha() else ""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code,
                      "windowsVirtualKeyCode": ord(key.upper())}
            if kind == "keyDown":
                params["text"] = key
            self.call("Input.dispatchKeyEvent", **params)

    def console(self):
        """The console messages so far, as (level, text)."""
        out = []
        for method, params in self.events:
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
                out.append((params["type"], text))
            elif method == "Runtime.exceptionThrown":
                out.append(("exception", json.dumps(params["exceptionDetails"])[:500]))
            elif method == "Page.javascriptDialogOpening":
                out.append(("dialog", params.get("message", "")))
        return out

    def screenshot(self, path):
        import base64
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
