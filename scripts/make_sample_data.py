#!/usr/bin/env python3
"""Writes SampleData/orders.csv and SampleData/payments.csv: planted cases that show every rule
(ids SO-1xxx, RF-1xxx, RF-9xxx; see SampleData/README.md) among a few hundred ordinary orders.
Deterministic: rerunning gives the same files."""
import csv
import datetime as dt
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 6, 30)
ORDER_COLS = ["order_id", "placed_at", "currency", "total", "payment_method", "country", "seller_type", "customer",
              "status", "cancel_approved_at", "refund_requested_at", "refund_approved_at", "refund_amount"]
PAY_COLS = ["payment_id", "type", "created_at", "amount", "currency", "payment_method", "order_id",
            "original_payment_id", "status"]
DECIMALS = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KWD": 3}
PLANTED_AMOUNTS = {("GBP", "137.13"), ("USD", "19.99"), ("USD", "77.77")}

orders, payments = [], []


def ts(day, hour=12, minute=0):
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00Z"


def order(**kw):
    row = {c: "" for c in ORDER_COLS}
    row.update(kw)
    orders.append(row)


def pay(**kw):
    row = {c: "" for c in PAY_COLS}
    row.update(kw)
    payments.append(row)


d = dt.date
# --- Planted cases (worked out by hand in SampleData/README.md) ---
order(order_id="SO-1001", placed_at=ts(d(2026, 5, 4), 9), currency="USD", total="45.00", payment_method="card:4242",
      country="US", seller_type="choice", customer="Ana Lima", status="refunded", refund_requested_at=ts(d(2026, 5, 8)),
      refund_approved_at=ts(d(2026, 5, 11)))
pay(payment_id="CH-1001", type="charge", created_at=ts(d(2026, 5, 4), 9), amount="45.00", currency="USD",
    payment_method="card:4242", order_id="SO-1001")
pay(payment_id="RF-1001", type="refund", created_at=ts(d(2026, 5, 20)), amount="-45.00", currency="usd",
    payment_method="4242 4242 4242 4242", original_payment_id="CH-1001")

order(order_id="SO-1002", placed_at="2026-02-27 16:40:00 -0500", currency="USD", total="120.00", payment_method="card:1881",
      country="US", seller_type="standard", customer="Bo Chen", status="cancelled", cancel_approved_at="2026-03-02")
pay(payment_id="CH-1002", type="charge", created_at="2026-02-27 16:40:05 -0500", amount="120.00", currency="USD",
    payment_method="card:1881", order_id="SO-1002")
pay(payment_id="RF-1002", type="refund", created_at=ts(d(2026, 4, 20)), amount="120.00", currency="USD",
    payment_method="card:1881", order_id="SO-1002")

order(order_id="SO-1003", placed_at=ts(d(2026, 4, 14)), currency="USD", total="80.00", payment_method="card:3005",
      country="US", seller_type="standard", customer="Carla Díaz", status="return approved",
      refund_requested_at=ts(d(2026, 4, 28)), refund_approved_at=ts(d(2026, 5, 1)), refund_amount="60.00")
pay(payment_id="CH-1003", type="charge", created_at=ts(d(2026, 4, 14)), amount="80.00", currency="USD",
    payment_method="card:3005", order_id="SO-1003")

order(order_id="SO-1004", placed_at=ts(d(2026, 6, 10)), currency="USD", total="64.50", payment_method="card:6011",
      country="US", seller_type="choice", customer="Dev Patel", status="cancelled", cancel_approved_at=ts(d(2026, 6, 22)))
pay(payment_id="CH-1004", type="charge", created_at=ts(d(2026, 6, 10)), amount="64.50", currency="USD",
    payment_method="card:6011", order_id="SO-1004")

order(order_id="SO-1005", placed_at=ts(d(2026, 4, 27)), currency="USD", total="30.00", payment_method="card:4242",
      country="US", seller_type="standard", customer="Eve Martin", status="refunded", refund_requested_at=ts(d(2026, 5, 1)),
      refund_approved_at=ts(d(2026, 5, 4)))
pay(payment_id="CH-1005", type="charge", created_at=ts(d(2026, 4, 27)), amount="30.00", currency="USD",
    payment_method="card:4242", order_id="SO-1005")
pay(payment_id="RF-1005", type="refund", created_at=ts(d(2026, 5, 8)), amount="-30.00", currency="USD",
    payment_method="card:1111", order_id="SO-1005")

order(order_id="SO-1006", placed_at=ts(d(2026, 3, 20)), currency="USD", total="25.00", payment_method="card:5555",
      country="US", seller_type="standard", customer="Femi Ade", status="refunded", refund_requested_at=ts(d(2026, 3, 30)),
      refund_approved_at=ts(d(2026, 4, 1)))
pay(payment_id="CH-1006", type="charge", created_at=ts(d(2026, 3, 20)), amount="25.00", currency="USD",
    payment_method="card:5555", order_id="SO-1006")
pay(payment_id="RF-1006", type="refund", created_at=ts(d(2026, 4, 9)), amount="23.00", currency="EUR",
    payment_method="card:5555", original_payment_id="CH-1006")

order(order_id="SO-1007", placed_at=ts(d(2026, 4, 1)), currency="USD", total="50.00", payment_method="card:4000",
      country="US", seller_type="choice", customer="Gus Berg", status="refunded", refund_requested_at=ts(d(2026, 4, 6)),
      refund_approved_at=ts(d(2026, 4, 8)))
pay(payment_id="CH-1007", type="charge", created_at=ts(d(2026, 4, 1)), amount="50.00", currency="USD",
    payment_method="card:4000", order_id="SO-1007")
pay(payment_id="RF-1007A", type="refund", created_at=ts(d(2026, 4, 10)), amount="-30.00", currency="USD",
    payment_method="card:4000", order_id="SO-1007")
pay(payment_id="RF-1007B", type="refund", created_at=ts(d(2026, 4, 15)), amount="-30.00", currency="USD",
    payment_method="card:4000", order_id="SO-1007")

pay(payment_id="RF-9001", type="refund", created_at=ts(d(2026, 5, 15)), amount="-77.77", currency="USD",
    payment_method="card:9999")

for suffix, name in (("A", "Hana Sato"), ("B", "Ivo Novak")):
    order(order_id=f"SO-1009{suffix}", placed_at=ts(d(2026, 4, 20)), currency="USD", total="19.99", country="US",
          seller_type="choice", customer=name, status="cancelled", cancel_approved_at=ts(d(2026, 5, 5)))
pay(payment_id="RF-9002", type="refund", created_at=ts(d(2026, 5, 12)), amount="-19.99", currency="USD",
    payment_method="card:3333")

order(order_id="SO-1010", placed_at=ts(d(2026, 4, 29)), currency="GBP", total="137.13", payment_method="card:7777",
      country="GB", seller_type="standard", customer="Jo Wright", status="refunded", refund_requested_at=ts(d(2026, 5, 4)),
      refund_approved_at=ts(d(2026, 5, 6)))
pay(payment_id="CH-1010", type="charge", created_at=ts(d(2026, 4, 29)), amount="137.13", currency="GBP",
    payment_method="card:7777", order_id="SO-1010")
pay(payment_id="RF-9003", type="refund", created_at=ts(d(2026, 5, 20)), amount="-137.13", currency="GBP",
    payment_method="card:7777")

order(order_id="SO-1011", placed_at=ts(d(2026, 3, 1)), currency="USD", total="42.00", payment_method="card:2020",
      country="BR", seller_type="standard", customer="Lia Souza", status="refunded", refund_requested_at=ts(d(2026, 5, 5)),
      refund_approved_at=ts(d(2026, 5, 6)))
pay(payment_id="CH-1011", type="charge", created_at=ts(d(2026, 3, 1)), amount="42.00", currency="USD",
    payment_method="card:2020", order_id="SO-1011")
pay(payment_id="RF-1011", type="refund", created_at=ts(d(2026, 5, 12)), amount="42.00", currency="USD",
    payment_method="card:2020", order_id="SO-1011")
order(order_id="SO-1011B", placed_at=ts(d(2026, 1, 10)), currency="USD", total="18.00", payment_method="card:2121",
      country="US", seller_type="standard", customer="Max Roy", status="refunded", refund_requested_at=ts(d(2026, 4, 20)),
      refund_approved_at=ts(d(2026, 4, 21)))
pay(payment_id="CH-1011B", type="charge", created_at=ts(d(2026, 1, 10)), amount="18.00", currency="USD",
    payment_method="card:2121", order_id="SO-1011B")
pay(payment_id="RF-1011B", type="refund", created_at=ts(d(2026, 4, 25)), amount="18.00", currency="USD",
    payment_method="card:2121", order_id="SO-1011B")
order(order_id="SO-1011C", placed_at=ts(d(2026, 2, 1)), currency="USD", total="22.00", payment_method="card:2222",
      country="US", seller_type="choice", customer="Nia Cole", status="refunded", refund_requested_at=ts(d(2026, 4, 20)),
      refund_approved_at=ts(d(2026, 4, 21)))
pay(payment_id="CH-1011C", type="charge", created_at=ts(d(2026, 2, 1)), amount="22.00", currency="USD",
    payment_method="card:2222", order_id="SO-1011C")
pay(payment_id="RF-1011C", type="refund", created_at=ts(d(2026, 4, 24)), amount="22.00", currency="USD",
    payment_method="card:2222", order_id="SO-1011C")

order(order_id="SO-1012", placed_at=ts(d(2026, 5, 20)), currency="USD", total="80.00", payment_method="card:1212",
      country="US", seller_type="standard", customer="Oli Park", status="cancelled", cancel_approved_at=ts(d(2026, 6, 1)))
pay(payment_id="CH-1012", type="charge", created_at=ts(d(2026, 5, 20)), amount="80.00", currency="USD",
    payment_method="card:1212", order_id="SO-1012")
pay(payment_id="RF-1012A", type="refund", created_at=ts(d(2026, 6, 5)), amount="30.00", currency="USD",
    payment_method="card:1212", order_id="SO-1012")
pay(payment_id="RF-1012B", type="refund", created_at=ts(d(2026, 6, 10)), amount="50.00", currency="USD",
    payment_method="card:1212", order_id="SO-1012")

order(order_id="SO-1013", placed_at="2026-05-15T10:00:00+09:00", currency="JPY", total="12800", payment_method="card:3530",
      country="JP", seller_type="choice", customer="Rin Ito", status="cancelled", cancel_approved_at=ts(d(2026, 5, 18)))
pay(payment_id="CH-1013", type="charge", created_at="2026-05-15T10:00:05+09:00", amount="12800", currency="JPY",
    payment_method="card:3530", order_id="SO-1013")
pay(payment_id="RF-1013", type="refund", created_at=ts(d(2026, 5, 22)), amount="-12800.00", currency="JPY",
    payment_method="card:3530", order_id="SO-1013")

order(order_id="SO-1014", placed_at=ts(d(2026, 5, 10)), currency="KWD", total="12.345", payment_method="card:9090",
      country="KW", seller_type="standard", customer="Sami Haddad", status="partially refunded",
      refund_requested_at=ts(d(2026, 5, 14)), refund_approved_at=ts(d(2026, 5, 19)), refund_amount="5.5")
pay(payment_id="CH-1014", type="charge", created_at=ts(d(2026, 5, 10)), amount="12.345", currency="KWD",
    payment_method="card:9090", order_id="SO-1014")
pay(payment_id="RF-1014", type="refund", created_at=ts(d(2026, 6, 25)), amount="-5.500", currency="KWD",
    payment_method="card:9090", order_id="SO-1014")

order(order_id="SO-1015", placed_at=ts(d(2026, 6, 8)), currency="USD", total="40.00", payment_method="card:1515",
      country="US", seller_type="standard", customer="Tom Hale", status="return approved",
      refund_requested_at=ts(d(2026, 6, 12)), refund_approved_at=ts(d(2026, 6, 15)))
pay(payment_id="CH-1015", type="charge", created_at=ts(d(2026, 6, 8)), amount="40.00", currency="USD",
    payment_method="card:1515", order_id="SO-1015")
pay(payment_id="RF-1015F", type="refund", created_at=ts(d(2026, 6, 16)), amount="-40.00", currency="USD",
    payment_method="card:1515", order_id="SO-1015", status="failed")
pay(payment_id="RF-1015P", type="refund", created_at=ts(d(2026, 6, 26)), amount="-40.00", currency="USD",
    payment_method="card:1515", order_id="SO-1015", status="Pending")

order(order_id="SO-1016", placed_at=ts(d(2026, 5, 18)), currency="USD", total="55.00", payment_method="paypal:jane@example.com",
      country="US", seller_type="standard", customer="Jane Roe", status="refunded", refund_requested_at=ts(d(2026, 5, 22)),
      refund_approved_at=ts(d(2026, 5, 25)))
pay(payment_id="RF-1016", type="refund", created_at=ts(d(2026, 6, 3)), amount="55.00", currency="USD",
    payment_method="PayPal:Jane@Example.com", order_id="SO-1016")

for oid, refund_day in (("SO-1017", d(2026, 6, 29)), ("SO-1018", d(2026, 6, 30))):
    order(order_id=oid, placed_at=ts(d(2026, 5, 26)), currency="USD", total="33.00", payment_method="card:1717",
          country="US", seller_type="choice", customer="Uma Rao", status="cancelled", cancel_approved_at="2026-05-30T10:00:00Z")
    pay(payment_id="CH" + oid[2:], type="charge", created_at=ts(d(2026, 5, 26)), amount="33.00", currency="USD",
        payment_method="card:1717", order_id=oid)
    pay(payment_id="RF" + oid[2:], type="refund", created_at=ts(refund_day, 8), amount="33.00", currency="USD",
        payment_method="card:1717", order_id=oid)

order(order_id="SO-1019", placed_at=ts(d(2026, 6, 25)), currency="USD", total="27.00", payment_method="card:1919",
      country="US", seller_type="standard", customer="Vic Lund", status="cancelled", cancel_approved_at=ts(d(2026, 7, 1)))
pay(payment_id="CH-1019", type="charge", created_at=ts(d(2026, 6, 25)), amount="27.00", currency="USD",
    payment_method="card:1919", order_id="SO-1019")
pay(payment_id="RF-1019", type="refund", created_at=ts(d(2026, 7, 2)), amount="27.00", currency="USD",
    payment_method="card:1919", order_id="SO-1019")

order(order_id="SO-1020", placed_at=ts(d(2026, 6, 2)), currency="USD", total="12.00", payment_method="card:4111",
      country="US", seller_type="standard", customer="Max Mustermann 4111 1111 1111 1111", status="shipped")
order(order_id="SO-1021", placed_at=ts(d(2026, 6, 2)), currency="USD", total="14.00", payment_method="card:8080",
      country="US", seller_type="standard", customer='=HYPERLINK("http://example.com","click")', status="shipped")
order(order_id="SO-1022", placed_at=ts(d(2026, 6, 3)), currency="EUR", total="9.90", payment_method="card:5100",
      country="DE", seller_type="choice", customer="Müller, Jürgen\n(c/o Lager 2)", status="shipped")
# Overdue cases whose dispute windows close within the watched 14 days: a card's 120 days from the due date
# (Thu 12 March, so 10 July), PayPal's 180 days from the payment (10 January, so 9 July).
order(order_id="SO-1023", placed_at=ts(d(2026, 2, 2)), currency="USD", total="64.00", payment_method="card:2323",
      country="US", seller_type="standard", customer="Wes Park", status="cancelled", cancel_approved_at=ts(d(2026, 2, 11)))
pay(payment_id="CH-1023", type="charge", created_at=ts(d(2026, 2, 2)), amount="64.00", currency="USD",
    payment_method="card:2323", order_id="SO-1023")
order(order_id="SO-1024", placed_at=ts(d(2026, 1, 10)), currency="USD", total="42.00",
      payment_method="paypal:lee@example.com", country="US", seller_type="standard", customer="Lee Moss",
      status="return approved", refund_requested_at=ts(d(2026, 2, 25)), refund_approved_at=ts(d(2026, 3, 2)))
pay(payment_id="CH-1024", type="charge", created_at=ts(d(2026, 1, 10)), amount="42.00", currency="USD",
    payment_method="paypal:lee@example.com", order_id="SO-1024")
pay(payment_id="FEE-0001", type="fee", created_at=ts(d(2026, 6, 1)), amount="-0.35", currency="USD")
pay(payment_id="PO-0001", type="Payout", created_at=ts(d(2026, 6, 5)), amount="-1200.00", currency="USD")
pay(payment_id="PO-0002", type="payout", created_at=ts(d(2026, 6, 19)), amount="-950.00", currency="USD")

# --- Ordinary orders: charges, and refund cases settled mostly on time ---
rng = random.Random(20260630)
countries = [("US", "USD")] * 14 + [("DE", "EUR")] * 2 + [("GB", "GBP")] * 2 + [("JP", "JPY"), ("KW", "KWD")]
first = ["Ada", "Ben", "Cleo", "Dan", "Ema", "Finn", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena", "Mo", "Nora", "Omar"]
last = ["Smith", "Garcia", "Kim", "Nowak", "Rossi", "Silva", "Khan", "Meyer", "Dubois", "Ito", "Okafor", "Larsen"]
us_holidays = {dt.date.fromisoformat(l.split("#")[0].strip())
               for l in (ROOT / "Pipelines/calendars/us-federal.txt").read_text().splitlines()
               if l.split("#")[0].strip()}


def add_business_days(day, n):
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in us_holidays:
            n -= 1
    return day


def money(minor, cur):
    dec = DECIMALS[cur]
    return str(minor) if dec == 0 else f"{minor // 10 ** dec}.{minor % 10 ** dec:0{dec}d}"


for n in range(2001, 2281):
    oid = f"SO-{n}"
    country, cur = rng.choice(countries)
    scale = {"JPY": 1, "KWD": 1000}.get(cur, 100)
    base = rng.randint(8, 180) if cur != "JPY" else rng.randint(900, 25000)
    minor = base * scale + (rng.randint(0, 99) * (scale // 100) if scale >= 100 else 0)
    total = money(minor, cur)
    while (cur, total) in PLANTED_AMOUNTS:
        minor += scale
        total = money(minor, cur)
    placed = d(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 170))
    method = f"card:{rng.randint(1000, 9999)}" if rng.random() < 0.85 else f"paypal:{first[n % 15].lower()}@example.com"
    seller = rng.choice(["choice", "standard"])
    row = dict(order_id=oid, placed_at=f"{placed.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
               currency=cur, total=total, payment_method=method, country=country, seller_type=seller,
               customer=f"{rng.choice(first)} {rng.choice(last)}", status="shipped")
    charge_id = f"CH-{n}"
    pay(payment_id=charge_id, type="charge", created_at=row["placed_at"], amount=total, currency=cur,
        payment_method=method, order_id=oid)
    r = rng.random()
    if r < 0.35 and placed < AS_OF - dt.timedelta(days=3):
        if rng.random() < 0.4:
            approved = placed + dt.timedelta(days=rng.randint(0, 3))
            row.update(status="cancelled", cancel_approved_at=ts(approved, 15))
            expected = minor
        else:
            requested = placed + dt.timedelta(days=rng.randint(8, 50))
            approved = requested + dt.timedelta(days=rng.randint(1, 4))
            row.update(status="return approved", refund_requested_at=ts(requested, 11), refund_approved_at=ts(approved, 16))
            expected = minor
            if rng.random() < 0.3:
                expected = max(scale, (minor * rng.randint(30, 80) // 100) // scale * scale)
                row["refund_amount"] = money(expected, cur)
        if approved <= AS_OF:
            outcome = rng.random()
            if outcome < 0.7:
                days = [rng.randint(3, 18)]
            elif outcome < 0.8:
                days = [rng.randint(22, 30)]
            elif outcome < 0.9:
                days = [rng.randint(2, 8), rng.randint(9, 19)]
            else:
                days = []
            parts = [expected] if len(days) < 2 else [expected // 2, expected - expected // 2]
            for i, (bd, amount) in enumerate(zip(days, parts)):
                when = add_business_days(approved, bd)
                link = dict(order_id=oid) if rng.random() < 0.7 else dict(original_payment_id=charge_id)
                pay(payment_id=f"RF-{n}{'AB'[i] if len(days) > 1 else ''}", type="refund",
                    created_at=ts(when, rng.randint(6, 20)), amount="-" + money(amount, cur), currency=cur,
                    payment_method=method, **link)
    order(**row)

# --- Rows that cannot be read: each is rejected with its reason ---
order(order_id="SO-BAD1", placed_at="2026-02-30T10:00:00Z", currency="USD", total="10.00", country="US",
      customer="paid with 4111-1111-1111-1111")
order(order_id="SO-BAD2", placed_at=ts(d(2026, 3, 3)), currency="JPY", total="1500.5", country="JP")
order(order_id="SO-BAD3", placed_at=ts(d(2026, 3, 4)), currency="XYZ", total="10.00", country="US")
order(order_id="SO-1001", placed_at=ts(d(2026, 3, 5)), currency="USD", total="11.00", country="US")
pay(payment_id="PX-BAD1", type="charge", created_at=ts(d(2026, 3, 6)), amount="12,50", currency="EUR")
pay(payment_id="PX-BAD2", type="refund", created_at=ts(d(2026, 3, 6)), amount="5.00", currency="USD", status="refunded")
pay(payment_id="CH-1001", type="charge", created_at=ts(d(2026, 3, 7)), amount="5.00", currency="USD")
pay(payment_id="PX-BAD4", type="refund", created_at="", amount="5.00", currency="USD")


def write(path, cols, rows, extra_lines=()):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    for line in extra_lines:
        buf.write(line + "\r\n")
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


write(ROOT / "SampleData/orders.csv", ORDER_COLS, orders)
# A row with too few fields, as a hand-edited export might have.
write(ROOT / "SampleData/payments.csv", PAY_COLS, payments, ["PX-BAD5,refund,2026-03-08T12:00:00Z,5.00"])
print(f"{len(orders)} orders, {len(payments) + 1} payments")
