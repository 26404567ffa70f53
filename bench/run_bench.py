#!/usr/bin/env python3
"""make bench: recon against the tool users would pick instead (DuckDB SQL + XlsxWriter, bench/peers/), on the
same generated inputs, in the same run. Prints per size: wall time, seconds per stage, input MB/s, rows/s,
peak memory and output sizes for both, the ratio recon/peer, and whether both found the same exceptions
and cases. Writes the figures as JSON to bench/results/ so runs can be compared over time.

Before the sizes, the ambiguous case: recon alone on many same-priced open cases and as many statement refunds
of that price, where memory must stay linear (`--case ambiguous` runs only that, in seconds, without the peer)."""
import argparse
import collections
import csv
import datetime
import gzip
import json
import shutil
import os
import subprocess
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "floors"))
import floors  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOLIDAYS = ROOT / "Pipelines/calendars/us-federal.txt"
AS_OF = "2026-06-30"
# The recon stages the figures below are grouped by, as the manifest's timings name them (recon's `Stage`
# enum; StageTests fails when one of these is not a stage recon writes).
STAGES_READ = ("ingest_orders", "ingest_payments", "match", "report_csv", "report_xlsx")


def measured(cmd):
    """Runs cmd; returns (exit code, wall seconds, peak resident bytes of that process, stdout)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed ({code}): {err.decode()[-2000:]}")
    return time.monotonic() - start, usage.ru_maxrss * 1024, out.decode()


def stage_seconds(manifest):
    """Seconds per stage from recon's manifest, added up over its sources; stops when a stage read here is missing."""
    seconds = {}
    for t in manifest["timings"]:
        seconds[t["stage"]] = seconds.get(t["stage"], 0) + t["seconds"]
    missing = [s for s in STAGES_READ if s not in seconds]
    if missing:
        raise SystemExit(f"bench: recon's manifest has no timing for {', '.join(missing)}")
    return seconds


def rows_of(folder, name):
    with gzip.open(folder / f"{name}.csv.gz", "rt", newline="") as f:
        return list(csv.DictReader(f))


def same_results(a, b):
    """Both tools found the same exceptions and the same cases (the columns both write)."""
    ek = lambda x: (x["flag"], x["order_id"], x["payment_id"], x["amount"], x["approved_on"] or "", x["due_on"] or "",
                    x["settled_on"] or "", x["business_days"] or "")
    ck = lambda x: tuple(x[c] for c in ["order_id", "due_on", "expected", "settled", "outstanding", "settled_on", "state",
                                        "business_days_elapsed"])
    ea, eb = collections.Counter(map(ek, rows_of(a, "exceptions"))), collections.Counter(map(ek, rows_of(b, "exceptions")))
    ca, cb = collections.Counter(map(ck, rows_of(a, "cases"))), collections.Counter(map(ck, rows_of(b, "cases")))
    return ea == eb and ca == cb, sum(ea.values()), sum(ca.values())


def generated(size, recon):
    """The folder of the generated inputs of `size` orders, generated the first time (seed 1)."""
    data = ROOT / "bench/data" / str(size)
    if not (data / "payments.csv").exists():
        print(f"bench: generating {size:,} orders …", flush=True)
        measured([recon, "generate", "--orders", str(size), "--seed", "1", "--out", str(data)])
    return data


def warm(data):
    """Reads the inputs once, so that the run measured next reads them from memory, as each side of a
    comparison does: this machine evicts files it has not read for a while (the first 10M run of a bench
    once read its orders from disk, 24 s where the runs after took 7 s)."""
    for name in ("orders.csv", "payments.csv"):
        with open(data / name, "rb") as f:
            while f.read(1 << 24):
                pass


def inputs(data):
    """The arguments naming a generated run's inputs, its calendar and its night, for recon and the peer alike."""
    return ["--orders", str(data / "orders.csv"), "--payments", str(data / "payments.csv"), "--holidays", str(HOLIDAYS),
            "--as-of", AS_OF]


def bench(size, recon, python):
    data = generated(size, recon)
    input_bytes = sum((data / f).stat().st_size for f in ["orders.csv", "payments.csv"])
    input_rows = sum(sum(1 for _ in open(data / f)) - 1 for f in ["orders.csv", "payments.csv"])
    out = ROOT / "bench/out" / str(size)
    common = inputs(data)
    print(f"bench: {size:,} orders: recon …", flush=True)
    # A first night, as the peer's: a previous report in the folder would be read and compared with.
    shutil.rmtree(out / "recon", ignore_errors=True)
    warm(data)
    r_wall, r_rss, _ = measured([recon, "run", *common, "--out", str(out / "recon"), "-q"])
    manifest = json.loads((out / "recon/manifest.json").read_text())
    r_stages = stage_seconds(manifest)
    scan = ingest_rounds(data, recon, python)
    print(f"bench: {size:,} orders: floors (bytes, zlib, libxlsxwriter alone) …", flush=True)
    floor = floors.measure([data / "orders.csv", data / "payments.csv"], out / "recon", out / "floors")
    print(f"bench: {size:,} orders: peer (DuckDB + XlsxWriter) …", flush=True)
    warm(data)
    p_wall, p_rss, p_out = measured([python, "bench/peers/duckdb_xlsxwriter.py", *common, "--out", str(out / "peer")])
    p_stages = {k: float(v) for k, v in (kv.split("=") for kv in p_out.split())}
    agree, exceptions, cases = same_results(out / "recon", out / "peer")
    sizes = lambda folder: {f.name: f.stat().st_size for f in sorted(folder.iterdir())}
    return {
        "orders": size, "input_bytes": input_bytes, "input_rows": input_rows, "exceptions": exceptions, "cases": cases,
        "same_results": agree,
        "recon": {"wall_seconds": round(r_wall, 3), "peak_rss_bytes": r_rss, "stages": r_stages, "outputs": sizes(out / "recon"),
                  "input_mb_per_second": round(input_bytes / 1e6 / r_wall, 1), "rows_per_second": round(input_rows / r_wall)},
        "peer": {"wall_seconds": round(p_wall, 3), "peak_rss_bytes": p_rss, "stages": p_stages, "outputs": sizes(out / "peer"),
                 "input_mb_per_second": round(input_bytes / 1e6 / p_wall, 1), "rows_per_second": round(input_rows / p_wall)},
        "ratio_time": round(r_wall / p_wall, 2), "ratio_memory": round(r_rss / p_rss, 2), "floors": floor,
        "scan": scan,
    }


INGEST_ROUNDS = 3


def ingest_rounds(data, recon, python):
    """recon's two ingest stages against DuckDB's scan of the same files (issue 21: at most 3×), taken in turn
    INGEST_ROUNDS times: the median of each side. This machine's speed drifts by a fifth from minute to minute
    (more at times), and a side measured once can land on a slow minute; in turns, both sides see the same."""
    print(f"bench: {data.name} orders: recon's ingest and DuckDB's scan of the inputs, {INGEST_ROUNDS} times in turn …",
          flush=True)
    ingests, scans = [], []
    warm(data)
    for _ in range(INGEST_ROUNDS):
        ingests.append(recon_ingest(data, recon))
        scans.append(duckdb_scan(data, python))
    median = lambda xs: sorted(xs)[len(xs) // 2]
    ingest, scan = median([sum(i.values()) for i in ingests]), median([sum(s.values()) for s in scans])
    return {"duckdb_seconds": round(scan, 3), "recon_ingest_seconds": round(ingest, 3), "ratio": round(ingest / scan, 2),
            "rounds": [{"recon": i, "duckdb": s} for i, s in zip(ingests, scans)]}


def recon_ingest(data, recon):
    """recon's `ingest_orders` and `ingest_payments` seconds, as its log reports them: the run is stopped once
    both are done (the rest of the run is measured whole, once)."""
    out = ROOT / "bench/out" / data.name / "ingest"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [recon, "run", *inputs(data), "--out", str(out), "--log-format", "json"]
    seconds = {}
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as p:
        for line in p.stderr:
            event = json.loads(line) if line.startswith("{") else {}
            stage = event.get("message", "").removesuffix(" done")
            if stage in ("ingest_orders", "ingest_payments"):
                seconds[stage] = float(event["seconds"])
            if len(seconds) == 2:
                p.kill()
                break
    if len(seconds) != 2:
        raise SystemExit(f"bench: {' '.join(cmd)} ended before both ingest stages were logged")
    for leftover in out.parent.glob(f"*{out.name}*"):
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink()
    return seconds


def duckdb_scan(data, python):
    """DuckDB's scan of the same files (bench/peers/duckdb_scan.py): seconds per file."""
    _, _, out = measured([python, "bench/peers/duckdb_scan.py", "--orders", str(data / "orders.csv"),
                          "--payments", str(data / "payments.csv")])
    return {k: float(v) for k, v in (kv.split("=") for kv in out.split())}


def recon_alone(size, recon, python):
    """A size measured without the peer (ten million orders would take the peer many minutes and gigabytes):
    recon's wall time, peak memory and stages, and its ingest against DuckDB's scan."""
    data = generated(size, recon)
    out = ROOT / "bench/out" / str(size) / "recon"
    shutil.rmtree(out, ignore_errors=True)
    print(f"bench: {size:,} orders: recon alone …", flush=True)
    warm(data)
    wall, rss, _ = measured([recon, "run", *inputs(data), "--out", str(out), "-q"])
    stages = stage_seconds(json.loads((out / "manifest.json").read_text()))
    input_bytes = sum((data / f).stat().st_size for f in ["orders.csv", "payments.csv"])
    return {"orders": size, "input_bytes": input_bytes, "wall_seconds": round(wall, 3), "peak_rss_bytes": rss,
            "stages": stages, "scan": ingest_rounds(data, recon, python)}


AMBIGUOUS_COUNT = 20_000


def ambiguous(recon):
    """20,000 open cases of one price (cancellations of orders a supplier card paid, 19.99 USD each) and 20,000
    statement refunds of 19.99 naming no order: every refund is ambiguous among all 20,000 cases. Returns wall
    time, the match stage's seconds and peak memory (the manifest's and the process's)."""
    data = ROOT / "bench/data/ambiguous"
    data.mkdir(parents=True, exist_ok=True)
    with open(data / "orders.csv", "w") as f:
        f.write("order_id,placed_at,currency,total,payment_method,cancel_approved_at\n")
        f.writelines(f"SO-{i:05},2026-06-01,USD,19.99,card:4242,2026-06-02\n" for i in range(AMBIGUOUS_COUNT))
    with open(data / "payments.csv", "w") as f:
        f.write("payment_id,type,created_at,amount,currency,payment_method\n")
        f.writelines(f"ST-{i:05},refund,2026-06-03T10:00:00Z,-19.99,USD,card:4242\n" for i in range(AMBIGUOUS_COUNT))
    out = ROOT / "bench/out/ambiguous"
    shutil.rmtree(out, ignore_errors=True)  # a first night, as for the sizes
    print(f"bench: ambiguous case, {AMBIGUOUS_COUNT:,} same-priced cases and refunds: recon …", flush=True)
    wall, rss, _ = measured([recon, "run", "--orders", str(data / "orders.csv"), "--payments", str(data / "payments.csv"),
                             "--as-of", AS_OF, "--out", str(out), "-q"])
    manifest = json.loads((out / "manifest.json").read_text())
    match = stage_seconds(manifest)["match"]
    return {"cases": AMBIGUOUS_COUNT, "refunds": AMBIGUOUS_COUNT, "ambiguous": manifest["flags"].get("ambiguous_match", 0),
            "wall_seconds": round(wall, 3), "match_seconds": round(match, 3),
            "peak_memory_bytes": manifest["peak_memory_bytes"], "peak_rss_bytes": rss}


def report_ambiguous(r):
    print(f"\n== ambiguous case: {r['cases']:,} same-priced open cases, {r['refunds']:,} refunds of that price, "
          f"{r['ambiguous']:,} ambiguous_match")
    print(f"recon: {r['wall_seconds']:.2f}s (match {r['match_seconds']:.2f}s), "
          f"peak memory {r['peak_memory_bytes'] / 1e6:,.0f} MB (manifest), {r['peak_rss_bytes'] / 1e6:,.0f} MB (process)")


def report(r):
    mb = lambda b: f"{b / 1e6:,.0f} MB"
    print(f"\n== {r['orders']:,} orders: {r['input_rows']:,} input rows, {mb(r['input_bytes'])}; "
          f"{r['exceptions']:,} exceptions, {r['cases']:,} cases; same results: {'yes' if r['same_results'] else 'NO'}")
    print(f"{'':18}{'recon':>14}{'peer':>14}{'recon/peer':>12}")
    print(f"{'wall time':18}{r['recon']['wall_seconds']:>13.2f}s{r['peer']['wall_seconds']:>13.2f}s{r['ratio_time']:>12.2f}")
    print(f"{'peak memory':18}{mb(r['recon']['peak_rss_bytes']):>14}{mb(r['peer']['peak_rss_bytes']):>14}{r['ratio_memory']:>12.2f}")
    print(f"{'input MB/s':18}{r['recon']['input_mb_per_second']:>14}{r['peer']['input_mb_per_second']:>14}")
    print(f"{'rows/s':18}{r['recon']['rows_per_second']:>14,}{r['peer']['rows_per_second']:>14,}")
    total = sum(r["recon"]["stages"].values())
    print("recon stages: " + ", ".join(f"{k} {v:.2f}s ({v / total:.0%})" for k, v in r["recon"]["stages"].items()))
    print("peer stages:  " + ", ".join(f"{k} {v:.2f}s" for k, v in r["peer"]["stages"].items()))
    f, st = r["floors"], r["recon"]["stages"]
    ingest = st["ingest_orders"] + st["ingest_payments"]  # orders first, then payments
    level6, xlsx = f["gzip_levels"][6], f["xlsx"]  # recon's default levels
    print(f"floors: reading the input {f['read_input_seconds']:.2f}s (ingest {ingest / f['read_input_seconds']:.0f}×), "
          f"zlib level 6 alone {level6['seconds']:.2f}s (report_csv {st['report_csv'] / level6['seconds']:.2f}×), "
          f"libxlsxwriter alone {xlsx['seconds']:.2f}s for {f['xlsx_rows']:,} rows "
          f"(report_xlsx {st['report_xlsx'] / xlsx['seconds']:.2f}×)")
    report_scan(r)
    print("gzip levels on recon's CSVs: " + ", ".join(f"{k}: {v['seconds']:.2f}s {mb(v['bytes'])}"
                                                        for k, v in f["gzip_levels"].items()))
    print("outputs: recon " + ", ".join(f"{k} {mb(v)}" for k, v in r["recon"]["outputs"].items() if v > 1e6)
          + "; peer " + ", ".join(f"{k} {mb(v)}" for k, v in r["peer"]["outputs"].items() if v > 1e6))


def report_scan(r):
    s = r["scan"]
    print(f"ingest against DuckDB's scan (every column as text, amounts cast to decimals, distinct ids counted): "
          f"recon {s['recon_ingest_seconds']:.2f}s, DuckDB {s['duckdb_seconds']:.2f}s (medians of {INGEST_ROUNDS} in turn), "
          f"ratio {s['ratio']:.2f}")


def report_alone(r, results):
    """A size measured without the peer, against the largest size measured with it."""
    mb = lambda b: f"{b / 1e6:,.0f} MB"
    print(f"\n== {r['orders']:,} orders (recon alone): {mb(r['input_bytes'])} of input")
    print(f"recon: {r['wall_seconds']:.2f}s, peak memory {mb(r['peak_rss_bytes'])}")
    if results:
        base = results[-1]
        print(f"against {base['orders']:,} orders: {r['wall_seconds'] / base['recon']['wall_seconds']:.2f}× the time "
              f"for {r['orders'] / base['orders']:.0f}× the orders")
    report_scan(r)


README_BEGIN, README_END = "<!-- bench:table (written by make bench) -->", "<!-- /bench:table -->"


def readme_table(results, amb, run, alone=()):
    """The README's performance figures, from this run's results: recon and the peer per size, each stage
    against its floor at the largest size, and the ambiguous case."""
    mb = lambda b: f"{b / 1e6:,.0f} MB"
    lines = ["| orders | recon | peer | recon/peer time | recon/peer memory |", "|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['orders']:,} ({mb(r['input_bytes'])}) | {r['recon']['wall_seconds']:.2f} s, "
                     f"{mb(r['recon']['peak_rss_bytes'])} | {r['peer']['wall_seconds']:.2f} s, {mb(r['peer']['peak_rss_bytes'])} "
                     f"| {r['ratio_time']:.2f} | {r['ratio_memory']:.2f} |")
    r = results[-1]
    f, st = r["floors"], r["recon"]["stages"]
    ingest = st["ingest_orders"] + st["ingest_payments"]
    lines += ["", f"At {r['orders']:,} orders, each stage against its floor on the same data: the gzipped CSVs "
              f"{st['report_csv'] / f['gzip_levels'][6]['seconds']:.2f}× zlib alone, the workbook "
              f"{st['report_xlsx'] / f['xlsx']['seconds']:.2f}× libxlsxwriter alone, ingest "
              f"{ingest / f['read_input_seconds']:.0f}× reading the input's bytes. The ambiguous case "
              f"({amb['cases']:,} same-priced open cases, {amb['refunds']:,} refunds of that price): "
              f"{amb['wall_seconds']:.2f} s, {mb(amb['peak_memory_bytes'])}."]
    scans = [(x["orders"], x["scan"]) for x in [*results, *alone]]
    lines += ["", "Reading the inputs (recon's two ingest stages) against DuckDB's scan of the same files (every column "
              "as text, amounts cast to decimals, distinct ids counted; the median of each side over "
              f"{INGEST_ROUNDS} runs taken in turn): " + "; ".join(
                  f"{n:,} orders {sc['recon_ingest_seconds']:.2f} s against {sc['duckdb_seconds']:.2f} s ({sc['ratio']:.2f}×)"
                  for n, sc in scans) + "."]
    for x in alone:
        lines.append(f"At {x['orders']:,} orders ({mb(x['input_bytes'])}), recon alone: {x['wall_seconds']:.2f} s, "
                     f"{mb(x['peak_rss_bytes'])}.")
    return "\n".join(lines) + f"\n\n(`make bench` run {run}, `bench/results/{run}.json`, {os.cpu_count()} cores.)"


def rewrite_readme(results, amb, run, alone):
    """Replaces the marked block in README.md with this run's table; README keeps no hand-copied figures."""
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"bench: README.md has no {README_BEGIN} … {README_END} block to write the table into")
    readme.write_text(text[:start + len(README_BEGIN)] + "\n" + readme_table(results, amb, run, alone) + "\n" + text[end:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000 1000000")
    ap.add_argument("--alone", default="", help="sizes measured for recon and DuckDB's scan only, without the peer")
    ap.add_argument("--recon", default=".build/release/recon")
    ap.add_argument("--python", default=".venv-bench/bin/python")
    ap.add_argument("--case", choices=["all", "ambiguous"], default="all",
                    help="ambiguous: only the ambiguous case (seconds, no peer needed); all: it, then every size")
    a = ap.parse_args()
    amb = ambiguous(str(ROOT / a.recon))
    report_ambiguous(amb)
    if a.case == "ambiguous":
        return
    results = [bench(int(s), str(ROOT / a.recon), str(ROOT / a.python)) for s in a.sizes.split()]
    alone = [recon_alone(int(s), str(ROOT / a.recon), str(ROOT / a.python)) for s in a.alone.split()]
    for r in results:
        report(r)
    for r in alone:
        report_alone(r, results)
    folder = ROOT / "bench/results"
    folder.mkdir(parents=True, exist_ok=True)
    run = datetime.datetime.now().strftime('%Y%m%d-%H%M%S')
    path = folder / f"{run}.json"
    path.write_text(json.dumps({"machine_cores": os.cpu_count(), "ambiguous": amb, "results": results, "alone": alone},
                                 indent=2))
    print(f"\nbench: results written to {path.relative_to(ROOT)}")
    disagreeing = [f"{r['orders']:,}" for r in results if not r["same_results"]]
    if disagreeing:
        raise SystemExit(f"bench: recon and the peer found different exceptions or cases at {', '.join(disagreeing)} orders")
    rewrite_readme(results, amb, run, alone)
    print("bench: README.md's performance table rewritten")


if __name__ == "__main__":
    main()
