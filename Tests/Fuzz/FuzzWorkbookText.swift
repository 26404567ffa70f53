import Foundation

// libFuzzer target: any text, its bytes decoded leniently as UTF-8, written as a cell, a link's text and the
// workbook's title must give a workbook whose parts are well-formed XML 1.0 holding only characters a
// workbook may hold, and read back as the text with each character a workbook cannot hold shown as U+FFFD
// (see WorkbookTextRoundTrip, compiled into this target). One small workbook, its path reused.
@testable import ReconCore

/// In memory where the system has a tmpfs: writing and reading the file is most of an execution's time.
private let workbookPath =
    (FileManager.default.fileExists(atPath: "/dev/shm")
    ? URL(fileURLWithPath: "/dev/shm")
    : FileManager.default.temporaryDirectory).appendingPathComponent("recon-fuzz-workbook-\(getpid()).xlsx").path

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    atexit { _ = unlink(workbookPath) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let problems = try WorkbookTextRoundTrip.problems(writing: text, at: workbookPath)
        if !problems.isEmpty { fatalError("\(text.debugDescription): \(problems)") }
    } catch {
        fatalError("writing \(text.debugDescription) threw: \(error)")
    }
    return 0
}
