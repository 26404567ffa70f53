/// A refund-window rule: orders to `country` from `sellerType` sellers may open a refund request
/// within `days` days of being placed. `*` matches any value.
public struct WindowRule: Sendable, Equatable, CustomStringConvertible {
    public var country: String
    public var sellerType: String
    public var days: Int

    public init(country: String, sellerType: String, days: Int) {
        self.country = country == "*" ? "*" : country.uppercased()
        self.sellerType = sellerType == "*" ? "*" : sellerType.lowercased()
        self.days = days
    }

    /// Reads `COUNTRY/SELLER_TYPE=DAYS` (`BR/*=60`, `*/choice=75`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let days = Int(parts[1].trimmingSpaces()), days >= 0 else { return nil }
        let keys = parts[0].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard keys.count == 2, !keys[0].isEmpty, !keys[1].isEmpty else { return nil }
        self.init(country: String(keys[0].trimmingSpaces()), sellerType: String(keys[1].trimmingSpaces()), days: days)
    }

    /// Whether the rule holds for `order`, whose texts are in `texts`.
    func matches(_ order: Order, texts: RunTexts) -> Bool {
        (country == "*" || country == order.country(in: texts))
            && (sellerType == "*" || sellerType == order.sellerType(in: texts))
    }

    public var description: String { "\(country)/\(sellerType)=\(days)" }
}

/// The rules of one run: the clock, the calendars and the refund windows.
package struct ReconRules: Sendable {
    package var asOf: CivilDate
    /// The pipeline's zone: a payment was made on the day its `created_at` falls on here.
    package var zone: Zone = .utc
    /// A case is due on this business day after its approval (default 20).
    package var businessDayLimit: Int = 20
    package var defaultCalendar: BusinessCalendar
    /// Calendars by ISO 3166 shipping country, upper-case.
    package var countryCalendars: [String: BusinessCalendar] = [:]
    package var windowDays: Int = 90
    /// First match wins; `windowDays` applies when none matches.
    package var windowRules: [WindowRule] = []
    /// What the watchlist looks for, and how far ahead.
    package var watch = WatchRules()
    /// Converts refunds in another currency than their case's, when the run has a rate file.
    package var converter: CurrencyConverter?

    package init(asOf: CivilDate, defaultCalendar: BusinessCalendar = BusinessCalendar(name: "weekends only")) {
        self.asOf = asOf
        self.defaultCalendar = defaultCalendar
    }

    package func calendar(for country: @autoclosure () -> String?) -> BusinessCalendar {
        // Most pipelines name no calendar per country: then no country is looked up.
        countryCalendars.isEmpty ? defaultCalendar : country().flatMap { countryCalendars[$0] } ?? defaultCalendar
    }

    /// The window for an order (its texts in `texts`) and the rule that set it (nil for the default).
    package func window(for order: Order, texts: RunTexts) -> (days: Int, rule: WindowRule?) {
        if let rule = windowRules.first(where: { $0.matches(order, texts: texts) }) { return (rule.days, rule) }
        return (windowDays, nil)
    }
}
