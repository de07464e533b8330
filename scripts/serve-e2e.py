#!/usr/bin/env python3
"""`fundflow serve` in a real headless browser (Debian's chromium through chromium-driver).

    scripts/serve-e2e.py FUNDFLOW_BINARY SCREENSHOT_DIR

Opens the app on the demo case plus a file of hostile account ids, then as an investigator would:
searches an account, opens its page, opens it in the graph, clicks a node and expands it, narrows
the time window, annotates an account, reloads and sees the note. A hostile id must show verbatim
in the search results and on its page. Saves a screenshot of every step in SCREENSHOT_DIR. Exits
non-zero with the step that failed. WebDriver is spoken over plain HTTP (no selenium needed).
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HOSTILE = '<b>&amp;</b>"\\\'{}'  # <b>&amp;</b>"\'{}
HOSTILE_CSV = (
    "id,time,from,to,amount,channel\n"
    'H1,2024-02-05 10:00:00,"' + HOSTILE.replace('"', '""') + '",6214167745961732,88.00,transfer\n'
    'H2,2024-02-05 10:05:00,6214167745961732,"' + HOSTILE.replace('"', '""') + '",8.00,transfer\n'
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, driver_url):
        self.base = driver_url
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}").get("value", {}) if path != "/session" else json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"webdriver {method} {path}: {error.read().decode(errors='replace')[:400]}")

    def s(self, path, method="POST", body=None):
        return self.call(method, f"/session/{self.session}{path}", {} if body is None and method == "POST" else body)

    def go(self, url): self.s("/url", body={"url": url})
    def run(self, script, *args): return self.s("/execute/sync", body={"script": script, "args": list(args)})
    def find(self, css):
        value = self.s("/element", body={"using": "css selector", "value": css})
        return next(iter(value.values()))
    def click(self, css): self.s(f"/element/{self.find(css)}/click")
    def type(self, css, text): self.s(f"/element/{self.find(css)}/value", body={"text": text})
    def text(self, css): return self.s(f"/element/{self.find(css)}/text", method="GET")
    def shot(self, path):
        with open(path, "wb") as f: f.write(base64.b64decode(self.s("/screenshot", method="GET")))
    def quit(self): self.s("", method="DELETE")

    def wait(self, condition, what, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            try:
                if self.run("return " + condition):
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"timed out waiting for {what}")

    def ready(self, prefix, what):
        self.wait(f"(document.body.dataset.ready || '').startsWith({json.dumps(prefix)})", what)


def main():
    binary, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fundflow-e2e-")
    hostile = os.path.join(work, "hostile.csv")
    with open(hostile, "w", encoding="utf-8") as f: f.write(HOSTILE_CSV)
    case = os.path.join(work, "case")
    # The demo case beside the cash-bridge fixture (its victims added), traced across the bridges.
    victims = os.path.join(work, "victims.csv")
    with open(victims, "w", encoding="utf-8") as f:
        f.write(open("fixtures/demo/victims.csv", encoding="utf-8").read().rstrip("\n") + "\n")
        f.write("".join(open("fixtures/cash-bridges/victims.csv", encoding="utf-8").readlines()[1:]))
    server = subprocess.Popen([binary, "serve", "fixtures/demo/transfers.csv", "fixtures/cash-bridges/transfers.csv", hostile,
                               "--victims", victims, "--cash-bridges", "--case", case, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    browser = None
    step = "starting the server"
    try:
        first = server.stdout.readline().strip()
        if not first.startswith("fundflow serving http://127.0.0.1:"):
            raise RuntimeError(f"first line: {first!r}; stderr: {server.stderr.read()[:400]}")
        url = first.split()[-1]
        step = "starting chromium-driver"
        port = free_port()
        driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        browser = Browser(f"http://127.0.0.1:{port}")

        step = "the overview"
        browser.go(url)
        browser.ready("/", step)
        assert "Case overview" in browser.text("h1"), step
        browser.shot(f"{shots}/1-overview.png")

        step = "the cash bridges, followed and marked inferred"
        browser.wait("document.getElementById('bridges') !== null", step)
        statuses = browser.run("const t = document.getElementById('bridges').nextElementSibling.nextElementSibling; "
                               "return Array.from(t.querySelectorAll('tbody tr')).map(r => r.lastElementChild.textContent)")
        assert statuses == ["followed", "followed", "ambiguous"], f"bridge statuses {statuses!r}"
        assert browser.run("return Array.from(document.querySelectorAll('th')).some(th => th.textContent === 'inferred')"), "no inferred column"

        step = "searching an account by its holder's name"
        browser.type("#q", "郭平")
        browser.click("#search button")
        browser.ready("/search", step)
        browser.shot(f"{shots}/2-search.png")
        browser.click('a.acct[data-account="6214167745961732"]')

        step = "its account page"
        browser.ready("/account/", step)
        assert browser.text("h1").startswith("6214167745961732"), step
        browser.wait("document.querySelectorAll('#transfers tbody tr').length > 0", "the transfers table")
        browser.shot(f"{shots}/3-account.png")

        step = "opening it in the graph"
        browser.click("#open-graph")
        browser.ready("/graph", step)
        browser.wait("document.querySelectorAll('#chart svg g.node').length > 1", "the chart")
        before = browser.run("return document.querySelectorAll('#chart svg g.node').length")
        browser.shot(f"{shots}/4-graph.png")

        step = "clicking a node and expanding it"
        other = browser.run("const n = Array.from(document.querySelectorAll('#chart g.clickable[data-account]')).find(g => g.dataset.account !== '6214167745961732'); return n && n.dataset.account")
        assert other, "no other account node to click"
        browser.click(f'#chart g.clickable[data-account="{other}"]')
        browser.wait("!document.getElementById('node-menu').hidden", "the node menu")
        browser.click('#node-menu button[data-action="expand"]')
        browser.wait(f"decodeURIComponent(location.hash).includes('account={other}') && document.querySelectorAll('#chart svg g.node').length > 0 && document.querySelectorAll('.chip').length === 2", "the expanded chart")
        after = browser.run("return document.querySelectorAll('#chart svg g.node').length")
        assert after >= before, f"expanding went from {before} to {after} nodes"
        browser.shot(f"{shots}/5-expanded.png")

        step = "narrowing the time window"
        browser.run("const f = document.getElementById('graph-controls'); f.since.value = '2024-02-11T13:00:00'; f.until.value = '2024-02-11T15:00:00';")
        browser.click("#graph-controls button")
        browser.wait("location.hash.includes('since=') && document.querySelector('#chart p') && document.querySelector('#chart p').textContent.includes('nodes')", step)
        narrowed = browser.run("return document.querySelectorAll('#chart svg g.node').length")
        assert narrowed < after, f"the window did not narrow the chart ({after} → {narrowed} nodes)"
        browser.shot(f"{shots}/6-window.png")

        step = "annotating an account"
        browser.go(url + "#/account/6214167745961732")
        browser.ready("/account/", step)
        browser.run("document.querySelector('#annotate select').value = 'frozen'")
        browser.type("#annotate input[name=note]", "已止付 — bank confirmed <script>")
        browser.click("#annotate button")
        browser.wait("document.querySelector('h1 .badge') !== null", "the badge")

        step = "reloading and seeing the note"
        browser.s("/refresh")
        browser.ready("/account/", step)
        assert browser.text("h1 .badge") == "frozen", step
        note = browser.run("return document.querySelector('#annotate input[name=note]').value")
        assert note == "已止付 — bank confirmed <script>", f"note after reload: {note!r}"
        browser.shot(f"{shots}/7-annotated.png")
        with open(os.path.join(case, "annotations.json"), encoding="utf-8") as f:
            assert "已止付" in f.read(), "annotations.json does not hold the note"

        step = "a hostile id, verbatim"
        browser.go(url + "#/search?q=" + urllib.request.quote("<b>"))
        browser.ready("/search", step)
        shown = browser.run("return Array.from(document.querySelectorAll('a.acct')).map(a => a.textContent)")
        assert HOSTILE in shown, f"search shows {shown!r}"
        assert browser.run("return document.querySelectorAll('main b').length") == 0, "markup from an id was interpreted"
        browser.click("a.acct")
        browser.ready("/account/", step)
        assert browser.text("h1 .id") == HOSTILE, f"page title {browser.text('h1 .id')!r}"
        browser.shot(f"{shots}/8-hostile.png")
        print(f"serve-e2e: 9 steps passed in chromium; screenshots in {shots}/")
        return 0
    except Exception as error:
        if browser:
            try: browser.shot(f"{shots}/failed.png")
            except Exception: pass
        print(f"serve-e2e: failed at {step}: {error}", file=sys.stderr)
        return 1
    finally:
        if browser:
            try: browser.quit()
            except Exception: pass
        if driver: driver.terminate()
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
