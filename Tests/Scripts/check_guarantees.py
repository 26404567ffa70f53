#!/usr/bin/env python3
"""What recon guarantees when runs are killed, disks fill up and inputs are hostile, checked from outside
on the built command. Ends with 'N passed, N failed'."""
import csv
import gzip
import hashlib
import io
import json
import os
import random
import resource
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import openpyxl

from harness import ROOT, check, finish, recon_from_arguments

ORDER_COLS = "order_id,placed_at,currency,total,payment_method,country,seller_type,customer,status,cancel_approved_at,refund_requested_at,refund_approved_at,refund_amount"
PAY_COLS = "payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status"




def run(recon, *args, limits=None):
    """Runs recon; returns (exit code, stdout, stderr, peak resident memory in bytes) for that process alone."""
    def setup():
        if limits:
            limits()
    p = subprocess.Popen([str(recon), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=setup)
    out, err = p.communicate()
    return p.returncode, out.decode(), err.decode(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def peak_of(recon, *args):
    p = subprocess.Popen([str(recon), *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    return os.waitstatus_to_exitcode(status), p.stderr.read().decode(), usage.ru_maxrss * 1024


def digest(folder):
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def write_large_inputs(folder, orders=60_000):
    rng = random.Random(7)
    o, p = io.StringIO(), io.StringIO()
    o.write(ORDER_COLS + "\n")
    p.write(PAY_COLS + "\n")
    for n in range(orders):
        total = rng.randint(500, 30000)
        approved = f"2026-05-{1 + n % 28:02d}" if n % 3 == 0 else ""
        o.write(f"O{n},2026-04-{1 + n % 28:02d},USD,{total // 100}.{total % 100:02d},card:{n % 9999},US,standard,Customer {n},,{approved},,,\n")
        p.write(f"C{n},charge,2026-04-{1 + n % 28:02d}T10:00:00Z,{total // 100}.{total % 100:02d},USD,card:{n % 9999},O{n},,\n")
        if approved and n % 2:
            p.write(f"R{n},refund,2026-06-{1 + n % 28:02d}T10:00:00Z,{total // 100}.{total % 100:02d},USD,card:{n % 9999},O{n},,\n")
    (folder / "orders.csv").write_text(o.getvalue())
    (folder / "payments.csv").write_text(p.getvalue())


def check_kills(recon, tmp):
    """A run killed at any point leaves the previous report as it was and nothing half-written under its name;
    the next complete run clears what the killed ones left."""
    write_large_inputs(tmp)
    target = tmp / "reports" / "nightly"
    args = ["run", "--orders", str(tmp / "orders.csv"), "--payments", str(tmp / "payments.csv"), "--as-of", "2026-06-30", "--out", str(target), "-q"]
    start = time.monotonic()
    code, _, err, _ = run(recon, *args)
    full = time.monotonic() - start
    check("large run completes", code == 0, err)
    before = digest(target)
    for i, fraction in enumerate([0.05, 0.2, 0.4, 0.6, 0.8, 0.95]):
        p = subprocess.Popen([str(recon), *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        p.send_signal(signal.SIGKILL if i % 2 == 0 else signal.SIGTERM)
        p.wait()
        now = digest(target)
        # Either the previous report as it was, or (killed after the swap) the complete new one: same inputs give
        # byte-identical CSVs, and its manifest is whole.
        complete_new = all(now.get(k) == v for k, v in before.items() if k.endswith(".csv.gz")) and now.keys() == before.keys() \
            and json.loads((target / "manifest.json").read_text())["outputs"]
        check(f"killed at {fraction:.0%} of a run: the previous report or the complete new one", now == before or complete_new)
        visible = [e.name for e in target.parent.iterdir() if not e.name.startswith(".")]
        check(f"killed at {fraction:.0%}: no half-written report", visible == ["nightly"], str(visible))
    leftovers = [e.name for e in target.parent.iterdir() if e.name.startswith(".")]
    code, _, err, _ = run(recon, *args)
    check("the next complete run succeeds", code == 0, err)
    check("and clears what killed runs left", sorted(e.name for e in target.parent.iterdir()) == [".nightly.lock", "nightly"],
          f"before: {leftovers}, after: {[e.name for e in target.parent.iterdir()]}")
    return full


def check_write_failures(recon, tmp):
    target = tmp / "fs" / "report"
    args = ["run", "Pipelines/sample.yml", "--out", str(target), "-q"]
    check("first report written", run(recon, *args)[0] == 0)
    before = digest(target)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    code, _, err, _ = run(recon, *args, limits=small_disk)
    check("full disk stops with exit 1 naming the file", code == 1 and "cannot write" in err, err)
    check("full disk leaves the previous report", digest(target) == before)
    check("full disk leaves no staging folder", sorted(e.name for e in target.parent.iterdir()) == [".report.lock", "report"],
          str(list(target.parent.iterdir())))
    code, _, err, _ = run(recon, "run", "Pipelines/sample.yml", "--out", "/etc/hostname/report", "-q")
    check("unwritable output folder stops with exit 1", code == 1 and "/etc/hostname" in err, err)

    victim = tmp / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep")
    link = tmp / "fs" / "linked"
    link.symlink_to(victim)
    code, _, err, _ = run(recon, "run", "Pipelines/sample.yml", "--out", str(link), "-q")
    check("an output that is a symlink is replaced, not followed", code == 0 and link.is_dir() and not link.is_symlink(), err)
    check("nothing is written or removed where the symlink pointed", [e.name for e in victim.iterdir()] == ["keep.txt"])


def check_output_folder(recon, tmp):
    """The output folder is recon's or nobody's: from a working folder holding inputs and notes, `--out .`,
    `--out ""` and a folder of someone else's are refused and nothing is touched; a second run on an output
    stops while the first is writing it."""
    write_large_inputs(tmp)
    (tmp / "notes.txt").write_text("mine")
    (tmp / "theirs").mkdir()
    (tmp / "theirs" / "report.pdf").write_text("theirs")
    def listing():
        return {f.relative_to(tmp).as_posix(): f.read_bytes() for f in sorted(tmp.rglob("*")) if f.is_file()}
    before = listing()
    inputs = ["run", "--orders", "orders.csv", "--payments", "payments.csv", "--as-of", "2026-06-30", "-q"]

    def here(*args):
        p = subprocess.run([str(recon), *args], cwd=tmp, capture_output=True, text=True)
        return p.returncode, p.stderr
    for out, code in [(".", 2), ("", 2), ("..", 2), ("theirs", 1)]:
        got, err = here(*inputs, "--out", out)
        check(f"--out '{out}' is refused with exit {code}", got == code, f"{got}: {err}")
    check("and nothing in the working folder changed", listing() == before)
    check("a refused folder of someone else's is kept", (tmp / "theirs" / "report.pdf").read_text() == "theirs")

    first = subprocess.Popen([str(recon), *inputs, "--out", "nightly"], cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (tmp / ".nightly.lock").exists() and first.poll() is None:
        time.sleep(0.01)
    code, err = here(*inputs, "--out", "nightly")
    check("a second run on the same output stops with exit 1", code == 1 and "another run is writing it" in err, f"{code}: {err}")
    check("and the first run completes", first.wait() == 0 and (tmp / "nightly" / "manifest.json").exists())


def check_hostile_sizes(recon, tmp):
    line = tmp / "long-line.csv"
    with open(line, "w") as f:  # written in pieces: this process stays small, so its children's peaks are theirs
        f.write(ORDER_COLS + "\nX,")
        for _ in range(100):
            f.write("y" * (1 << 20))
    payments = tmp / "payments-empty.csv"
    payments.write_text(PAY_COLS + "\n")
    code, err, peak = peak_of(recon, "run", "--orders", str(line), "--payments", str(payments), "--out", str(tmp / "o1"), "-q")
    check("100 MB line without a newline: clear stop naming the file", code == 1 and "long-line.csv" in err and "rejected 1 of 1" in err, err)
    check("100 MB line: memory stays bounded", peak < 150 << 20, f"{peak >> 20} MB")

    member = gzip.compress(b"\0" * (1 << 20), mtime=0)
    bomb = tmp / "bomb.csv.gz"
    with open(bomb, "wb") as f:  # 4 GB inflated
        for _ in range(4000):
            f.write(member)
    start = time.monotonic()
    code, err, peak = peak_of(recon, "run", "--orders", str(bomb), "--payments", str(payments), "--out", str(tmp / "o2"), "-q")
    check("gzip bomb refused with exit 1", code == 1 and "gzip bomb" in err, err)
    check("gzip bomb refused quickly and in bounded memory", time.monotonic() - start < 30 and peak < 150 << 20,
          f"{time.monotonic() - start:.1f} s, {peak >> 20} MB")


def check_cells(recon, tmp):
    """Formulas never become formulas, card numbers never appear, over-long text is cut with a marker."""
    long_name = "L" * 40_000
    orders = tmp / "hostile-orders.csv"
    rows = [ORDER_COLS,
            '=1+2,2026-04-01,USD,10.00,card:1,US,standard,"=HYPERLINK(""http://evil"",""x"")",,2026-04-02,,,',
            '+SUM(A1),2026-04-01,USD,10.00,card:1,US,standard,@import,,2026-04-02,,,',
            f'-5,2026-04-01,USD,10.00,card:1,US,standard,{long_name},,2026-04-02,,,',
            'C4,2026-04-01,USD,10.00,4111 1111 1111 1111,US,standard,"paid with 5500-0000-0000-0004",,2026-04-02,,,']
    orders.write_text("\n".join(rows) + "\n")
    payments = tmp / "hostile-payments.csv"
    payments.write_text(PAY_COLS + "\n" + "\tR1,refund,2026-04-05,1.00,USD,=cmd,,,\n")
    out = tmp / "cells"
    code, _, err, _ = run(recon, "run", "--orders", str(orders), "--payments", str(payments), "--as-of", "2026-06-30", "--out", str(out), "-q")
    check("hostile cells run completes", code == 0, err)
    wb = openpyxl.load_workbook(out / "reconciliation.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    # The only formulas are recon's own totals under the Overdue rows, none from the inputs.
    own = [c for row in wb["Overdue"].iter_rows() for c in row if str(c.value).startswith("=SUMPRODUCT(SUBTOTAL(109,")]
    check("no cell of the workbook is a formula but the Overdue totals",
          all(c.data_type != "f" or c in own for c in cells),
          str([c.value for c in cells if c.data_type == "f" and c not in own][:3]))
    values = [str(c.value) for c in cells]
    check("formula text is kept as text in the workbook", "=1+2" in values and '=HYPERLINK("http://evil","x")' in values)
    cut = [v for v in values if v.startswith("LLLL")]
    check("text longer than a cell holds is cut with a marker", len(cut) == 1 and len(cut[0]) <= 32767 and cut[0].endswith("…[cut]"),
          str([len(v) for v in cut]))
    texts = []
    for name in ["exceptions", "cases", "refunds", "rejected", "watchlist"]:
        with gzip.open(out / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as f:
            texts += [cell for row in list(csv.reader(f))[1:] for cell in row]
    risky = [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
    check("no CSV cell starts a formula", not risky, str(risky[:3]))
    check("formula-like CSV text is neutralised with a quote", "'=1+2" in texts and "'-5" in texts, str(texts[:12]))
    everything = " ".join(values + texts)
    check("no card number in any output", "4111 1111 1111 1111" not in everything and "5500-0000-0000-0004" not in everything
          and "****0004" in everything)


def check_redaction(recon, tmp):
    out = tmp / "redacted"
    code, _, err, _ = run(recon, "run", "Pipelines/store-refunds.yml", "--out", str(out), "--redact-personal-data", "-q")
    check("redacted run completes", code == 0, err)
    wb = openpyxl.load_workbook(out / "reconciliation.xlsx")
    text = " ".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    for name in ["exceptions", "cases", "refunds", "rejected", "watchlist"]:
        text += gzip.decompress((out / f"{name}.csv.gz").read_bytes()).decode()
    check("no customer name in redacted outputs", not any(n in text for n in ["Hana Sato", "Ana Lima", "Zoë Faure", "Gus Berg"]))
    check("no e-mail local part in redacted outputs", "hana@example.com" not in text and "someone.else@" not in text
          and "#" in text and "@example.com" in text)
    check("Overdue has no customer column when redacted", "Customer" not in [c.value for c in wb["Overdue"][1]])


def main():
    recon = recon_from_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in ["kills", "fs", "out", "sizes", "cells", "redact"]:
            (tmp / name).mkdir()
        full = check_kills(recon, tmp / "kills")
        check_write_failures(recon, tmp / "fs")
        check_output_folder(recon, tmp / "out")
        check_hostile_sizes(recon, tmp / "sizes")
        check_cells(recon, tmp / "cells")
        check_redaction(recon, tmp / "redact")
    print(f"(a large run took {full:.1f} s)")
    finish("check_guarantees")


if __name__ == "__main__":
    main()
