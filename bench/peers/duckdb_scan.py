#!/usr/bin/env python3
"""The floor any engine must reach to read recon's inputs (issue 21's yardstick): DuckDB reads the orders and
payments files with every column as text, casts every amount to a decimal (TRY_CAST: a bad amount is NULL, as recon rejects its row) and counts the distinct ids. Prints
`orders=SECONDS payments=SECONDS` (each file's read alone, on all cores, the interpreter's start-up excluded)."""
import argparse
import time

import duckdb

# The amount columns of the canonical files, cast as recon parses them (up to three decimals).
QUERIES = {
    "orders": """SELECT count(DISTINCT order_id), sum(TRY_CAST(total AS DECIMAL(18,3))),
                        sum(TRY_CAST(NULLIF(refund_amount, '') AS DECIMAL(18,3)))
                 FROM read_csv('{path}', all_varchar = true, header = true)""",
    "payments": """SELECT count(DISTINCT payment_id), sum(TRY_CAST(amount AS DECIMAL(18,3)))
                   FROM read_csv('{path}', all_varchar = true, header = true)""",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", required=True)
    ap.add_argument("--payments", required=True)
    a = ap.parse_args()
    con = duckdb.connect()
    seconds = {}
    for name, path in (("orders", a.orders), ("payments", a.payments)):
        start = time.monotonic()
        con.execute(QUERIES[name].format(path=path.replace("'", "''"))).fetchall()
        seconds[name] = time.monotonic() - start
    print(" ".join(f"{k}={v:.3f}" for k, v in seconds.items()))


if __name__ == "__main__":
    main()
