"""Helpers shared by the benchmarks in bench/ (not a test gate; nothing in CI runs them).

- find_adlaw: the binary to measure (--adlaw, else a release build, else a debug build, else PATH)
- find_data: ../shared/law/data beside the repository (or --data, or ADLAW_BENCH_DATA)
- check: one `adlaw check --format json` run, its report parsed
- ad_contents: every government example sentence (`ad_content`) of the data folder
- write_result: a benchmark's figures written to bench/results/<name>.md with the date and commit
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, "results")


def find_adlaw(explicit=None, prefer=("release", "debug")):
    """The adlaw binary: `explicit`, else .build/<kind>/adlaw in the order of `prefer`, else PATH."""
    if explicit:
        return explicit
    for kind in prefer:
        candidate = os.path.join(ROOT, ".build", kind, "adlaw")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("adlaw")
    if not found:
        sys.exit("no adlaw binary found: build one (swift build -c release) or pass --adlaw PATH")
    return found


def find_data(explicit=None, required_file=None):
    """The law data folder: `explicit`, ADLAW_BENCH_DATA, or ../shared/law/data beside the repository."""
    candidates = [explicit, os.environ.get("ADLAW_BENCH_DATA"), os.environ.get("ADLAW_GOV_DATA"),
                  os.path.join(ROOT, "..", "shared", "law", "data")]
    for candidate in candidates:
        if not candidate or not os.path.isdir(candidate):
            continue
        if required_file and not os.path.isfile(os.path.join(candidate, required_file)):
            continue
        return os.path.normpath(candidate)
    return os.path.normpath(explicit or os.path.join(ROOT, "..", "shared", "law", "data"))


def check(adlaw, paths, extra=(), allowed=(0, 1)):
    """Runs `adlaw check --format json` on `paths` and returns the parsed report."""
    command = [adlaw, "check", "--format", "json", "--fail-on", "never", "--no-color", *extra, *paths]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode not in allowed:
        sys.exit(f"adlaw failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def ad_contents(data_dir):
    """Every `ad_content` string in the data folder's JSON files, in file order, as written."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "ad_content" and isinstance(value, str):
                    out.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for name in sorted(os.listdir(data_dir)):
        if name.endswith(".json"):
            with open(os.path.join(data_dir, name), encoding="utf-8") as handle:
                walk(json.load(handle))
    return out


def commit():
    proc = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def write_result(name, text, command=None):
    """Writes a benchmark's output to bench/results/<name>.md, headed by the date, commit and command."""
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"{name}.md")
    header = [f"# {name}", "", f"- date: {datetime.date.today().isoformat()}", f"- commit: {commit()}"]
    if command:
        header.append(f"- command: `{command}`")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(header) + "\n\n```\n" + text.rstrip("\n") + "\n```\n")
    return path
