import ReconCore
import Testing

@testable import ReconCLI

/// `recon SUBCOMMAND --help` compared whole, at 80 columns: a changed option, default or wording shows
/// here first. Help goes to standard output and exits 0, as `recon --help` does.
@Suite struct HelpTests {
    @Test func runHelp() {
        let outcome = recon("run", "--help")
        #expect(outcome.exitCode == 0 && outcome.err.isEmpty)
        #expect(outcome.out == Self.run)
    }

    @Test func checkHelp() {
        let outcome = recon("check", "--help")
        #expect(outcome.exitCode == 0 && outcome.err.isEmpty)
        #expect(outcome.out == Self.check)
    }

    @Test func explainHelp() {
        let outcome = recon("explain", "--help")
        #expect(outcome.exitCode == 0 && outcome.err.isEmpty)
        #expect(outcome.out == Self.explain)
    }

    /// `recon help run` runs ArgumentParser's own help command, which throws its request: the same text, exit 0.
    @Test func helpSubcommandPrintsTheSameHelp() {
        #expect(recon("help", "run").out == Self.run)
        #expect(recon("help", "run").exitCode == 0)
    }

    @Test func version() {
        let outcome = recon("--version")
        #expect(outcome.exitCode == 0 && outcome.out == ReconVersion.current + "\n" && outcome.err.isEmpty)
    }

    // The texts as printed: the help ends in a blank line.

    static let run =
        """
        OVERVIEW: Run a reconciliation: from a pipeline file, or from inputs named on
        the command line.

        recon run Pipelines/sample.yml [--as-of 2026-06-30] [--out reports/sample]
        recon run --orders orders.csv --payments stripe.csv --payments paypal.csv.gz
        --holidays us.txt --out out/

        USAGE: recon run [<options>] [<pipeline>]

        ARGUMENTS:
          <pipeline>              A pipeline file (YAML). Without one, name the inputs
                                  with --orders and --payments.

        OPTIONS:
          --orders <orders>       An orders export (CSV, or .gz); repeat for several.
          --orders-format <format>
                                  Format of the orders exports: canonical (the
                                  default), a name from Pipelines/formats, or a path.
                                  The n-th applies to the n-th --orders; a single one
                                  applies to all.
          --payments <payments>   A payments export; repeat for several.
          --payments-format <format>
                                  Format of the payments exports, as for
                                  --orders-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --payments-params <params>
                                  The parameters a payments format asks for,
                                  NAME=VALUE,… (a card statement's
                                  card=card:4242,currency=USD), as for
                                  --payments-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --holidays <holidays>   Holiday file for the business-day calendar
                                  (YYYY-MM-DD a line, # comments).
          --timezone <timezone>   Time zone of the run (IANA name, default UTC).
          --business-days <business-days>
                                  Business days after approval by which a refund is due
                                  (default 20).
          --as-of <as-of>         Reference date YYYY-MM-DD (default: today in the
                                  run's time zone).
          --window-days <window-days>
                                  Days after the order in which a refund may be
                                  requested (default 90).
          --window-rule <window-rule>
                                  COUNTRY/SELLER_TYPE=DAYS, first match wins, * matches
                                  any (BR/*=60); repeat for several.
          --stale-after-days <stale-after-days>
                                  Warn when an input's latest event is more than this
                                  many days before the reference date (default 3).
          --watch-days <watch-days>
                                  List deadlines closing within this many calendar days
                                  after the reference date (default 14).
          --max-reject-rate <max-reject-rate>
                                  Largest share of a source's rows that may be rejected
                                  before the run stops (default 0.05).
          --fx-rates <path>       ECB reference rates (eurofxref-hist.csv layout):
                                  refunds in another currency than their case's are
                                  converted at them.
          --fx-tolerance <share>  Share of what a case owes within which a converted
                                  refund settles it (default 0.02).
          --order-url <order-url> Link each order in the workbook: a URL template with
                                  {order_id}.
          --redact-personal-data  Leave customer names, e-mail addresses' local parts
                                  and rejected rows' text out of every output.
          --fail-on <flags>       Exit with code 3 when any of these flags
                                  (comma-separated) is raised, or when the watchlist
                                  lists a deadline of a kind named here. Repeats: the
                                  lists are joined. (values: overdue, late,
                                  out_of_window, method_mismatch, currency_mismatch,
                                  over_refund, unmatched_refund, ambiguous_match,
                                  request_window, dispute_window)
          --out <out>             Output folder (required without a pipeline file).
          -q, --quiet             Print errors only: no progress, no log lines, no
                                  closing summary.
          -v, --verbose           Also log progress while inputs are read (debug level).
          --log-format <log-format>
                                  Log lines as plain text or as one JSON object a line,
                                  for log collectors. (values: text, json; default:
                                  text)
          --version               Show the version.
          -h, --help              Show help information.


        """

    static let check =
        """
        OVERVIEW: Check a pipeline before a nightly run: formats, input headers and
        rows, calendars, output folder.

        Reads each input's header and first 1,000 rows, and reports every problem at
        once; reads the rest of each input for its latest event, and warns when that is
        more than stale_after_days before as of. Exit code 0 when all is well (warnings
        included), otherwise the code the run would stop with (1 inputs or output, 2
        configuration).

        USAGE: recon check [<options>] [<pipeline>]

        ARGUMENTS:
          <pipeline>              A pipeline file (YAML). Without one, name the inputs
                                  with --orders and --payments.

        OPTIONS:
          --orders <orders>       An orders export (CSV, or .gz); repeat for several.
          --orders-format <format>
                                  Format of the orders exports: canonical (the
                                  default), a name from Pipelines/formats, or a path.
                                  The n-th applies to the n-th --orders; a single one
                                  applies to all.
          --payments <payments>   A payments export; repeat for several.
          --payments-format <format>
                                  Format of the payments exports, as for
                                  --orders-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --payments-params <params>
                                  The parameters a payments format asks for,
                                  NAME=VALUE,… (a card statement's
                                  card=card:4242,currency=USD), as for
                                  --payments-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --holidays <holidays>   Holiday file for the business-day calendar
                                  (YYYY-MM-DD a line, # comments).
          --timezone <timezone>   Time zone of the run (IANA name, default UTC).
          --business-days <business-days>
                                  Business days after approval by which a refund is due
                                  (default 20).
          --as-of <as-of>         Reference date YYYY-MM-DD (default: today in the
                                  run's time zone).
          --window-days <window-days>
                                  Days after the order in which a refund may be
                                  requested (default 90).
          --window-rule <window-rule>
                                  COUNTRY/SELLER_TYPE=DAYS, first match wins, * matches
                                  any (BR/*=60); repeat for several.
          --stale-after-days <stale-after-days>
                                  Warn when an input's latest event is more than this
                                  many days before the reference date (default 3).
          --watch-days <watch-days>
                                  List deadlines closing within this many calendar days
                                  after the reference date (default 14).
          --max-reject-rate <max-reject-rate>
                                  Largest share of a source's rows that may be rejected
                                  before the run stops (default 0.05).
          --fx-rates <path>       ECB reference rates (eurofxref-hist.csv layout):
                                  refunds in another currency than their case's are
                                  converted at them.
          --fx-tolerance <share>  Share of what a case owes within which a converted
                                  refund settles it (default 0.02).
          --out <out>             The output folder the run will write (default: the
                                  pipeline's).
          --version               Show the version.
          -h, --help              Show help information.


        """

    static let explain =
        """
        OVERVIEW: Show how recon saw one order or payment: its rows, matching, clock
        and flags.

        Takes the same inputs as run and writes nothing:
        recon explain SO-1003 Pipelines/sample.yml
        recon explain RF-1005 --orders orders.csv --payments payments.csv --as-of
        2026-06-30

        USAGE: recon explain [<options>] <id> [<pipeline>]

        ARGUMENTS:
          <id>                    An order id or a payment id (any case; a leading #
                                  may be left out).
          <pipeline>              A pipeline file (YAML). Without one, name the inputs
                                  with --orders and --payments.

        OPTIONS:
          --orders <orders>       An orders export (CSV, or .gz); repeat for several.
          --orders-format <format>
                                  Format of the orders exports: canonical (the
                                  default), a name from Pipelines/formats, or a path.
                                  The n-th applies to the n-th --orders; a single one
                                  applies to all.
          --payments <payments>   A payments export; repeat for several.
          --payments-format <format>
                                  Format of the payments exports, as for
                                  --orders-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --payments-params <params>
                                  The parameters a payments format asks for,
                                  NAME=VALUE,… (a card statement's
                                  card=card:4242,currency=USD), as for
                                  --payments-format: the n-th applies to the n-th
                                  --payments; a single one applies to all.
          --holidays <holidays>   Holiday file for the business-day calendar
                                  (YYYY-MM-DD a line, # comments).
          --timezone <timezone>   Time zone of the run (IANA name, default UTC).
          --business-days <business-days>
                                  Business days after approval by which a refund is due
                                  (default 20).
          --as-of <as-of>         Reference date YYYY-MM-DD (default: today in the
                                  run's time zone).
          --window-days <window-days>
                                  Days after the order in which a refund may be
                                  requested (default 90).
          --window-rule <window-rule>
                                  COUNTRY/SELLER_TYPE=DAYS, first match wins, * matches
                                  any (BR/*=60); repeat for several.
          --stale-after-days <stale-after-days>
                                  Warn when an input's latest event is more than this
                                  many days before the reference date (default 3).
          --watch-days <watch-days>
                                  List deadlines closing within this many calendar days
                                  after the reference date (default 14).
          --max-reject-rate <max-reject-rate>
                                  Largest share of a source's rows that may be rejected
                                  before the run stops (default 0.05).
          --fx-rates <path>       ECB reference rates (eurofxref-hist.csv layout):
                                  refunds in another currency than their case's are
                                  converted at them.
          --fx-tolerance <share>  Share of what a case owes within which a converted
                                  refund settles it (default 0.02).
          -q, --quiet             Print errors only: no progress, no log lines, no
                                  closing summary.
          -v, --verbose           Also log progress while inputs are read (debug level).
          --log-format <log-format>
                                  Log lines as plain text or as one JSON object a line,
                                  for log collectors. (values: text, json; default:
                                  text)
          --version               Show the version.
          -h, --help              Show help information.


        """
}
