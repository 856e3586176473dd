#!/usr/bin/env python3
"""The interactive HTML map in a real browser (issue 19): Chromium from the distribution,
headless, driven by the URL fragment the page honours (#select=, #find=, #hide=, #tab=,
#finding=). Python standard library only.

Usage: python3 tests/browser/run.py PATH/TO/depdig

What a careful person expects to see, written before the first run:
- manufacturing-erp.html at 1280x800 is a map, not a blank page: at least 2 % of the picture's
  pixels differ from the page background and there are dozens of distinct colours (anti-aliased
  text, the Okabe-Ito line colours, debt badges).
- #select=erp-core shows "ERP core" as the details heading, "ERP database" among what it depends
  on (data access), "Portal API" among what uses it, and its open debt item "Finance batch window
  01:00-04:00 vs 24/7 customer service"; the page says it is ready (data-ready) and its embedded,
  subset font loaded (data-font="loaded").
- #find=inventory marks the two systems whose names contain it (Legacy inventory, Inventory
  files) and says "2 matches".
- #hide=async,data hides every async dependency (class "off") and un-presses the "Async
  message" toggle; other types stay. The data access dependencies' labels (the map is exported
  with --edge-labels) and debt badges are hidden with their lines.
- #finding=1 shows the first finding of `depdig analyze` with "#1 " in the details heading;
  with &tab=view:... the view's picture is shown and the map's hidden.
- trading-before.html's scenario tab with Trading platform selected: its sync call to Risk
  management is "(removed in this scenario)" and its call to the Trade event stream "(added in
  this scenario)".
- escaping.ron (systems named <script>alert(1)</script> and "><img src=x onerror=alert(1)>, a
  dependency labelled </script>, a debt item titled <img ...>): the DOM has exactly the page's two
  <script> elements and no <img> element; the names are text in the details (#select=checkout),
  with the failure mode "RPN 84, last rehearsed 2026-10-14".
- The Content-Security-Policy blocks code that is not the page's: a copy of the page with an
  injected inline script and an <img onerror> runs neither (no data-pwned on <body>) while the
  page's own script still runs (data-ready).
- Real input over the DevTools protocol on manufacturing-erp.html: hovering ERP core shows a
  tooltip with "Owner: ERP Competence Centre...", "Tech: SAP ECC 6.0" and "Dependants: 4 direct";
  clicking it shows its details; the wheel zooms in (the viewBox narrows); a drag pans and selects
  nothing; typing "inventory" in the find box and Enter selects one of the two inventories; Tab
  from there reaches a system and Enter shows it; clicking "Async message" hides the async lines;
  clicking the first finding shows "#1 ..." and marks what it involves; clicking a view's tab
  hides the map's picture.
The whole run stays under 60 s.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append((name, bool(ok)))
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(exe, args, timeout=30):
    # Each run its own profile: runs side by side never share (or lock) one.
    with tempfile.TemporaryDirectory(prefix="depdig-chromium-") as profile:
        base = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-extensions", "--virtual-time-budget=2000",
                "--user-data-dir=" + profile]
        run = subprocess.run(base + args, capture_output=True, timeout=timeout, check=False)
    return run.stdout.decode("utf-8", "replace")


def dump(exe, url):
    return browser(exe, ["--dump-dom", url])


def screenshot(exe, url, out, size="1280,800"):
    browser(exe, ["--screenshot=" + str(out), "--window-size=" + size, url])
    return out.read_bytes() if out.exists() else b""


def png_pixels(data):
    """(width, height, rows of (r, g, b)) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def not_blank(name, png):
    try:
        width, height, rows = png_pixels(png)
    except (ValueError, zlib.error, struct.error) as e:
        check(name, False, f"cannot read the screenshot: {e}")
        return
    # The map's stage: below the header, left of the side panel.
    stage = [px for row in rows[height // 8:height * 7 // 8] for px in row[:width * 2 // 3]]
    background = max(set(stage[::97]), key=stage[::97].count)
    differ = sum(1 for px in stage if px != background) / max(len(stage), 1)
    colours = len(set(stage))
    check(f"{name}: the map is drawn ({differ:.1%} non-background pixels, {colours} colours)",
          differ >= 0.02 and colours >= 24, f"background {background}")


def body_tag(dom):
    m = re.search(r"<body[^>]*>", dom)
    return m.group(0) if m else dom[:200]


def details_of(dom):
    m = re.search(r'<section id="details".*?</section>', dom, re.S)
    return m.group(0) if m else ""


def classes_of(dom, tag_class, attr, value):
    """The class lists of <g class="TAG_CLASS ..."> elements whose ATTR is VALUE."""
    out = []
    for m in re.finditer(r'<g class="(' + tag_class + r'[^"]*)"([^>]*)>', dom):
        if f'{attr}="{value}"' in m.group(2):
            out.append(m.group(1).split())
    return out


class Browser:
    """One headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
    it reads commands from fd 3 and writes answers to fd 4, each a JSON text ending in NUL)."""

    def __init__(self, exe, url, size=(1280, 800)):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.profile = tempfile.mkdtemp(prefix="depdig-chromium-")
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-extensions", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile,
             f"--window-size={size[0]},{size[1]}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=fds)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.next_id, self.buffer, self.session = 0, b"", None
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})
        deadline = time.monotonic() + 15
        while self.js("document.body && document.body.dataset.ready") != "true":
            if time.monotonic() > deadline:
                raise TimeoutError("the page's script never said it was ready")
            time.sleep(0.1)

    def send(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 15
        while True:
            while b"\0" not in self.buffer:
                if time.monotonic() > deadline:
                    raise TimeoutError(method)
                chunk = os.read(self.from_chrome, 65536)
                if not chunk:
                    raise ConnectionError("Chromium closed the pipe")
                self.buffer += chunk
            text, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(text)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def centre(self, selector):
        """The middle of the first visible element matching SELECTOR, in CSS pixels."""
        return self.js("(() => { const e = Array.from(document.querySelectorAll(" +
                       json.dumps(selector) + ")).find((x) => x.getClientRects().length);"
                       " if (!e) return null;"
                       " if (!(e instanceof SVGElement)) e.scrollIntoView({block: 'center'});"
                       " const r = e.getBoundingClientRect();"
                       " return [r.x + r.width / 2, r.y + r.height / 2]; })()")

    def mouse(self, kind, x, y, **extra):
        self.send("Input.dispatchMouseEvent", dict({"type": kind, "x": x, "y": y}, **extra))

    def click(self, x, y):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, button="left", buttons=1, clickCount=1)
        self.mouse("mouseReleased", x, y, button="left", buttons=0, clickCount=1)

    def key(self, key, code, keycode):
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {
                "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode})
        if key == "Enter":
            self.send("Input.dispatchKeyEvent", {"type": "char", "text": "\r"})

    def close(self):
        try:
            self.send("Browser.close")
        except (OSError, ConnectionError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


def interact(exe, url):
    """Real pointer and keyboard input through the DevTools protocol."""
    b = Browser(exe, url)
    try:
        heading = "document.querySelector('#details h2').textContent"
        box = "document.querySelector('.picture:not([hidden]) svg').getAttribute('viewBox')"
        at = b.centre('g.system[data-id="erp-core"]')
        b.mouse("mouseMoved", at[0], at[1])
        tip = b.js("document.getElementById('tooltip').hidden ? '' :"
                   " document.getElementById('tooltip').textContent")
        check("hover: tooltip with kind, owner, tech and dependants",
              tip.startswith("ERP core") and "Owner: ERP Competence Centre" in tip
              and "Tech: SAP ECC 6.0" in tip and "Dependants: 4 direct" in tip, repr(tip))
        b.click(at[0], at[1])
        check("click: the details show the system", b.js(heading) == "ERP core", b.js(heading))

        before = b.js(box)
        b.mouse("mouseWheel", at[0], at[1], deltaX=0, deltaY=-400)
        after = b.js(box)
        check("wheel: zooms in", float(after.split()[2]) < float(before.split()[2]),
              f"{before} -> {after}")
        empty = b.centre("#stage")
        b.mouse("mouseMoved", 20, empty[1])
        b.mouse("mousePressed", 20, empty[1], button="left", buttons=1, clickCount=1)
        for step in range(1, 6):
            b.mouse("mouseMoved", 20 + step * 30, empty[1] + step * 10, button="left", buttons=1)
        b.mouse("mouseReleased", 170, empty[1] + 50, button="left", buttons=0, clickCount=1)
        moved = b.js(box)
        check("drag: pans without selecting",
              moved.split()[:2] != after.split()[:2] and b.js(heading) == "ERP core",
              f"{after} -> {moved}, {b.js(heading)}")

        find = b.centre("#find")
        b.click(find[0], find[1])
        b.send("Input.insertText", {"text": "inventory"})
        b.key("Enter", "Enter", 13)
        check("find box: Enter selects the first match",
              b.js(heading) in ("Inventory files", "Legacy inventory"), b.js(heading))

        # Tab from the find box through the buttons to the first system, Enter selects it.
        focused = ""
        for _ in range(8):
            b.key("Tab", "Tab", 9)
            focused = b.js("document.activeElement.getAttribute('data-id') || ''")
            if focused:
                break
        name = b.js(f"document.querySelector('g.system[data-id={json.dumps(focused)}]')"
                    ".getAttribute('aria-label')") if focused else ""
        b.key("Enter", "Enter", 13)
        check("keyboard: Tab reaches a system, Enter shows it",
              focused and name.startswith(b.js(heading) + ","), f"{focused!r} {name!r}")

        toggle = b.centre('#type-list button[data-type="async"]')
        b.click(toggle[0], toggle[1])
        hidden = b.js("Array.from(document.querySelectorAll('g.dependency[data-type=async]'))"
                      ".every((g) => g.classList.contains('off') && !g.getClientRects().length)")
        check("legend toggle: a click hides that type's lines", hidden is True, str(hidden))
        b.click(toggle[0], toggle[1])

        finding = b.centre("#finding-list button")
        b.click(finding[0], finding[1])
        involved = b.js("document.querySelectorAll('.picture:not([hidden]) .inv').length")
        check("finding: a click highlights what it involves",
              b.js(heading).startswith("#1 ") and involved > 0, f"{b.js(heading)} {involved}")

        tab = b.centre('nav button[data-tab^="view:"]')
        b.click(tab[0], tab[1])
        check("tabs: a click shows the view's picture",
              b.js("document.querySelector('.picture[data-picture=\"0\"]').hidden") is True,
              "the map's picture is still shown")
    finally:
        b.close()


def main():
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    depdig = sys.argv[1]
    exe = chromium()
    if exe is None:
        if os.environ.get("DEPDIG_REQUIRE_TOOLS") or os.environ.get("CI"):
            print("FAIL chromium is required here (apt-get install chromium)")
            return 1
        print("skipped: no chromium on this machine (apt-get install chromium)")
        return 0
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="depdig-browser-"))
    try:
        for src, out, extra in [
            (ROOT / "samples/manufacturing-erp.ron", tmp / "map.html", ["--edge-labels"]),
            (ROOT / "tests/browser/escaping.ron", tmp / "escaping.html", []),
            (ROOT / "samples/trading-before.ron", tmp / "projector.html", ["--theme", "projector"]),
        ]:
            run = subprocess.run([depdig, "export", str(src), "-o", str(out)] + extra,
                                 capture_output=True, check=False)
            check(f"export {src.name} -> {out.name}", run.returncode == 0 and out.exists(),
                  run.stderr.decode("utf-8", "replace"))
        url = (tmp / "map.html").as_uri()
        esc = (tmp / "escaping.html").as_uri()
        # Code that is not the page's own must not run: inject some into a copy; and the same
        # injection without the policy does run, so that check can fail.
        page = (tmp / "escaping.html").read_text(encoding="utf-8")
        injected = page.replace(
            "<main>",
            "<script>document.body.setAttribute('data-pwned','script')</script>"
            "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"><main>", 1)
        (tmp / "injected.html").write_text(injected, encoding="utf-8")
        (tmp / "no-csp.html").write_text(
            re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected, count=1),
            encoding="utf-8")
        # Each browser run starts Chromium anew (2-4 s): run them side by side.
        jobs = {
            "shot-map": lambda: screenshot(exe, url, tmp / "map.png"),
            "shot-esc": lambda: screenshot(exe, esc, tmp / "escaping.png"),
            "shot-projector": lambda: screenshot(exe, (tmp / "projector.html").as_uri(),
                                                 tmp / "projector.png", "1920,1080"),
            # Selecting, finding and hiding are independent: one page load checks all three.
            "select": lambda: dump(exe, url + "#select=erp-core&find=inventory&hide=async,data"),
            "esc": lambda: dump(exe, esc + "#select=checkout"),
            "scenario": lambda: dump(exe, (tmp / "projector.html").as_uri() +
                                     "#tab=scenario:queue-decoupling&select=trading-engine"),
            "injected": lambda: dump(exe, (tmp / "injected.html").as_uri()),
            "no-csp": lambda: dump(exe, (tmp / "no-csp.html").as_uri()),
        }
        view = re.search(r'"id":"(view:[^"]+)"', (tmp / "map.html").read_text(encoding="utf-8"))
        jobs["finding"] = lambda: dump(
            exe, url + "#finding=1" + ("&tab=" + view.group(1) if view else ""))
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = {k: pool.submit(f) for k, f in jobs.items()}
            out = {k: f.result() for k, f in futures.items()}
        try:
            interact(exe, url)
        except (OSError, ConnectionError, TimeoutError, RuntimeError, TypeError) as e:
            check("pointer and keyboard through the DevTools protocol", False, repr(e))

        not_blank("map.html 1280x800", out["shot-map"])
        not_blank("escaping.html 1280x800", out["shot-esc"])
        not_blank("projector.html 1920x1080", out["shot-projector"])

        dom = out["select"]
        check("the script ran", 'data-ready="true"' in dom, dom[:300])
        check("the embedded font loaded", 'data-font="loaded"' in dom, body_tag(dom))
        details = details_of(dom)
        check("details: heading", "<h2>ERP core</h2>" in details, details[:300])
        depends = details.split("Used by")[0]
        check("details: a dependency out", "ERP database</button>" in depends, details[:600])
        check("details: a dependency in", "Portal API</button>" in details.split("Used by")[-1],
              details[:600])
        check("details: its open debt item",
              "Finance batch window 01:00–04:00 vs 24/7 customer service" in details,
              details[-600:])
        check("selected system marked", ["system", "sel"] in
              classes_of(dom, "system", "data-id", "erp-core"), "no sel class")

        marked = [c for c in re.findall(r'<g class="(system[^"]*)"', dom) if "match" in c]
        count = re.search(r'<span id="find-count"[^>]*>([^<]*)</span>', dom)
        check("find: two matches", count and count.group(1) == "2 matches" and len(marked) >= 2,
              f"{count.group(1) if count else None!r}, {len(marked)} marked")

        asyncs = classes_of(dom, "dependency", "data-type", "async")
        syncs = classes_of(dom, "dependency", "data-type", "sync")
        check("hide: every async dependency is hidden, sync ones are not",
              asyncs and all("off" in c for c in asyncs) and syncs
              and not any("off" in c for c in syncs), f"{asyncs[:3]} {syncs[:3]}")
        # What belongs to a hidden type goes with its lines: dependency labels and debt badges.
        labels = classes_of(dom, "dependency-label-item", "data-type", "data")
        badges = classes_of(dom, "debt-badge", "data-type", "data")
        check("hide: the data access labels and debt badges are hidden",
              labels and badges and all("off" in c for c in labels)
              and all("off" in c for c in badges), f"{labels[:3]} {badges[:3]}")
        check("hide: the Async message toggle is off",
              re.search(r'<button[^>]*aria-pressed="false"[^>]*data-type="async"', dom)
              is not None, "toggle still pressed")

        details = details_of(out["finding"])
        check("finding 1 in the details", "<h2>#1 " in details, details[:300])

        if view:
            shown = re.findall(r'<div class="picture" data-picture="(\d+)"(?! hidden)',
                               out["finding"])
            check("a view's tab shows its own picture", shown and shown != ["0"], str(shown))
        else:
            check("the sample has a view tab", False, "no view tab")

        details = details_of(out["scenario"])
        check("scenario tab: the details say what the scenario removes and adds",
              re.search(r"Risk management</button><span[^>]*>[^<]*gRPC</span>"
                        r"<span class=\"change removed\"> \(removed in this scenario\)", details)
              and re.search(r"Trade event stream</button><span[^>]*>[^<]*</span>"
                            r"<span class=\"change added\"> \(added in this scenario\)", details),
              details[:900])

        dom = out["esc"]
        check("escaping: the script ran", 'data-ready="true"' in dom, dom[:300])
        check("escaping: only the page's two <script> elements",
              len(re.findall(r"<script\b", dom, re.I)) == 2,
              str(re.findall(r"<script\b[^>]*>", dom, re.I)))
        check("escaping: no <img> element", re.search(r"<img\b", dom, re.I) is None,
              "an <img> element was created")
        check("escaping: the names are text",
              "&lt;script&gt;alert(1)&lt;/script&gt;</button>" in dom
              and "\"&gt;&lt;img src=x onerror=alert(1)&gt;</button>" in dom, "names missing")
        check("escaping: the debt title is text",
              "&lt;img src=x onerror=alert(3)&gt; retries forever" in dom, "debt missing")
        check("escaping: failure mode with RPN and last rehearsal",
              "RPN 84, last rehearsed 2026-10-14" in dom, "failure mode missing")

        body = body_tag(out["injected"])
        check("CSP: injected code did not run, the page's own did",
              "data-pwned" not in body and 'data-ready="true"' in body, body)
        body = body_tag(out["no-csp"])
        check("without the policy the injected code runs (the check can fail)",
              "data-pwned" in body, body)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    took = time.monotonic() - started
    check(f"the browser test took {took:.0f} s (at most 60)", took <= 60)
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
