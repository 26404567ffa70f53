// libFuzzer target: the whole pipeline on small canonical inputs under options the input chooses
// (Tests/ReconCoreTests/Support/PipelineFuzzRun.swift, compiled into this target, says how and what must hold).
import Foundation
import ReconCore

/// In memory where the system has a tmpfs: the inputs and the report are written for every execution.
private let folder =
    (FileManager.default.fileExists(atPath: "/dev/shm")
    ? URL(fileURLWithPath: "/dev/shm")
    : FileManager.default.temporaryDirectory).appendingPathComponent("recon-fuzz-pipeline-\(getpid())").path

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: folder) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let problems = PipelineFuzzRun.problems(Array(UnsafeBufferPointer(start: data, count: size)), in: folder)
    if !problems.isEmpty { fatalError(problems.joined(separator: "; ")) }
    return 0
}
