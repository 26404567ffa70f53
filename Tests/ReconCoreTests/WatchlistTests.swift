import Foundation
import Testing

@testable import ReconCore

/// The watchlist as of Tuesday 2026-06-30, watching 14 days (through 2026-07-14), weekends-only calendar.
@Suite struct WatchlistTests {
    static let orderHeader =
        "order_id,placed_at,currency,total,payment_method,country,seller_type,status,cancel_approved_at,"
        + "refund_requested_at,refund_approved_at\n"

    func reconcile(
        orders: String, payments: String = "", keepEveryRecord: Bool = false,
        configure: @escaping (inout RunConfiguration) -> Void = { _ in }
    ) throws -> Pipeline.Result {
        var scenario = Scenario(orders: "", payments: payments)
        scenario.orders = Self.orderHeader + orders
        scenario.configure = { config in
            config.windowRules = [
                WindowRule(country: "BR", sellerType: "*", days: 60),
                WindowRule(country: "*", sellerType: "choice", days: 75),
            ]
            configure(&config)
        }
        return try scenario.reconcile(keepEveryRecord: keepEveryRecord)
    }

    /// Request windows, default 90 days unless a rule matches:
    /// D0 placed 04-01 + 90 = 06-30 (0 days left); D14 04-15 + 90 = 07-14 (14, the last day watched);
    /// D15 04-16 + 90 = 07-15 (not yet watched); GONE 03-31 + 90 = 06-29 (already closed);
    /// BR 05-01 + 60 (rule BR/*) = 06-30, where the default would give 07-30; CHO 04-20 + 75 (rule */choice)
    /// = 07-04, where the default would give 07-19; NOSTAT (no status) 04-10 + 90 = 07-09.
    static let windowOrders = """
        D0,2026-04-01,USD,10.00,card:1,US,standard,shipped,,,
        D14,2026-04-15,USD,14.00,card:1,US,standard,shipped,,,
        D15,2026-04-16,USD,15.00,card:1,US,standard,shipped,,,
        GONE,2026-03-31,USD,9.00,card:1,US,standard,shipped,,,
        BR,2026-05-01,EUR,20.00,card:2,BR,standard,shipped,,,
        CHO,2026-04-20,JPY,3000,paypal:a@example.com,US,choice,processing,,,
        NOSTAT,2026-04-10,USD,5.00,,US,standard,,,,

        """

    @Test func requestWindowsCloseByRuleOrDefaultWithinTheWatchedDays() throws {
        let rows = try reconcile(orders: Self.windowOrders).watchlist.rows
        #expect(rows.map(\.orderId) == ["BR", "D0", "CHO", "NOSTAT", "D14"])
        #expect(rows.allSatisfy { $0.kind == .requestWindow })
        #expect(
            rows.map(\.closesOn.description) == ["2026-06-30", "2026-06-30", "2026-07-04", "2026-07-09", "2026-07-14"])
        #expect(rows.map(\.daysLeft) == [0, 0, 4, 9, 14])
        let cho = rows[2]
        #expect(cho.amount == 3000 && cho.currency.code == "JPY" && cho.paymentMethod == "paypal:a@example.com")
        #expect(cho.status == "processing" && rows[3].status == nil)
        #expect(
            rows[0].detail
                == "Ask the supplier for a refund before 2026-06-30 (60-day window from 2026-05-01, rule BR/*)")
        #expect(rows[1].detail == "Ask the supplier for a refund before 2026-06-30 (90-day window from 2026-04-01)")
    }

    /// Every order below closes on 07-04 (placed 04-05 + 90) but needs no request: its goods arrived
    /// (received statuses, any case), it was cancelled, or a request, a cancellation or a refund was already
    /// made or approved. Only OPEN is listed.
    @Test func receivedCancelledAndRequestedOrdersAreNotWatched() throws {
        let orders = """
            OPEN,2026-04-05,USD,1.00,,US,standard,shipped,,,
            DEL,2026-04-05,USD,1.00,,US,standard,Delivered,,,
            COMP,2026-04-05,USD,1.00,,US,standard,COMPLETED,,,
            CAN,2026-04-05,USD,1.00,,US,standard,Cancelled,,,
            REQ,2026-04-05,USD,1.00,,US,standard,shipped,,2026-06-01,
            CAP,2026-04-05,USD,1.00,,US,standard,shipped,2026-06-29,,
            APP,2026-04-05,USD,1.00,,US,standard,shipped,,,2026-06-29

            """
        #expect(try reconcile(orders: orders).watchlist.rows.map(\.orderId) == ["OPEN"])
        // The pipeline's own received statuses replace the default ones, compared ignoring case (sorted by id).
        let shippedIsReceived = try reconcile(orders: orders) { $0.receivedStatuses = ["SHIPPED"] }
        #expect(shippedIsReceived.watchlist.rows.map(\.orderId) == ["COMP", "DEL"])
    }

    /// `watch_days` 4 keeps D0, BR (0 days left) and CHO (4); 0 keeps only those closing today.
    @Test func watchDaysSetsHowFarAheadTheListLooks() throws {
        let four = try reconcile(orders: Self.windowOrders) { $0.watchDays = 4 }
        #expect(four.watchlist.rows.map(\.orderId) == ["BR", "D0", "CHO"])
        let today = try reconcile(orders: Self.windowOrders) { $0.watchDays = 0 }
        #expect(today.watchlist.rows.map(\.orderId) == ["BR", "D0"])
    }

    /// Overdue cases, all USD, weekends only:
    /// K1 card: cancellation approved Wed 02-11, due the 20th business day after, Wed 03-11; 50.00 less a
    ///   20.00 refund leaves 30.00; 03-11 + 120 = 07-09 (9 days left).
    /// P1 PayPal: charged 01-05 (placed 01-03); 01-05 + 180 = 07-04 (4 days left; the placed date would give 07-02).
    /// N1 PayPal, no charge: its own method and placed date 01-08 + 180 = 07-07 (7 days left).
    /// W1 bank: no dispute window, so no row and no dispute_by.
    /// K2 card: approved Wed 04-01, due Wed 04-29, + 120 = 08-27: after the watched days, but its dispute_by.
    static let disputeOrders = """
        K1,2026-02-01,USD,50.00,card:1111,US,standard,cancelled,2026-02-11,,
        P1,2026-01-03,USD,40.00,paypal:p@example.com,US,standard,shipped,,2026-02-20,2026-03-02
        N1,2026-01-08,USD,30.00,paypal:n@example.com,US,standard,shipped,,2026-02-20,2026-03-02
        W1,2026-01-08,USD,20.00,bank:de89,US,standard,shipped,,2026-02-20,2026-03-02
        K2,2026-03-20,USD,60.00,card:2222,US,standard,cancelled,2026-04-01,,

        """
    static let disputePayments = """
        CH-K1,charge,2026-02-01T10:00:00Z,50.00,USD,card:1111,K1,,
        RF-K1,refund,2026-03-01T10:00:00Z,20.00,USD,card:1111,K1,,
        CH-P1,charge,2026-01-05T10:00:00Z,40.00,USD,paypal:p@example.com,P1,,
        CH-W1,charge,2026-01-08T10:00:00Z,20.00,USD,bank:de89,W1,,
        CH-K2,charge,2026-03-20T10:00:00Z,60.00,USD,card:2222,K2,,

        """

    @Test func disputeWindowsCountFromTheDueDateOrThePayment() throws {
        let result = try reconcile(orders: Self.disputeOrders, payments: Self.disputePayments)
        #expect(result.flags(.overdue).map(\.orderId) == ["K1", "K2", "N1", "P1", "W1"])
        let rows = result.watchlist.rows
        #expect(rows.map(\.orderId) == ["P1", "N1", "K1"])
        #expect(rows.allSatisfy { $0.kind == .disputeWindow })
        #expect(rows.map(\.closesOn.description) == ["2026-07-04", "2026-07-07", "2026-07-09"])
        #expect(rows.map(\.daysLeft) == [4, 7, 9])
        #expect(rows.map(\.amount) == [4000, 3000, 3000])
        #expect(rows.map(\.paymentMethod) == ["paypal:p@example.com", "paypal:n@example.com", "card:1111"])
        #expect(
            rows[2].detail
                == "Open a card dispute for USD 30.00 before 2026-07-09 (120 days from the refund's due date 2026-03-11)"
        )
        #expect(
            rows[0].detail
                == "Open a PayPal dispute for USD 40.00 before 2026-07-04 (180 days from the payment CH-P1 on 2026-01-05)"
        )
        #expect(
            rows[1].detail
                == "Open a PayPal dispute for USD 30.00 before 2026-07-07 (180 days from the order placed on 2026-01-08)"
        )
        let disputeBy = result.watchlist.disputeBy.mapValues(\.description)
        #expect(
            disputeBy == ["K1": "2026-07-09", "P1": "2026-07-04", "N1": "2026-07-07", "K2": "2026-08-27"])
    }

    /// FUT is placed on 07-02, after as-of: its window would close on 09-30, but an order not yet placed on
    /// the night is not watched, and `explain` says so rather than counting days left.
    @Test func anOrderPlacedAfterAsOfIsNotWatched() throws {
        let result = try reconcile(
            orders: "FUT,2026-07-02,USD,25.00,card:1,US,standard,shipped,,,\n", keepEveryRecord: true)
        #expect(result.watchlist.rows.isEmpty)
        let text = try #require(Explainer(result: result).explain("FUT")).joined(separator: "\n")
        #expect(text.contains("Request window: not watched, the order was placed after as of 2026-06-30"))
    }

    /// `watch_kinds` keeps the kinds listed: with dispute windows only, the request windows of
    /// `windowOrders` (five rows above) are left out and the three disputes stay, `dispute_by` as before; with
    /// request windows only, the disputes go and `dispute_by` is still written.
    @Test func watchKindsKeepTheKindsListed() throws {
        let orders = Self.windowOrders + Self.disputeOrders
        let disputesOnly = try reconcile(orders: orders, payments: Self.disputePayments) {
            $0.watchKinds = [.disputeWindow]
        }
        #expect(disputesOnly.watchlist.rows.map(\.orderId) == ["P1", "N1", "K1"])
        let requestsOnly = try reconcile(orders: orders, payments: Self.disputePayments) {
            $0.watchKinds = [.requestWindow]
        }
        #expect(requestsOnly.watchlist.rows.map(\.orderId) == ["BR", "D0", "CHO", "NOSTAT", "D14"])
        #expect(requestsOnly.watchlist.disputeBy.count == 4)
    }

    /// A pipeline's own windows replace the defaults: card 30 days from the payment gives K1 02-01 + 30 =
    /// 03-03 (closed, so no row) and K2 03-20 + 30 = 04-19; without a paypal window P1 and N1 have none.
    @Test func configuredWindowsReplaceTheDefaults() throws {
        let result = try reconcile(orders: Self.disputeOrders, payments: Self.disputePayments) {
            $0.disputeWindows = [DisputeWindow(methodKind: "Card", days: 30, from: .paymentDate)]
        }
        #expect(result.watchlist.rows.isEmpty)
        #expect(result.watchlist.disputeBy.mapValues(\.description) == ["K1": "2026-03-03", "K2": "2026-04-19"])
    }

    /// Written out: the watchlist CSV in its columns and order, `dispute_by` last on the cases (empty for W1),
    /// the manifest's counts per kind. A request window (D0, 0 days left) sorts before the disputes.
    @Test func theRunWritesTheWatchlistAndDisputeBy() throws {
        var scenario = Scenario(orders: "", payments: Self.disputePayments)
        scenario.orders =
            Self.orderHeader + Self.disputeOrders + "D0,2026-04-01,USD,10.00,card:1,US,standard,shipped,,,\n"
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        let watchlist = try gunzippedText(output + "/watchlist.csv.gz").split(separator: "\n")
        #expect(watchlist.first == "order_id,kind,closes_on,days_left,currency,amount,payment_method,status,detail")
        #expect(
            watchlist.dropFirst().map { $0.split(separator: ",").prefix(4).joined(separator: ",") } == [
                "D0,request_window,2026-06-30,0", "P1,dispute_window,2026-07-04,4", "N1,dispute_window,2026-07-07,7",
                "K1,dispute_window,2026-07-09,9",
            ])
        #expect(watchlist[3].hasPrefix("N1,dispute_window,2026-07-07,7,USD,30.00,paypal:n@example.com,shipped,"))
        let cases = try gunzippedText(output + "/cases.csv.gz").split(separator: "\n")
        #expect(cases[0].hasSuffix(",original_file,dispute_by"))
        #expect(cases.first { $0.hasPrefix("K2,") }?.hasSuffix(",2026-08-27") == true)
        #expect(cases.first { $0.hasPrefix("W1,") }?.hasSuffix(",") == true)
        let manifest = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"dispute_window\" : 3") && manifest.contains("\"request_window\" : 1"))
    }

    /// The sheet heads the CSV's `kind` and `status` as what they are here (the other sheets' "Case kind" and
    /// "Refund status" would mislead), the rest as every sheet does.
    @Test func theSheetNamesTheDeadlineAndTheOrderStatus() {
        let titles = ReportTables.watchlistSheet([]).columns.map { SheetHeaders.title($0.name) }
        #expect(
            titles == [
                "Order ID", "Deadline", "Closes on", "Days left", "Currency", "Amount", "Payment method",
                "Order status", "Detail",
            ])
        #expect(ReportTables.watchlist([]).columns.map(\.name)[1] == "kind")
    }
}
