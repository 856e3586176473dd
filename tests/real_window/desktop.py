"""The desktop the suite drives: Xvfb, openbox, the app and xdotool, and screenshots read as pixels."""

import os
import re
import subprocess
import time

SCREEN_W, SCREEN_H = 1280, 800
# The window's inner size: smaller than the screen, so the title bar and the status bar are both visible.
WINDOW = "1240x760"

# Colours of the light theme (the default for a fresh HOME), used to find things on screenshots.
CANVAS_BG = (250, 250, 247)


def is_white(c):
    """A system's body on the canvas; a text field in a panel."""
    return c == (255, 255, 255)


def is_button(c):
    """A button's grey fill (a little darker while hovered)."""
    return c[0] == c[1] == c[2] and 215 <= c[0] <= 235


class StepFailed(Exception):
    pass


class Fatal(Exception):
    """A failure after which no further step can mean anything."""


# ---------------------------------------------------------------------------------------------------------
# Screenshots as pixels (ImageMagick writes a binary PPM; no image library needed)


class Shot:
    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        if not m:
            raise StepFailed(f"{path} is not a binary PPM screenshot")
        self.w, self.h = int(m.group(1)), int(m.group(2))
        self.px = data[m.end() :]

    def at(self, x, y):
        i = (y * self.w + x) * 3
        return tuple(self.px[i : i + 3])

    def boxes(self, x0, y0, x1, y1, colour):
        """Bounding boxes (x0, y0, x1, y1, pixel count) of the 4-connected areas whose pixels satisfy
        `colour` (a predicate on (r, g, b))."""
        w = x1 - x0
        seen = bytearray(w * (y1 - y0))
        found = []
        for y in range(y0, y1):
            for x in range(x0, x1):
                k = (y - y0) * w + (x - x0)
                if seen[k] or not colour(self.at(x, y)):
                    continue
                seen[k] = 1
                stack, bx0, by0, bx1, by1, n = [(x, y)], x, y, x, y, 0
                while stack:
                    cx, cy = stack.pop()
                    n += 1
                    bx0, by0, bx1, by1 = min(bx0, cx), min(by0, cy), max(bx1, cx), max(by1, cy)
                    for nx, ny in ((cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)):
                        if x0 <= nx < x1 and y0 <= ny < y1:
                            kk = (ny - y0) * w + (nx - x0)
                            if not seen[kk] and colour(self.at(nx, ny)):
                                seen[kk] = 1
                                stack.append((nx, ny))
                found.append((bx0, by0, bx1 + 1, by1 + 1, n))
        return found

    def canvas_rect(self):
        """The canvas: the extent of its background colour through the middle of the screen."""
        y = self.h // 2
        xs = [x for x in range(self.w) if self.at(x, y) == CANVAS_BG]
        if not xs:
            raise StepFailed("no canvas on the screen (is the window there and drawn?)")
        x = (xs[0] + xs[-1]) // 2
        ys = [yy for yy in range(self.h) if self.at(x, yy) == CANVAS_BG]
        return (xs[0], ys[0], xs[-1] + 1, ys[-1] + 1)

    def system_boxes(self, canvas):
        x0, y0, x1, y1 = canvas
        return sorted(
            b[:4] for b in self.boxes(x0, y0, x1, y1, is_white) if b[2] - b[0] >= 30 and b[3] - b[1] >= 12
        )


# ---------------------------------------------------------------------------------------------------------
# The desktop: Xvfb, openbox, the app, xdotool


class Desktop:
    def __init__(self, work, out, window_manager):
        self.work, self.out, self.window_manager = work, out, window_manager
        self.procs = []  # started here, ended here (by their own handles)
        self.env = None
        self.app = None
        self.wid = None

    def start(self):
        read_fd, write_fd = os.pipe()
        # -displayfd: the server picks a free display itself and writes its number.
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{SCREEN_W}x{SCREEN_H}x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.work, "xvfb.log"), "w"),
        )
        self.procs.append(xvfb)
        os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
        os.close(read_fd)
        if not number.strip().isdigit():
            raise Fatal("Xvfb did not start (see xvfb.log in the output directory)")
        home = os.path.join(self.work, "home")
        runtime = os.path.join(self.work, "runtime")
        for d in (home, runtime):
            os.makedirs(d, mode=0o700, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "WAYLAND_SOCKET", "XAUTHORITY")}
        env.update(
            DISPLAY=":" + number.decode().strip(),
            HOME=home,
            XDG_CONFIG_HOME=os.path.join(home, ".config"),
            XDG_DATA_HOME=os.path.join(home, ".local", "share"),
            XDG_STATE_HOME=os.path.join(home, ".local", "state"),
            XDG_CACHE_HOME=os.path.join(home, ".cache"),
            XDG_RUNTIME_DIR=runtime,
            DEPDIG_RECOVERY_DIR=os.path.join(self.work, "recovery"),
            DEPDIG_WINDOW=WINDOW,
            # Xvfb has no GPU: Mesa's software OpenGL (llvmpipe) draws the window.
            LIBGL_ALWAYS_SOFTWARE="1",
            WINIT_UNIX_BACKEND="x11",
        )
        self.env = env
        print(f"[real-window] display {env['DISPLAY']}", flush=True)
        if self.window_manager:
            wm = subprocess.Popen(
                ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            self.procs.append(wm)
            self.wait(lambda: self.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], check=False)[0] == 0, 10)

    def run(self, argv, check=True, timeout=30):
        r = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and r.returncode != 0:
            raise StepFailed(f"`{' '.join(argv)}` failed: {r.stderr.strip()}")
        return r.returncode, r.stdout

    def xdo(self, *args):
        return self.run(["xdotool", *map(str, args)])[1]

    @staticmethod
    def wait(cond, timeout, every=0.1):
        deadline = time.monotonic() + timeout
        while True:
            v = cond()
            if v or time.monotonic() > deadline:
                return v
            time.sleep(every)

    def open_app(self, binary, workspace):
        log = open(os.path.join(self.out, "app.log"), "a")
        self.app = subprocess.Popen([binary, workspace], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(self.app)
        try:
            _, out = self.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.app.pid)], timeout=30)
        except subprocess.TimeoutExpired:
            out = ""
        if self.app.poll() is not None:
            raise Fatal(f"depdig exited at start with status {self.app.returncode} (see app.log)")
        ids = out.split()
        if not ids:
            raise Fatal("depdig's window did not appear within 30 s (see app.log)")
        self.wid = ids[0]
        # Asks the window manager to give the window the keyboard; without one this does nothing.
        self.run(["xdotool", "windowactivate", "--sync", self.wid], check=False, timeout=10)

    def close_app(self):
        """Ends the app this desktop started (by its own handle) and waits until it is gone."""
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait(5)
        self.app, self.wid = None, None

    def title(self):
        code, out = self.run(["xdotool", "getwindowname", self.wid], check=False)
        return out.strip() if code == 0 else ""

    def shot(self, path):
        self.run(["import", "-window", "root", "-depth", "8", path])

    def pixels(self):
        path = os.path.join(self.work, "now.ppm")
        self.shot("ppm:" + path)
        return Shot(path)

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(5)
