#!/usr/bin/env python3
"""A real LSP client for `adlaw lsp`: starts the server, speaks JSON-RPC over its stdin and
stdout like an editor, and checks what comes back. Standard library only.

    python3 scripts/e2e/lsp_client.py ADLAW [--latency-runs N] [--max-ms MS] [--timeout S]

Fails at once, with the server's words, when the server reports an error through
window/showMessage (e.g. no rule pack found), and fails when no message arrives within the
timeout (default 60 s): it never waits for diagnostics that will not come.

Checks diagnostics on open and change (UTF-16 positions), hover, the quick fix, settings
from .adlaw.yml, shutdown; then times a 20 KB Markdown document: from the didChange written
to the publishDiagnostics read, median and worst of N edits.
"""
import argparse, json, os, pathlib, shutil, signal, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[2]


class ServerError(Exception):
    """The server said it cannot work (an error window/showMessage), or went silent."""


class Client:
    def __init__(self, argv, cwd, timeout=60.0):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.pending = []
        self.timeout = timeout

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        """The next message from the server. An error shown to the user ends the run: a client
        waiting for diagnostics after it would wait for ever."""
        message = self._read_within_timeout()
        if message.get("method") == "window/showMessage" and message["params"].get("type") == 1:
            raise ServerError("the server reported an error (window/showMessage): " + message["params"]["message"])
        return message

    def _read_within_timeout(self):
        def expired(signum, frame):
            raise ServerError(f"no message from the server within {self.timeout:g} s")
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            return self._read_message()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _read_message(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise ServerError("the server closed its output; stderr: " + self.proc.stderr.read().decode())
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]
            self.pending.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        """The next publishDiagnostics for uri (earlier ones already read count too)."""
        while True:
            for i, message in enumerate(self.pending):
                if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    del self.pending[i]
                    return message["params"]
            self.pending.append(self.read())


def expect(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok  -", what)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("adlaw")
    parser.add_argument("--latency-runs", type=int, default=20)
    parser.add_argument("--max-ms", type=float, default=None, help="fail when the median latency is above this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for any one message from the server")
    args = parser.parse_args()
    try:
        run(args)
    except ServerError as error:
        sys.exit(f"not ok - {error}")


def run(args):
    workspace = pathlib.Path(tempfile.mkdtemp(prefix="adlaw-lsp-"))
    client = None
    try:
        (workspace / ".adlaw.yml").write_text("version: 1\nsectors:\n  - paths: ['food/**']\n    sectors: [food]\n", encoding="utf-8")
        (workspace / "food").mkdir()
        page = workspace / "food" / "page.md"
        text = "# 新品上市\n\n😀 每天一杯，預防感冒。\n\n本商品網路限定，恕不退換。\n"
        page.write_text(text, encoding="utf-8")
        uri = page.as_uri()

        client = Client([os.path.abspath(args.adlaw), "lsp", "--stdio"], cwd=str(workspace), timeout=args.timeout)
        init = client.request("initialize", {"processId": os.getpid(), "rootUri": workspace.as_uri(), "capabilities": {}})
        expect(init["capabilities"]["positionEncoding"] == "utf-16", "initialize: positions in UTF-16")
        expect(init["capabilities"]["hoverProvider"] and init["capabilities"]["codeActionProvider"], "initialize: hover and code actions offered")
        client.notify("initialized", {})

        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        published = client.diagnostics(uri)
        by_code = {d.get("code"): d for d in published["diagnostics"]}
        food = by_code.get("food.medical-efficacy")
        expect(food is not None, "didOpen: food.medical-efficacy reported (sector from .adlaw.yml `sectors:` glob)")
        expect(food["range"] == {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 12}},
               "didOpen: 預防感冒 at line 2, UTF-16 characters 8-12 (the emoji counts 2)")
        line = text.split("\n")[2]
        start, end = food["range"]["start"]["character"], food["range"]["end"]["character"]
        expect(line.encode("utf-16-le")[start * 2:end * 2].decode("utf-16-le") == "預防感冒", "the range slices 預防感冒 out of the line in UTF-16")
        expect("consumer-protection.no-return" in by_code, "didOpen: consumer-protection.no-return reported")

        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9}})
        value = hover["contents"]["value"]
        expect("食品安全衛生管理法 第28條第2項" in value and "罰鍰" in value, "hover: citation and penalty")
        expect("食品" in value and len(value) > 200, "hover: rationale")

        nr = by_code["consumer-protection.no-return"]
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": nr["range"], "context": {"diagnostics": [nr]}})
        expect(len(actions) == 1 and actions[0]["kind"] == "quickfix", "codeAction: one quick fix for 恕不退換")
        edit = actions[0]["edit"]["changes"][uri][0]
        lines = text.split("\n")
        target = lines[edit["range"]["start"]["line"]]
        s16 = target.encode("utf-16-le")
        fixed_line = (s16[:edit["range"]["start"]["character"] * 2].decode("utf-16-le") + edit["newText"]
                      + s16[edit["range"]["end"]["character"] * 2:].decode("utf-16-le"))
        lines[edit["range"]["start"]["line"]] = fixed_line
        fixed = "\n".join(lines)
        expect(fixed_line == "本商品網路限定，收到商品次日起7日內可無條件退貨。", "codeAction: the edit replaces exactly 恕不退換")

        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
        published = client.diagnostics(uri)
        codes = [d.get("code") for d in published["diagnostics"]]
        expect(published.get("version") == 2 and "consumer-protection.no-return" not in codes and "food.medical-efficacy" in codes,
               "didChange: the fixed sentence is clean, the other finding stays")

        # Latency on a 20 KB document: the sample campaign's copy repeated.
        parts = []
        for name in ["product-page.md", "brand-story.txt", "social-post.txt", "sweepstakes.md"]:
            copy = (ROOT / "Corpus/sample-campaign" / name).read_text(encoding="utf-8")
            if copy.startswith("---\n"):
                copy = copy.split("\n---\n", 1)[1]  # one front matter, at the top of the big document
            parts.append(copy)
        sample = "\n\n".join(parts)
        big = "---\nsector: food\n---\n"
        while len(big.encode()) < 20 * 1024:
            big += sample + "\n\n"
        big = big.encode()[:20 * 1024].decode("utf-8", "ignore")
        big_uri = (workspace / "big.md").as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": big_uri, "languageId": "markdown", "version": 1, "text": big}})
        first = client.diagnostics(big_uri)
        expect(len(first["diagnostics"]) > 0, f"20 KB document: {len(first['diagnostics'])} diagnostics")
        times = []
        for version in range(2, 2 + args.latency_runs):
            edited = big + "\n" + "x" * version  # a new text each time
            started = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": big_uri, "version": version}, "contentChanges": [{"text": edited}]})
            client.diagnostics(big_uri)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        print(f"latency: 20 KB ({len(big.encode())} bytes) Markdown, {len(times)} edits: median {median:.1f} ms, worst {max(times):.1f} ms")
        if args.max_ms is not None:
            expect(median <= args.max_ms, f"median latency {median:.1f} ms <= {args.max_ms} ms")

        client.request("shutdown", None)
        client.notify("exit", None)
        expect(client.proc.wait(timeout=10) == 0, "shutdown then exit: exit code 0")
        print("lsp: all checks passed")
    finally:
        if client is not None and client.proc.poll() is None:
            client.proc.kill()
            client.proc.wait()
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
