#!/usr/bin/env python3
"""Writes the real-layout samples in SampleData/store/ and SampleData/supplier/, and for each the same
events as canonical CSV (canonical_*.csv), so that a test can run both and expect the same exceptions.
Headers are those of real exports (see shared EXPORTS.md). Deterministic."""
import csv
import datetime as dt
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
rng = random.Random(4242)
D = dt.date
ORDER_COLS = ["order_id", "placed_at", "currency", "total", "payment_method", "country", "seller_type", "customer",
              "status", "cancel_approved_at", "refund_requested_at", "refund_approved_at", "refund_amount"]
PAY_COLS = ["payment_id", "type", "created_at", "amount", "currency", "payment_method", "order_id",
            "original_payment_id", "status"]
SHOPIFY = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
           "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
           "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
           "Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
           "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
           "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
           "Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
           "Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
           "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,"
           "Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,"
           "Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References").split(",")
STRIPE = ("id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,"
          "Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,"
          "Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer,"
          "order_id (metadata)").split(",")
PAYPAL = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "From Email Address",
          "To Email Address", "Transaction ID", "Shipping Address", "Address Status", "Item Title", "Item ID",
          "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name", "Option 1 Value",
          "Option 2 Name", "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity",
          "Receipt ID", "Balance", "Address Line 1", "Address Line 2/District/Neighborhood", "Town/City",
          "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
          "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact"]
PAYOUTS = ("Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Available On,Amount,Fee,Net,"
           "Checkout,Payment Method Name,Presentment Amount,Presentment Currency,Currency").split(",")
BALANCE = ["balance_transaction_id", "created_utc", "available_on_utc", "currency", "gross", "fee", "net",
           "reporting_category", "description", "source_id", "charge_id"]
SHOP = "our-shop@example.com"


def eastern_offset(day):  # US Eastern: EDT from 8 March 2026
    return "-0400" if day >= D(2026, 3, 8) else "-0500"


def pacific(day):
    return ("PDT", "-07:00") if day >= D(2026, 3, 8) else ("PST", "-08:00")


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def grouped(cents):  # PayPal writes thousands separators
    return f"{cents // 100:,}.{cents % 100:02d}"


def write(path, header, rows, encoding="utf-8", bom=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL if "paypal" in path.name else csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(c, "") for c in header] if isinstance(r, dict) else r)
    data = buf.getvalue().encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


# ---------------- Store: Shopify orders, Stripe and PayPal payments ----------------
names = ["Ana Lima", "Bo Chen", "José Müller", "Zoë Faure", "Dev Patel", "Eve Martin", "Gus Berg", "Hana Sato"]
shopify, stripe, paypal, payouts, balance = [], [], [], [], []
c_orders, c_pay, c_payouts, c_balance = [], [], [], []
paypal_txn = iter(f"{rng.randrange(16**17):017X}" for _ in range(1000))

for n in range(1001, 1031):
    name = f"#{n}"
    day = D(2026, 3, 2) + dt.timedelta(days=(n - 1001) * 3)
    created = f"{day} {9 + n % 8:02d}:{n % 60:02d}:00 {eastern_offset(day)}"
    items = [(rng.choice(["Desk lamp", "Mug, large", "Phone case", "Tote bag"]), rng.randint(1, 2), rng.randint(900, 6500))
             for _ in range(1 + n % 3)]
    if n == 1016:
        items.append(("Standing desk", 1, 148900))  # a PayPal amount with a thousands separator
    total = sum(q * p for _, q, p in items) + 499
    via_paypal = n % 4 == 0
    customer = names[(n // 4 if via_paypal else n) % len(names)]
    email = customer.split()[0].lower().replace("é", "e").replace("ë", "e") + "@example.com"
    country = ["US", "US", "CA", "GB"][n % 4]
    cancelled = n in (1003, 1007, 1011, 1015, 1027)
    cancel_day = day + dt.timedelta(days=1) if cancelled else None
    cancel_at = f"{cancel_day} 15:30:00 {eastern_offset(cancel_day)}" if cancelled else ""
    status = "refunded" if cancelled else "paid"
    for i, (item, qty, price) in enumerate(items):
        row = {"Name": name, "Email": email, "Created at": created, "Lineitem quantity": qty, "Lineitem name": item,
               "Lineitem price": money(price), "Vendor": "Dropshipman"}
        if i == 0:
            row.update({"Financial Status": status, "Paid at": created, "Currency": "USD", "Subtotal": money(total - 499),
                        "Shipping": "4.99", "Total": money(total), "Billing Name": customer, "Shipping Name": customer,
                        "Shipping Country": country, "Billing Country": country, "Cancelled at": cancel_at,
                        "Payment Method": "paypal" if via_paypal else "shopify_payments", "Id": str(12133307350000 + n)})
        shopify.append(row)
    c_orders.append({"order_id": name, "placed_at": created, "currency": "USD", "total": money(total), "country": country,
                     "customer": customer, "status": status, "cancel_approved_at": cancel_at})

    # Refund plan: cancellations are refunded in full (one late, one never, one recent); some orders get partial returns.
    refund_days = {1003: 4, 1007: 40, 1011: None, 1015: 3, 1027: None}
    refund, refund_day = 0, None
    if cancelled and refund_days[n] is not None:
        refund, refund_day = total, cancel_day + dt.timedelta(days=refund_days[n])
    elif n in (1005, 1009, 1018):
        refund, refund_day = total // 3, day + dt.timedelta(days=12)
    if not via_paypal:
        cid = f"ch_3P{n}xQk{rng.randrange(10**8):08d}"
        pm = f"pm_1P{n}card{rng.randrange(10**4):04d}"
        charged = f"{day} {14 + n % 5:02d}:{n % 60:02d}:{n % 50:02d}"
        stripe.append({"id": cid, "Created date (UTC)": charged, "Amount": money(total), "Amount Refunded": money(refund),
                       "Currency": "usd", "Captured": "true", "Converted Amount": money(total),
                       "Converted Amount Refunded": money(refund), "Converted Currency": "usd", "Description": f"Order {name}",
                       "Fee": money(total * 29 // 1000 + 30), "Refunded date (UTC)": f"{refund_day} 16:05:11" if refund else "",
                       "Status": "Refunded" if refund == total else "Paid", "Card ID": pm, "Customer Email": email,
                       "order_id (metadata)": name})
        c_pay.append({"payment_id": cid, "type": "charge", "created_at": charged, "amount": money(total), "currency": "usd",
                      "payment_method": f"card:{pm}", "order_id": name, "status": "succeeded"})
        if refund:
            c_pay.append({"payment_id": f"{cid}-refund", "type": "refund", "created_at": f"{refund_day} 16:05:11",
                          "amount": money(refund), "currency": "usd", "payment_method": f"card:{pm}", "order_id": name,
                          "original_payment_id": cid})
    else:
        tid = next(paypal_txn)
        abbr, off = pacific(day)
        paypal.append({"Date": f"{day.month}/{day.day}/{day.year}", "Time": "11:04:59", "TimeZone": abbr, "Name": customer,
                       "Type": "Express Checkout Payment", "Status": "Completed", "Currency": "USD", "Gross": grouped(total),
                       "Fee": "-" + money(total * 349 // 10000 + 49), "From Email Address": email, "To Email Address": SHOP,
                       "Transaction ID": tid, "Invoice Number": name, "Balance Impact": "Credit"})
        c_pay.append({"payment_id": tid, "type": "charge", "created_at": f"{day}T11:04:59{off}", "amount": money(total),
                      "currency": "USD", "payment_method": f"paypal:{email}", "order_id": name, "status": "succeeded"})
        refunds = []
        if refund:
            refunds.append((refund, refund_day, email))
        if n == 1012:   # refunded twice: over_refund on the second
            refunds += [(total - 500, day + dt.timedelta(days=5), email), (2000, day + dt.timedelta(days=9), email)]
        if n == 1020:   # refunded to another PayPal account: method_mismatch
            refunds.append((total // 2, day + dt.timedelta(days=6), "someone.else@example.com"))
        for amount, rday, to in refunds:
            rid = next(paypal_txn)
            abbr, off = pacific(rday)
            paypal.append({"Date": f"{rday.month}/{rday.day}/{rday.year}", "Time": "08:15:00", "TimeZone": abbr,
                           "Name": customer, "Type": "Payment Refund", "Status": "Completed", "Currency": "USD",
                           "Gross": "-" + grouped(amount), "Fee": "0.00", "From Email Address": SHOP, "To Email Address": to,
                           "Transaction ID": rid, "Reference Txn ID": tid, "Invoice Number": name, "Balance Impact": "Debit"})
            c_pay.append({"payment_id": rid, "type": "refund", "created_at": f"{rday}T08:15:00{off}", "amount": money(amount),
                          "currency": "USD", "payment_method": f"paypal:{to}", "order_id": name, "original_payment_id": tid,
                          "status": "succeeded"})

# Cancellations no payments export shows (fixed values: the random draws above and below stay as they were):
# #1031 cash on delivery, voided (never captured); #1032 paid by bank transfer and refunded in full, as Shopify
# records; #1033 likewise, but Shopify records only 40.00 of 120.00 refunded.
STORE_ORDER_COLS = ORDER_COLS + ["captured_amount", "refunded_amount"]
for n, status, total, refunded, gateway in [(1031, "voided", 4590, 0, "Cash on Delivery (COD)"),
                                            (1032, "refunded", 8450, 8450, "manual"),
                                            (1033, "partially_refunded", 12000, 4000, "manual")]:
    name, customer = f"#{n}", names[n % len(names)]
    day = D(2026, 5, 1) + dt.timedelta(days=(n - 1031) * 3)
    created, cancel_at = f"{day} 10:15:00 -0400", f"{day + dt.timedelta(days=1)} 15:30:00 -0400"
    email = customer.split()[0].lower().replace("é", "e").replace("ë", "e") + "@example.com"
    shopify.append({"Name": name, "Email": email, "Financial Status": status, "Currency": "USD",
                    "Subtotal": money(total - 499), "Shipping": "4.99", "Total": money(total), "Created at": created,
                    "Lineitem quantity": 1, "Lineitem name": "Desk lamp", "Lineitem price": money(total - 499),
                    "Billing Name": customer, "Shipping Name": customer, "Shipping Country": "US",
                    "Billing Country": "US", "Cancelled at": cancel_at, "Payment Method": gateway,
                    "Refunded Amount": money(refunded), "Vendor": "Dropshipman", "Id": str(12133307350000 + n)})
    c_orders.append({"order_id": name, "placed_at": created, "currency": "USD", "total": money(total), "country": "US",
                     "customer": customer, "status": status, "cancel_approved_at": cancel_at,
                     "captured_amount": "0" if status == "voided" else "", "refunded_amount": money(refunded)})

# A Stripe attempt that never made a charge, a PayPal withdrawal and an unmatched PayPal refund.
stripe.append({"id": "", "Created date (UTC)": "2026-05-02 10:00:00", "Amount": "35.00", "Amount Refunded": "0.00",
               "Currency": "usd", "Status": "requires_payment_method"})
paypal.append({"Date": "5/29/2026", "Time": "12:00:00", "TimeZone": "PDT", "Name": "", "Type": "General Withdrawal",
               "Status": "Completed", "Currency": "USD", "Gross": "-1,500.00", "Fee": "0.00", "Transaction ID": next(paypal_txn),
               "Balance Impact": "Debit"})
stray = next(paypal_txn)
paypal.append({"Date": "6/3/2026", "Time": "09:30:00", "TimeZone": "PDT", "Name": "Unknown", "Type": "Payment Refund",
               "Status": "Completed", "Currency": "USD", "Gross": "-12.34", "Fee": "0.00", "From Email Address": SHOP,
               "To Email Address": "stranger@example.com", "Transaction ID": stray, "Balance Impact": "Debit"})
c_pay.append({"payment_id": stray, "type": "refund", "created_at": "2026-06-03T09:30:00-07:00", "amount": "12.34",
              "currency": "USD", "payment_method": "paypal:stranger@example.com", "status": "succeeded"})

store = ROOT / "SampleData/store"
write(store / "shopify_orders_export.csv", SHOPIFY, shopify)
write(store / "stripe_unified_payments.csv", STRIPE, stripe)
write(store / "paypal_activity.csv", PAYPAL, paypal, encoding="cp1252")
write(store / "canonical_orders.csv", STORE_ORDER_COLS, c_orders)
write(store / "canonical_payments.csv", PAY_COLS, c_pay)

# ---------------- Shopify Payments payouts and the Stripe balance report, on their own ----------------
for n, (total, refund) in enumerate([(3005, 3005), (12000, 4000), (7550, 0), (156000, 0)]):
    day = D(2026, 5, 4) + dt.timedelta(days=n * 2)
    order, checkout = f"#4{n + 476}", f"#3809075701{n + 3761}"
    when = f"{day} 11:34:38 -0400"
    payouts.append({"Transaction Date": when, "Type": "charge", "Order": order, "Card Brand": "visa", "Card Source": "online",
                    "Payout Status": "paid", "Payout Date": str(day + dt.timedelta(days=3)), "Available On": str(day + dt.timedelta(days=3)),
                    "Amount": money(total), "Fee": "1.10", "Net": money(total - 110), "Checkout": checkout,
                    "Payment Method Name": "card", "Presentment Amount": money(total), "Presentment Currency": "USD", "Currency": "USD"})
    c_payouts.append({"payment_id": f"{checkout}:charge:{when}", "type": "charge", "created_at": when, "amount": money(total),
                      "currency": "USD", "payment_method": "card:visa", "order_id": order})
    if refund:
        rwhen = f"{day + dt.timedelta(days=1)} 12:01:09 -0400"
        payouts.append({"Transaction Date": rwhen, "Type": "refund", "Order": order, "Card Brand": "visa", "Card Source": "online",
                        "Payout Status": "paid", "Payout Date": str(day + dt.timedelta(days=4)), "Available On": str(day + dt.timedelta(days=4)),
                        "Amount": "-" + money(refund), "Fee": "0.00", "Net": "-" + money(refund), "Checkout": checkout,
                        "Payment Method Name": "card", "Presentment Amount": money(refund), "Presentment Currency": "USD", "Currency": "USD"})
        c_payouts.append({"payment_id": f"{checkout}:refund:{rwhen}", "type": "refund", "created_at": rwhen, "amount": money(refund),
                          "currency": "USD", "payment_method": "card:visa", "order_id": order})
    payouts.append({"Transaction Date": f"{day} 18:00:00 -0400", "Type": "shop_cash_credit", "Order": "", "Amount": "0.50",
                    "Currency": "USD"})
    txn, ch = f"txn_3P{n}Bal{rng.randrange(10**6):06d}", f"ch_3P{n}Bal{rng.randrange(10**6):06d}"
    created = f"{day} 08:26:29"
    balance.append({"balance_transaction_id": txn, "created_utc": created, "available_on_utc": f"{day + dt.timedelta(days=2)} 00:00:00",
                    "currency": "gbp", "gross": money(total), "fee": "0.77", "net": money(total - 77), "reporting_category": "charge",
                    "description": "Payment", "source_id": ch, "charge_id": ch})
    c_balance.append({"payment_id": ch, "type": "charge", "created_at": created, "amount": money(total), "currency": "gbp",
                      "original_payment_id": ch})
    if refund:
        re_, rcreated = f"re_3P{n}Bal{rng.randrange(10**6):06d}", f"{day + dt.timedelta(days=2)} 10:00:00"
        balance.append({"balance_transaction_id": f"txn_r{n}", "created_utc": rcreated, "available_on_utc": rcreated,
                        "currency": "gbp", "gross": "-" + money(refund), "fee": "0.00", "net": "-" + money(refund),
                        "reporting_category": "refund", "description": "REFUND FOR PAYMENT", "source_id": re_, "charge_id": ch})
        c_balance.append({"payment_id": re_, "type": "refund", "created_at": rcreated, "amount": money(refund),
                          "currency": "gbp", "original_payment_id": ch})
balance.append({"balance_transaction_id": "txn_fee1", "created_utc": "2026-05-31 23:00:00", "currency": "gbp", "gross": "-2.00",
                "fee": "0.00", "net": "-2.00", "reporting_category": "fee", "description": "Billing"})
write(store / "shopify_payouts.csv", PAYOUTS, payouts)
write(store / "canonical_shopify_payouts.csv", PAY_COLS, c_payouts)
write(store / "stripe_balance.csv", BALANCE, balance, bom=True)
write(store / "canonical_stripe_balance.csv", PAY_COLS, c_balance)

# ---------------- Supplier: marketplace orders (merchant as buyer) and the card statement ----------------
MARKET = ["Order number", "Order date", "Store name", "Order amount", "Currency", "Card last 4", "Ship to country",
          "Seller type", "Order status", "Cancellation approved", "Refund requested", "Refund approved", "Refund amount"]
market, statement, c_morders, c_statement = [], [], [], []


# card-statement's content id: the source's params (card, currency), date, amount, description, occurrence
def statement_id(params, day, amount, desc, earlier):
    date = f"{day.month:02d}/{day.day:02d}/{day.year}"
    stem = f"{params} {date} {amount} {desc}"
    return f"{stem} #{1 + sum(1 for p in earlier if p['payment_id'].startswith(stem + ' #'))}"

stmt_rows = []  # (date, description, signed cents)
for n in range(12):
    oid = f"81{n:02d}3345{rng.randrange(10**6):06d}"
    day = D(2026, 4, 1) + dt.timedelta(days=n * 4)
    total = rng.randint(1200, 9000) + n  # distinct amounts
    placed = f"{day} 10:{n:02d}"
    row = {"Order number": oid, "Order date": placed, "Store name": f"Supplier {n} Store", "Order amount": money(total),
           "Currency": "USD", "Card last 4": "4242", "Ship to country": ["US", "BR", "FR"][n % 3],
           "Seller type": ["choice", "standard"][n % 2], "Order status": "shipped"}
    canonical = {"order_id": oid, "placed_at": placed.replace(" ", "T"), "currency": "USD", "total": money(total),
                 "payment_method": "card:4242", "country": row["Ship to country"], "seller_type": row["Seller type"],
                 "counterparty": row["Store name"]}
    stmt_rows.append((day, f"ALIEXPRESS*{oid[:8]} LUXEMBOURG", -total))
    plan = n % 4
    if plan in (0, 1):                       # cancelled, approved next day; refunded after 5 days, or never (n=4)
        approved = day + dt.timedelta(days=1)
        row.update({"Order status": "cancelled", "Cancellation approved": f"{approved} 09:00"})
        canonical.update({"status": "cancelled", "cancel_approved_at": f"{approved}T09:00"})
        if n != 4:
            stmt_rows.append((approved + dt.timedelta(days=5 if n != 8 else 35), f"ALIEXPRESS REFUND {oid[:8]}", total))
    elif plan == 2:                          # return approved for part of the amount
        requested, approved = (day + dt.timedelta(days=65), day + dt.timedelta(days=66)) if n == 2 else \
            (day + dt.timedelta(days=20), day + dt.timedelta(days=22))  # n=2: requested past its 60-day window
        part = total // 2
        row.update({"Order status": "refund approved", "Refund requested": f"{requested} 14:00",
                    "Refund approved": f"{approved} 08:30", "Refund amount": money(part)})
        canonical.update({"status": "refund approved", "refund_requested_at": f"{requested}T14:00",
                          "refund_approved_at": f"{approved}T08:30", "refund_amount": money(part)})
        stmt_rows.append((approved + dt.timedelta(days=9), f"ALIEXPRESS REFUND {oid[:8]}", part))
    market.append(row)
    c_morders.append(canonical)
stmt_rows.append((D(2026, 5, 20), "COFFEE SHOP 123", -450))
stmt_rows.append((D(2026, 5, 21), "AMAZON MKTPLACE RETURN", 1999))   # a credit no order explains: unmatched
stmt_rows.append((D(2026, 5, 25), "Payment Thank You-Mobile", 50000))  # the card bill paid: skipped, never a refund
stmt_rows.sort()
for day, desc, cents in stmt_rows:
    amount = ("-" if cents < 0 else "") + money(abs(cents))
    kind = "Payment" if desc.startswith("Payment Thank You") else "Sale" if cents < 0 else "Return"
    statement.append([f"{day.month:02d}/{day.day:02d}/{day.year}", f"{day.month:02d}/{day.day:02d}/{day.year}", desc,
                      "" if kind == "Payment" else "Shopping", kind, amount, ""])
    if kind == "Payment":
        continue
    c_statement.append({"payment_id": statement_id("card:4242 usd", day, amount, desc, c_statement), "type": "charge" if cents < 0 else "refund",
                        "created_at": str(day), "amount": amount, "currency": "USD", "payment_method": "card:4242",
                        "description": desc})
# A USD order paid with a EUR card (card:5100, its own statement): cancelled Friday 29 May, refunded EUR 59.71
# on Monday 8 June, a day whose rate differs from the charge's. At that day's rate below, USD 1.0827 per euro,
# 59.71 is USD 64.65, 0.25 short of the 64.90 owed (within 2%, 1.29): with the rate file it settles the case.
oid = "81123345600120"
market.append({"Order number": oid, "Order date": "2026-05-28 10:12", "Store name": "Supplier 12 Store",
               "Order amount": "64.90", "Currency": "USD", "Card last 4": "5100", "Ship to country": "FR",
               "Seller type": "standard", "Order status": "cancelled", "Cancellation approved": "2026-05-29 09:00"})
c_morders.append({"order_id": oid, "placed_at": "2026-05-28T10:12", "currency": "USD", "total": "64.90",
                  "payment_method": "card:5100", "country": "FR", "seller_type": "standard",
                  "counterparty": "Supplier 12 Store", "status": "cancelled", "cancel_approved_at": "2026-05-29T09:00"})
eur_statement = []
for day, desc, amount, kind in [(D(2026, 5, 28), f"ALIEXPRESS*{oid[:8]} LUXEMBOURG", "-59.87", "Sale"),
                                (D(2026, 6, 8), f"ALIEXPRESS REFUND {oid[:8]}", "59.71", "Return")]:
    date = f"{day.month:02d}/{day.day:02d}/{day.year}"
    eur_statement.append([date, date, desc, "Shopping", kind, amount, ""])
    c_statement.append({"payment_id": statement_id("card:5100 eur", day, amount, desc, c_statement),
                        "type": "charge" if kind == "Sale" else "refund", "created_at": str(day), "amount": amount,
                        "currency": "EUR", "payment_method": "card:5100", "description": desc})

# Euro reference rates in the ECB's eurofxref-hist.csv layout (newest first, a trailing comma, N/A, a retired
# code): illustrative figures for the sample's weeks, not the ECB's. JPY has no rate on 1 June.
ECB = ["Date", "USD", "JPY", "CYP", "GBP", "CHF", ""]
rates = []
for i, day in enumerate(D(2026, 5, 18) + dt.timedelta(days=n) for n in range(44)):
    if day.weekday() < 5:
        usd = 10800 + (i * 7) % 60  # 1.0800 to 1.0859
        jpy = "N/A" if day == D(2026, 6, 1) else f"{162 + i % 3}.{(i * 13) % 100:02d}"
        rates.append([str(day), f"{usd // 10000}.{usd % 10000:04d}", jpy, "N/A", f"0.8{540 + i % 9}", "0.9712", ""])
rates.reverse()

supplier = ROOT / "SampleData/supplier"
write(supplier / "marketplace_orders.csv", MARKET, market)
write(supplier / "card_statement.csv", ["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"], statement)
write(supplier / "card_statement_eur.csv", ["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"], eur_statement)
write(supplier / "eurofxref-hist.csv", ECB, rates)
write(supplier / "canonical_orders.csv", ORDER_COLS + ["counterparty"], c_morders)
write(supplier / "canonical_payments.csv", PAY_COLS + ["description"], c_statement)
print("written", len(shopify), len(stripe), len(paypal), len(payouts), len(balance), len(market), len(statement))
