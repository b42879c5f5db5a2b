#!/usr/bin/env python3
"""One million generated listings through `adlaw check --jsonl` inside PySpark (local mode), with
RDD.pipe: each partition streams its records through one adlaw process. Not a test gate.

Installs pyspark into bench/.venv (PyPI) when it is missing; Java 17 must be on PATH.
Writes bench/results/spark.md: records, partitions, cores, seconds, records/s, findings.

Usage: bench/spark.py [--adlaw PATH] [--count 1000000] [--partitions 8] [--cores 2]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")


def ensure_pyspark():
    try:
        import pyspark  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "pyspark==4.3.0"], check=True)
    if os.path.realpath(sys.executable) != os.path.realpath(python):
        os.execv(python, [python] + sys.argv)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--adlaw")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    ensure_pyspark()
    sys.path.insert(0, HERE)
    import benchlib
    from pyspark.sql import SparkSession
    adlaw = os.path.abspath(benchlib.find_adlaw(args.adlaw))
    # In a hidden folder, under a name Hadoop lists: its input formats skip files named .* and _*.
    work = os.path.join(HERE, ".spark")
    os.makedirs(work, exist_ok=True)
    listings = os.path.join(work, "listings.jsonl")
    if not os.path.exists(listings) or sum(1 for _ in open(listings, encoding="utf-8")) != args.count:
        with open(listings, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "make-listings.py"), "--count", str(args.count)], stdout=out, check=True)

    spark = (SparkSession.builder.master(f"local[{args.cores}]").appName("adlaw-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    context = spark.sparkContext
    context.setLogLevel("ERROR")
    # Each adlaw process checks its records on one core: Spark gives the parallelism.
    command = f"{adlaw} check --jsonl - --jobs 1 --fail-on never"
    env = {"ADLAW_CACHE_DIR": os.path.join(work, "cache")}
    subprocess.run([adlaw, "check", "--jsonl", os.devnull], env={**os.environ, **env}, check=False)  # fills the caches
    records = context.textFile(listings, minPartitions=args.partitions)
    load_start = " ".join(open("/proc/loadavg").read().split()[:3])
    started = time.monotonic()
    results = records.pipe(command, env=env).map(lambda line: len(json.loads(line).get("findings", [])))
    total, findings = results.map(lambda n: (1, n)).reduce(lambda a, b: (a[0] + b[0], a[1] + b[1]))
    seconds = time.monotonic() - started
    spark.stop()
    text = (f"{total} records in {records.getNumPartitions()} partitions on local[{args.cores}]: {seconds:.1f} s, "
            f"{total / seconds:,.0f} records/s, {findings} findings\ncommand per partition: {command}\n"
            f"binary: {adlaw}; load average {load_start} at start, {' '.join(open('/proc/loadavg').read().split()[:3])} at end, "
            f"on {os.cpu_count()} cores")
    print(text)
    if total != args.count:
        sys.exit(f"expected {args.count} result lines, got {total}")
    print(benchlib.write_result("spark", text, "bench/spark.py " + " ".join(sys.argv[1:])))


if __name__ == "__main__":
    main()
