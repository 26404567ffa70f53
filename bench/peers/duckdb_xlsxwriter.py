#!/usr/bin/env python3
"""The tool an analyst would pick instead of recon: DuckDB SQL for the rules of SPEC (three matching tiers,
the business-day clock, the eight flags), Python's XlsxWriter (constant-memory mode) for the workbook, and
DuckDB's gzip COPY for the CSVs. Reads canonical inputs (timestamps in UTC or with offsets), one holiday file,
the default 90-day window. Used by bench/run_bench.py as the peer that recon is measured against."""
import argparse
import time
from pathlib import Path

import duckdb
import xlsxwriter

MINOR = {"JPY": 0, "KRW": 0, "CLP": 0, "VND": 0, "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", required=True)
    ap.add_argument("--payments", required=True)
    ap.add_argument("--holidays", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    timings = {}
    t = time.monotonic()
    db = duckdb.connect()
    db.execute("SET preserve_insertion_order = false")
    holidays = [l.split("#")[0].strip() for l in Path(a.holidays).read_text().splitlines() if l.split("#")[0].strip()]
    db.execute("CREATE TABLE minor AS SELECT * FROM (VALUES " + ",".join(f"('{c}',{d})" for c, d in MINOR.items()) + ") v(code, d)")
    db.execute(f"CREATE TABLE hol AS SELECT CAST(h AS DATE) d FROM (VALUES {','.join(f'({chr(39)}{h}{chr(39)})' for h in holidays)}) v(h)")
    asof = a.as_of

    # Read and normalise; rows that do not parse go to rejected.
    db.execute(f"""CREATE TABLE o_raw AS SELECT *, row_number() OVER () + 1 AS line FROM read_csv('{a.orders}', header=true, all_varchar=true)""")
    db.execute(f"""CREATE TABLE p_raw AS SELECT *, row_number() OVER () + 1 AS line FROM read_csv('{a.payments}', header=true, all_varchar=true)""")
    norm = """
        upper(trim({cur})) AS currency, coalesce(m.d, 2) AS d,
        TRY_CAST(replace(trim({amt}), '-', '') AS DECIMAL(38,4)) AS dec_amount,
        TRY_CAST(trim({ts}) AS TIMESTAMPTZ) AS ts"""
    db.execute(f"""CREATE TABLE o AS SELECT order_id, line, lower(trim(payment_method)) AS method, upper(country) AS country,
        {norm.format(cur='r.currency', amt='total', ts='placed_at')},
        CAST(TRY_CAST(cancel_approved_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS cancel_on,
        CAST(TRY_CAST(refund_requested_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS requested_on,
        CAST(TRY_CAST(refund_approved_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS approved_on,
        TRY_CAST(refund_amount AS DECIMAL(38,4)) AS dec_refund
        FROM o_raw r LEFT JOIN minor m ON m.code = upper(trim(r.currency))""")
    db.execute(f"""CREATE TABLE p AS SELECT payment_id, line, lower(trim(type)) AS type, lower(trim(payment_method)) AS method,
        order_id, original_payment_id, coalesce(lower(trim(status)), 'succeeded') AS status,
        {norm.format(cur='r.currency', amt='amount', ts='created_at')}
        FROM p_raw r LEFT JOIN minor m ON m.code = upper(trim(r.currency))""")
    for t_ in ("o", "p"):
        db.execute(f"ALTER TABLE {t_} ADD COLUMN minor BIGINT")
        # Exact decimal scaling: pow() would go through binary floating point (155.17 * 100 = 15516.99…).
        db.execute(f"ALTER TABLE {t_} ADD COLUMN scale DECIMAL(38,0); UPDATE {t_} SET scale = CASE d WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END")
        db.execute(f"UPDATE {t_} SET minor = CAST(dec_amount * scale AS BIGINT) WHERE dec_amount * scale = floor(dec_amount * scale)")
    db.execute("""CREATE TABLE rejected AS
        SELECT 'orders' AS source, line, 'row' AS reason FROM o WHERE ts IS NULL OR minor IS NULL OR order_id IS NULL
        UNION ALL SELECT 'payments', line, 'row' FROM p WHERE type IN ('charge','refund') AND (ts IS NULL OR minor IS NULL OR payment_id IS NULL)""")
    db.execute("DELETE FROM o WHERE ts IS NULL OR minor IS NULL OR order_id IS NULL")
    db.execute(f"DELETE FROM p WHERE ts IS NULL OR minor IS NULL OR payment_id IS NULL OR type NOT IN ('charge','refund') OR CAST(ts AT TIME ZONE 'UTC' AS DATE) > DATE '{asof}'")
    db.execute("ALTER TABLE p ADD COLUMN day DATE; UPDATE p SET day = CAST(ts AT TIME ZONE 'UTC' AS DATE)")
    for col in ("cancel_on", "requested_on", "approved_on"):
        db.execute(f"UPDATE o SET {col} = NULL WHERE {col} > DATE '{asof}'")
    timings["ingest"] = time.monotonic() - t

    # Matching, tiers 1 and 2 in SQL.
    t = time.monotonic()
    db.execute("""CREATE TABLE ch AS SELECT * FROM p WHERE type = 'charge'""")
    db.execute("""CREATE TABLE rf AS SELECT * FROM p WHERE type = 'refund'""")
    db.execute("""CREATE TABLE t1 AS SELECT r.payment_id, c.payment_id AS original, coalesce(c.order_id, r.order_id) AS linked_order, 'reference' AS tier
        FROM rf r JOIN ch c ON c.payment_id = r.original_payment_id""")
    db.execute("""CREATE TABLE known AS SELECT order_id FROM o UNION SELECT order_id FROM ch WHERE order_id IS NOT NULL""")
    db.execute("""CREATE TABLE t2 AS
        WITH cand AS (
            SELECT r.payment_id, r.order_id, c.payment_id AS charge,
                   row_number() OVER (PARTITION BY r.payment_id ORDER BY (c.status = 'succeeded') DESC,
                       (c.method = r.method AND c.status = 'succeeded') DESC, c.ts, c.payment_id) AS k,
                   c.status
            FROM rf r JOIN ch c ON c.order_id = r.order_id
            WHERE r.payment_id NOT IN (SELECT payment_id FROM t1))
        SELECT r.payment_id,
               CASE WHEN cand.status = 'succeeded' OR o.order_id IS NULL THEN cand.charge END AS original,
               r.order_id AS linked_order, 'order' AS tier
        FROM rf r JOIN known k ON k.order_id = r.order_id
        LEFT JOIN cand ON cand.payment_id = r.payment_id AND cand.k = 1
        LEFT JOIN o ON o.order_id = r.order_id
        WHERE r.payment_id NOT IN (SELECT payment_id FROM t1)""")
    db.execute("""CREATE TABLE links AS SELECT * FROM t1 UNION ALL SELECT * FROM t2""")
    # Cases, and what tiers 1-2 already paid toward them.
    db.execute("""CREATE TABLE cases AS SELECT order_id, CASE WHEN cancel_on IS NOT NULL THEN 'cancellation' ELSE 'refund' END AS kind,
        coalesce(cancel_on, approved_on) AS approved_on, currency, d,
        CASE WHEN cancel_on IS NOT NULL THEN minor ELSE coalesce(CAST(dec_refund * scale AS BIGINT), minor) END AS expected,
        method, country FROM o WHERE cancel_on IS NOT NULL OR approved_on IS NOT NULL""")
    db.execute("""CREATE TABLE orig AS
        SELECT l.payment_id, coalesce(c.currency, o.currency) AS currency, coalesce(c.method, o.method) AS method,
               coalesce(c.minor, o.minor) AS amount, l.original FROM links l
        LEFT JOIN ch c ON c.payment_id = l.original LEFT JOIN o ON l.original IS NULL AND o.order_id = l.linked_order""")
    # Tier 3: sequential, so in Python over the few refunds left.
    paid = dict(db.execute("""SELECT l.linked_order, sum(r.minor) FROM links l JOIN rf r USING (payment_id) JOIN orig g USING (payment_id)
        JOIN cases c ON c.order_id = l.linked_order WHERE r.status = 'succeeded' AND r.currency = c.currency AND r.currency = g.currency
        GROUP BY 1""").fetchall())
    open_cases = {}
    for oid, cur, amt, approved, method in db.execute("SELECT order_id, currency, expected, approved_on, method FROM cases").fetchall():
        left = amt - paid.get(oid, 0)
        if left > 0:
            open_cases.setdefault((cur, left), []).append((oid, approved, method))
    t3 = []
    rest = db.execute("""SELECT payment_id, currency, minor, day, method FROM rf WHERE status = 'succeeded'
        AND payment_id NOT IN (SELECT payment_id FROM links) ORDER BY ts, payment_id""").fetchall()
    for pid, cur, amt, day, method in rest:
        cands = sorted(c for c in open_cases.get((cur, amt), []) if c[1] <= day and (c[2] is None or method is None or c[2] == method))
        if len(cands) == 1:
            oid = cands[0][0]
            open_cases[(cur, amt)].remove(cands[0])
            t3.append((pid, oid, "amount", ""))
        else:
            t3.append((pid, None, "ambiguous" if cands else "none", ";".join(c[0] for c in cands[:10])))
    db.execute("CREATE TABLE t3 (payment_id VARCHAR, linked_order VARCHAR, tier VARCHAR, cands VARCHAR)")
    if t3:
        db.executemany("INSERT INTO t3 VALUES (?, ?, ?, ?)", t3)
    db.execute("""INSERT INTO links SELECT t.payment_id,
        (SELECT c.payment_id FROM ch c WHERE c.order_id = t.linked_order AND c.status = 'succeeded' ORDER BY (c.method = r.method) DESC, c.ts, c.payment_id LIMIT 1),
        t.linked_order, 'amount' FROM t3 t JOIN rf r USING (payment_id) WHERE t.tier = 'amount'""")
    db.execute("DROP TABLE orig")
    db.execute("""CREATE TABLE orig AS
        SELECT l.payment_id, l.linked_order, l.tier, l.original, coalesce(c.currency, o.currency) AS currency, coalesce(c.method, o.method) AS method,
               coalesce(c.minor, o.minor) AS amount FROM links l
        LEFT JOIN ch c ON c.payment_id = l.original LEFT JOIN o ON l.original IS NULL AND o.order_id = l.linked_order""")
    timings["match"] = time.monotonic() - t

    # The clock: business days numbered, due = the 20th after approval.
    t = time.monotonic()
    db.execute("""CREATE TABLE cal AS SELECT d::DATE AS d, sum(CASE WHEN isodow(d) < 6 AND d::DATE NOT IN (SELECT d FROM hol) THEN 1 ELSE 0 END)
        OVER (ORDER BY d) AS n, isodow(d) < 6 AND d::DATE NOT IN (SELECT d FROM hol) AS business FROM range(DATE '2020-01-01', DATE '2030-12-31', INTERVAL 1 DAY) r(d)""")
    db.execute("""CREATE TABLE counted AS SELECT l.linked_order AS order_id, r.payment_id, r.minor, r.day, r.ts FROM orig l JOIN rf r USING (payment_id)
        JOIN cases c ON c.order_id = l.linked_order WHERE r.status = 'succeeded' AND r.currency = c.currency AND r.currency = l.currency""")
    db.execute(f"""CREATE TABLE case_rows AS
        WITH cum AS (SELECT order_id, payment_id, day, sum(minor) OVER (PARTITION BY order_id ORDER BY ts, payment_id) AS s FROM counted),
        settle AS (SELECT c.order_id, min(cum.day) FILTER (WHERE cum.s >= c.expected) AS settled_on,
                          arg_min(cum.payment_id, cum.s) FILTER (WHERE cum.s >= c.expected) AS settling
                   FROM cases c LEFT JOIN cum USING (order_id) GROUP BY c.order_id),
        total AS (SELECT order_id, sum(minor) AS settled FROM counted GROUP BY 1)
        SELECT c.*, coalesce(t.settled, 0) AS settled, greatest(0, c.expected - coalesce(t.settled, 0)) AS outstanding, s.settled_on, s.settling,
               (SELECT min(x.d) FROM cal x WHERE x.business AND x.n = a.n + 20) AS due_on, a.n AS approved_n
        FROM cases c LEFT JOIN total t USING (order_id) LEFT JOIN settle s USING (order_id) JOIN cal a ON a.d = c.approved_on""")
    db.execute(f"""ALTER TABLE case_rows ADD COLUMN state VARCHAR; UPDATE case_rows SET state = CASE
        WHEN settled_on IS NOT NULL AND settled_on <= due_on THEN 'settled' WHEN settled_on IS NOT NULL THEN 'late'
        WHEN DATE '{asof}' > due_on THEN 'overdue' ELSE 'pending' END""")
    db.execute(f"""CREATE TABLE exceptions AS
        SELECT 'overdue' AS flag, c.order_id, '' AS payment_id, '' AS original_payment_id, c.currency, c.outstanding AS amount, c.d,
               c.approved_on, c.due_on, NULL::DATE AS settled_on, (SELECT n FROM cal WHERE d = DATE '{asof}') - (SELECT n FROM cal WHERE d = c.due_on) AS business_days
        FROM case_rows c WHERE c.state = 'overdue'
        UNION ALL SELECT 'late', c.order_id, c.settling, '', c.currency, c.expected, c.d, c.approved_on, c.due_on, c.settled_on,
               (SELECT n FROM cal WHERE d = c.settled_on) - c.approved_n FROM case_rows c WHERE c.state = 'late'
        UNION ALL SELECT 'out_of_window', o.order_id, '', '', o.currency, coalesce(c.expected, o.minor), o.d, c.approved_on, c.due_on, c.settled_on, NULL
               FROM o LEFT JOIN case_rows c USING (order_id) WHERE o.requested_on > CAST(o.ts AT TIME ZONE 'UTC' AS DATE) + 90
        UNION ALL SELECT 'method_mismatch', l.linked_order, r.payment_id, coalesce(l.original, ''), r.currency, r.minor, r.d, NULL, NULL, NULL, NULL
               FROM orig l JOIN rf r USING (payment_id) WHERE r.status <> 'failed' AND r.method <> l.method
        UNION ALL SELECT 'currency_mismatch', l.linked_order, r.payment_id, coalesce(l.original, ''), r.currency, r.minor, r.d, NULL, NULL, NULL, NULL
               FROM orig l JOIN rf r USING (payment_id) WHERE r.status <> 'failed' AND r.currency <> l.currency
        UNION ALL SELECT 'over_refund', x.linked_order, x.payment_id, coalesce(x.original, ''), x.currency, x.s - greatest(x.s - x.minor, x.amount), x.d, NULL, NULL, NULL, NULL
               FROM (SELECT l.*, r.minor, r.d, sum(r.minor) OVER (PARTITION BY coalesce(l.original, 'order:' || l.linked_order) ORDER BY r.ts, r.payment_id) AS s
                     FROM orig l JOIN rf r USING (payment_id) WHERE r.status = 'succeeded' AND r.currency = l.currency) x WHERE x.s > x.amount
        UNION ALL SELECT CASE t.tier WHEN 'none' THEN 'unmatched_refund' ELSE 'ambiguous_match' END, coalesce(r.order_id, ''), r.payment_id, '', r.currency, r.minor, r.d, NULL, NULL, NULL, NULL
               FROM t3 t JOIN rf r USING (payment_id) WHERE t.tier IN ('none', 'ambiguous')""")
    timings["cases_and_flags"] = time.monotonic() - t

    # Outputs: gzipped CSVs from DuckDB, the workbook from XlsxWriter in constant-memory mode.
    t = time.monotonic()
    money = "CASE WHEN d = 0 THEN CAST({c} AS VARCHAR) ELSE printf('%.' || d || 'f', {c} / pow(10, d)) END"
    queries = {
        "exceptions": f"SELECT flag, order_id, payment_id, original_payment_id, currency, {money.format(c='amount')} AS amount, approved_on, due_on, settled_on, business_days FROM exceptions ORDER BY flag, order_id, payment_id",
        "cases": f"SELECT order_id, kind, approved_on, due_on, currency, {money.format(c='expected')} AS expected, {money.format(c='settled')} AS settled, {money.format(c='outstanding')} AS outstanding, settled_on, state, (SELECT n FROM cal WHERE d = coalesce(settled_on, DATE '{asof}')) - approved_n AS business_days_elapsed FROM case_rows ORDER BY order_id",
        "refunds": f"SELECT r.payment_id, r.status, r.day AS created_on, r.currency, {money.format(c='r.minor')} AS amount, r.method, coalesce(l.linked_order, r.order_id, '') AS order_id, coalesce(l.original, '') AS original_payment_id, l.method AS original_method, coalesce(l.tier, t.tier, 'none') AS match FROM rf r LEFT JOIN orig l USING (payment_id) LEFT JOIN t3 t USING (payment_id) ORDER BY r.payment_id",
        "rejected": "SELECT source, line, reason FROM rejected ORDER BY source, line",
    }
    for name, q in queries.items():
        db.execute(f"COPY ({q}) TO '{out}/{name}.csv.gz' (HEADER, COMPRESSION gzip)")
    timings["report_csv"] = time.monotonic() - t
    t = time.monotonic()
    wb = xlsxwriter.Workbook(str(out / "reconciliation.xlsx"), {"constant_memory": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})
    summary = wb.add_worksheet("Summary")
    for i, (flag, count) in enumerate(db.execute("SELECT flag, count(*) FROM exceptions GROUP BY 1 ORDER BY 1").fetchall()):
        summary.write_string(i, 0, flag)
        summary.write_number(i, 1, count)
    sheets = [("Overdue", queries["exceptions"].replace("FROM exceptions", "FROM exceptions WHERE flag = 'overdue'")),
              ("Exceptions", queries["exceptions"]), ("Cases", queries["cases"]), ("Refunds", queries["refunds"]), ("Rejected", queries["rejected"])]
    for title, q in sheets:
        ws = wb.add_worksheet(title)
        cur = db.execute(q)
        names = [c[0] for c in cur.description]
        for j, n in enumerate(names):
            ws.write_string(0, j, n)
        ws.freeze_panes(1, 0)
        r = 1
        while True:
            batch = cur.fetchmany(10000)
            if not batch:
                break
            for row in batch:
                for j, v in enumerate(row):
                    if v is None:
                        continue
                    if hasattr(v, "year"):
                        ws.write_datetime(r, j, v, date_fmt)
                    elif names[j] in ("amount", "expected", "settled", "outstanding"):
                        ws.write_number(r, j, float(v), money_fmt)
                    elif isinstance(v, (int, float)):
                        ws.write_number(r, j, v)
                    else:
                        ws.write_string(r, j, str(v))
                r += 1
                if r >= 1048576:
                    break
        ws.autofilter(0, 0, max(r - 1, 1), len(names) - 1)
    wb.close()
    timings["report_xlsx"] = time.monotonic() - t
    print(" ".join(f"{k}={v:.3f}" for k, v in timings.items()))


if __name__ == "__main__":
    main()
