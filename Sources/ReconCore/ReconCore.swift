// ReconCore: refund reconciliation as a library.
//
// Its public surface is a pipeline, its configuration and its result:
// - `RunConfiguration` (read from a pipeline file by `PipelineFile.load`, or built in code, with `SourceSpec`
//   for each input) says what to read and which rules apply; `PipelineCheck` checks it before a run.
// - `Pipeline(configuration:origin:).run(output:)` reads, reconciles and writes the report folder;
//   `reconcile()` does the same without writing. Either throws `ReconError`, whose `exitCode` says what kind
//   of problem stopped the run.
// - `Pipeline.Result` holds the run's facts (`RunFacts`), each input's accounts (`SourceStats`), the rejected
//   rows and the `Reconciliation`: exceptions (`ExceptionRow`, one per `Flag`), cases (`CaseRow`) and
//   refunds (`RefundRow`); `RunSummary` adds them up.
// - `CSVReader` (records of byte ranges, RFC 4180, bounded field and record sizes) over an `InputFile` (read
//   and SHA-256 hashed as it passes) is the reader ingest is built on, for anyone who wants it alone.
// Everything else is `package`: shared with the command line (`ReconCLI`) and the tests, not promised to
// other users. docs/DESIGN.md shows how the pieces fit together.
