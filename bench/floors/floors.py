"""The floors each recon stage is held against, measured on the same data in the same bench run: reading the
input bytes (ingest), zlib alone on recon's own CSV text (the gzipped CSVs, at levels 1, 6 and 9, which is also
how the default level was chosen), and libxlsxwriter alone writing the workbook's rows (xlsx_floor.c, at libxlsxwriter's own zip level, as recon's
workbook is)."""
import csv
import gzip
import io
import os
import shutil
import subprocess
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TABLES = ["exceptions", "cases", "refunds", "rejected"]


def seconds(work):
    start = time.monotonic()
    result = work()
    return time.monotonic() - start, result


def read_bytes(paths):
    """Reads the files in 1 MiB pieces and does nothing with them."""
    total = 0
    for p in paths:
        with open(p, "rb", buffering=0) as f:
            while chunk := f.read(1 << 20):
                total += len(chunk)
    return total


def deflate(texts, level):
    """gzip-compresses each text as recon does (one stream per file); returns the compressed bytes."""
    size = 0
    for text in texts:
        z = zlib.compressobj(level, zlib.DEFLATED, 31)
        for i in range(0, len(text), 1 << 18):
            size += len(z.compress(text[i:i + (1 << 18)]))
        size += len(z.flush())
    return size


def xlsx_floor_binary(work):
    binary = work / "xlsx_floor"
    source = ROOT / "bench/floors/xlsx_floor.c"
    if not binary.exists() or binary.stat().st_mtime < source.stat().st_mtime:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter"], capture_output=True, text=True,
                               check=True).stdout.split()
        # make bench names the clang next to swift; any C compiler does.
        compiler = os.environ.get("CC", "")
        compiler = compiler if shutil.which(compiler) else shutil.which("cc") or shutil.which("clang")
        subprocess.run([compiler, "-O2", str(source), "-o", str(binary), *flags], check=True)
    return binary


def measure(inputs, recon_out, work):
    """Floors for one bench size; `recon_out` is recon's output folder of that size."""
    work.mkdir(parents=True, exist_ok=True)
    read_s, _ = seconds(lambda: read_bytes(inputs))
    texts = [gzip.decompress((recon_out / f"{t}.csv.gz").read_bytes()) for t in TABLES]
    gzip_levels = {}
    for level in (1, 4, 6, 9):
        s, size = seconds(lambda: deflate(texts, level))
        gzip_levels[level] = {"seconds": round(s, 3), "bytes": size}
    # The workbook's sheets: the overdue work list (the overdue exceptions) and the four tables, as TSV.
    sheets = []
    for name, text in [("overdue", texts[0])] + list(zip(TABLES, texts)):
        rows = list(csv.reader(io.StringIO(text.decode())))
        if name == "overdue":
            rows = rows[:1] + [r for r in rows[1:] if r[0] == "overdue"]
        path = work / f"{name}.tsv"
        with open(path, "w") as f:
            for r in rows:
                f.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) + "\n")
        sheets.append(str(path))
    binary = xlsx_floor_binary(work)
    workbook = work / "floor.xlsx"
    s, done = seconds(lambda: subprocess.run([str(binary), str(workbook), *sheets], check=True,
                                             capture_output=True, text=True).stdout)
    xlsx = {"seconds": round(s, 3), "bytes": workbook.stat().st_size}
    return {"read_input_seconds": round(read_s, 3), "gzip_levels": gzip_levels, "xlsx": xlsx,
            "xlsx_rows": int(done)}
