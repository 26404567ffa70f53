import Testing

@testable import ReconCore

@Suite struct PipelineFileTests {
    let valid = """
        name: nightly
        timezone: Europe/Berlin
        business_days: 15
        weekend: [friday, saturday]
        refund_window:
          default_days: 60
          rules:
            - {country: br, seller_type: "*", days: 30}
        max_reject_rate: 0.01
        sources:
          orders:
            - {path: in/orders.csv}
          payments:
            - {path: in/stripe.csv.gz, format: canonical, timezone: America/New_York}
            - {path: /abs/paypal.csv}
        output: out
        fail_on: [overdue]
        gzip_level: 6
        """

    /// The watchlist's keys: a dispute window a method kind, `days` and `from`; giving any replaces the
    /// defaults; `fail_on` takes the watchlist's kinds beside the flags.
    @Test func readsTheWatchlistKeys() throws {
        let text = """
            sources:
              orders: [{path: o.csv}]
              payments: [{path: p.csv}]
            watch_days: 7
            received_statuses: [Delivered, picked up]
            dispute_windows:
              card: {days: 60, from: payment_date}
              Wallet: {days: 30, from: due_on}
            fail_on: [dispute_window, overdue]
            """
        let config = try PipelineFile.parse(text, path: "w.yml")
        #expect(config.watchDays == 7 && config.receivedStatuses == ["Delivered", "picked up"])
        #expect(
            config.disputeWindows == [
                DisputeWindow(methodKind: "card", days: 60, from: .paymentDate),
                DisputeWindow(methodKind: "wallet", days: 30, from: .dueOn),
            ])
        #expect(config.failOn == [.overdue] && config.failOnWatch == [.disputeWindow])
        let defaults = try PipelineFile.parse(
            "sources: {orders: [{path: o.csv}], payments: [{path: p.csv}]}", path: "d.yml")
        #expect(defaults.watchDays == 14 && defaults.receivedStatuses == ["delivered", "completed"])
        #expect(
            defaults.disputeWindows.map(\.description) == [
                "card: 120 days from due_on", "paypal: 180 days from payment_date",
            ])
    }

    @Test func readsEveryKey() throws {
        let config = try PipelineFile.parse(valid, path: "/p/nightly.yml")
        #expect(config.pipelineName == "nightly" && config.zone.identifier == "Europe/Berlin")
        #expect(config.businessDayLimit == 15 && config.weekend == [5, 6])
        #expect(config.windowDays == 60 && config.windowRules == [WindowRule(country: "BR", sellerType: "*", days: 30)])
        #expect(config.maxRejectRate == 0.01 && config.failOn == [.overdue])
        #expect(config.orders.map(\.path) == ["/p/in/orders.csv"])
        #expect(config.payments.map(\.path) == ["/p/in/stripe.csv.gz", "/abs/paypal.csv"])
        #expect(config.payments[0].zone?.identifier == "America/New_York")
        #expect(config.gzipLevel == 6)
    }

    @Test(arguments: [
        ("business_dayz: 20", "business_dayz"),
        ("business_days: twenty", "business_days"),
        ("timezone: Mars/Olympus", "timezone"),
        ("weekend: [caturday]", "weekend[0]"),
        ("fail_on: [sometimes]", "fail_on[0]"),
        ("as_of: 2026-02-30", "as_of"),
        ("output: ~", "output"),
        // The workbook's zip level is libxlsxwriter's own: a pipeline that still sets one is told the key is unknown.
        ("xlsx_level: 1", "xlsx_level"),
        ("refund_window: {rules: [{country: BR}]}", "refund_window.rules[0].days"),
        ("watch_days: 3651", "watch_days"),
        ("received_statuses: delivered", "received_statuses"),
        ("dispute_windows: [card]", "dispute_windows"),
        ("dispute_windows: {card: {days: 120}}", "dispute_windows.card.from"),
        ("dispute_windows: {card: {from: due_on}}", "dispute_windows.card.days"),
        ("dispute_windows: {card: {days: 120, from: tomorrow}}", "dispute_windows.card.from"),
        ("dispute_windows: {card: {days: -1, from: due_on}}", "dispute_windows.card.days"),
        ("dispute_windows: {card: {days: 120, from: due_on, until: never}}", "dispute_windows.card.until"),
        ("fail_on: [request_windows]", "fail_on[0]"),
        ("watch_kinds: [refund_window]", "watch_kinds[0]"),
        ("watch_kinds: [dispute_window, dispute_window]", "watch_kinds[1]"),
        ("dispute_windows: {card: {days: 1, from: due_on}, CARD: {days: 2, from: due_on}}", "dispute_windows.card"),
        ("fx_tolerance: 1", "fx_tolerance"),
        ("fx_tolerance: -0.01", "fx_tolerance"),
        ("fx_tolerance: 2%", "fx_tolerance"),
        ("fx_rates: ~", "fx_rates"),
    ])
    func badKeysAreNamed(line: String, key: String) throws {
        let minimal = "sources:\n  orders: [{path: o.csv}]\n  payments: [{path: p.csv}]\n"
        #expect {
            _ = try PipelineFile.parse(minimal + line + "\n", path: "bad.yml")
        } throws: { error in
            guard case ReconError.configuration("bad.yml", let named, _) = error else { return false }
            return named == key && (error as! ReconError).exitCode == 2
        }
    }

    /// The rate file is taken from the pipeline file's folder like every path; the tolerance is exact.
    @Test func readsTheExchangeKeys() throws {
        let config = try PipelineFile.parse(
            valid + "\nfx_rates: rates/eurofxref-hist.csv\nfx_tolerance: 0.015\n", path: "/p/n.yml")
        #expect(config.fxRates == "/p/rates/eurofxref-hist.csv")
        #expect(config.fxTolerance == DecimalNumber(units: 15, scale: 3))
        #expect(config.filesRead.contains("/p/rates/eurofxref-hist.csv"))
        // Without them: no rate file, 0.02.
        let plain = try PipelineFile.parse(valid, path: "/p/n.yml")
        #expect(plain.fxRates == nil && plain.fxTolerance == DecimalNumber(units: 2, scale: 2))
    }

    @Test func unknownFormatIsAConfigurationError() throws {
        let text = valid.replacingOccurrences(of: "format: canonical", with: "format: quickbooks")
        let config = try PipelineFile.parse(text, path: "f.yml")
        #expect {
            _ = try Pipeline(configuration: config, origin: "f.yml").reconcile()
        } throws: { error in
            guard case ReconError.configuration("f.yml", "payments format", let reason) = error else { return false }
            return reason.hasPrefix("unknown format 'quickbooks' (known: amazon-orders, amazon-refunds, ")
                && reason.contains("): no quickbooks.yml in ") && reason.hasSuffix("Pipelines/formats holds it")
        }
    }
}

/// Every number a pipeline file sets has a range; the edges are accepted and one past them is a
/// configuration error (exit 2) naming the file and the key.
@Suite struct ConfigurationRangeTests {
    let minimal = "sources:\n  orders: [{path: o.csv}]\n  payments: [{path: p.csv}]\n"

    @Test(arguments: [
        "business_days: 1", "business_days: 366", "refund_window: {default_days: 0}",
        "refund_window: {default_days: 3650}", "refund_window: {rules: [{days: 3650}]}",
        "max_reject_rate: 0", "max_reject_rate: 1", "gzip_level: 1", "gzip_level: 9",
    ])
    func edgesAreAccepted(line: String) throws {
        _ = try PipelineFile.parse(minimal + line + "\n", path: "edge.yml")
    }

    @Test(arguments: [
        ("business_days: 0", "business_days"), ("business_days: 367", "business_days"),
        ("business_days: 9223372036854775807", "business_days"), ("business_days: 50000000", "business_days"),
        ("refund_window: {default_days: 3651}", "refund_window.default_days"),
        ("refund_window: {default_days: 2147483648}", "refund_window.default_days"),
        ("refund_window: {rules: [{days: 3651}]}", "refund_window.rules[0].days"),
        ("refund_window: {rules: [{days: -1}]}", "refund_window.rules[0].days"),
        ("max_reject_rate: 1.5", "max_reject_rate"), ("max_reject_rate: nan", "max_reject_rate"),
        ("gzip_level: 99999999999", "gzip_level"), ("gzip_level: 0", "gzip_level"),
    ])
    func onePastAnEdgeIsNamed(line: String, key: String) throws {
        #expect {
            _ = try PipelineFile.parse(minimal + line + "\n", path: "bad.yml")
        } throws: { error in
            guard case ReconError.configuration("bad.yml", let named, _) = error else { return false }
            return named == key && (error as! ReconError).exitCode == 2
        }
    }

    /// A configuration built in code is held to the same ranges when it is validated.
    @Test func validateHoldsEveryWayOfSettingToTheRanges() throws {
        var config = try PipelineFile.parse(minimal, path: "p.yml")
        config.windowRules = [WindowRule(country: "*", sellerType: "*", days: 3651)]
        #expect(
            throws: ReconError.configuration(
                file: "p.yml", key: "refund_window.rules[0].days", reason: "must be from 0 to 3650")
        ) {
            try config.validate(origin: "p.yml")
        }
        config.windowRules = []
        config.businessDayLimit = 367
        #expect(throws: ReconError.configuration(file: "p.yml", key: "business_days", reason: "must be from 1 to 366"))
        {
            try config.validate(origin: "p.yml")
        }
    }
}
