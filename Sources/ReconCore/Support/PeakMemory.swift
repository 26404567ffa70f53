import Glibc

/// The most memory this process has held at once (resident set size), in bytes.
package enum PeakMemory {
    package static func bytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024  // Linux reports kilobytes
    }
}
