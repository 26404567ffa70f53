import Glibc

/// Something bytes are read from: a file, or a decompressor over one.
public protocol ByteSource: AnyObject {
    /// Fills `buffer` from the start; returns the number of bytes read, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Something bytes are written to: a file, or a compressor over one.
package protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and closes; called once.
    func close() throws
}

extension ByteSink {
    package func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
}

func systemError() -> String { String(cString: strerror(errno)) }

/// Why `path` cannot be read as a file: "is a folder", "is not a regular file" (a FIFO, a device, a
/// socket); nil for a regular file, or when it cannot be looked at (opening it then says why).
func notARegularFile(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "is a folder"
    default: return "is not a regular file"
    }
}

/// `path` with every symbolic link resolved and `.`/`..` taken as the file system takes them; nil when it
/// does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// A file opened for reading, counting its bytes and hashing them (on another thread) as they pass.
public final class InputFile: ByteSource {
    public let path: String
    private var fd: Int32
    public private(set) var bytesRead: Int = 0
    /// The file's size when opened.
    public private(set) var size: Int = 0
    private let hasher = BackgroundHasher()

    public init(path: String) throws {
        self.path = path
        // A device (/dev/zero, a terminal) never ends; a FIFO is read (a process substitution, `<(zcat …)`).
        var kind = stat()
        if stat(path, &kind) == 0, [S_IFCHR, S_IFBLK, S_IFSOCK].contains(kind.st_mode & S_IFMT) {
            throw ReconError.cannotOpen(path: path, reason: "is a device or socket, not a file")
        }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReconError.cannotOpen(path: path, reason: systemError()) }
        var st = stat()
        if fstat(fd, &st) == 0 { size = Int(st.st_size) }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            fd = -1
            throw ReconError.cannotOpen(path: path, reason: "is a folder")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fd >= 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 {
                bytesRead += n
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                return n
            }
            if errno == EINTR { continue }
            throw ReconError.cannotOpen(path: path, reason: "read failed: \(systemError())")
        }
    }

    /// SHA-256 of every byte read so far (the whole file once read to the end).
    public func digest() -> String { hasher.digest() }

    deinit { if fd >= 0 { Glibc.close(fd) } }
}

/// A new file written through a buffer, counting and hashing its bytes for the manifest.
package final class OutputFile: ByteSink {
    package let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    package private(set) var bytesWritten: Int = 0
    /// Hashes what reaches the file, in the buffer's large chunks.
    private let hasher = BackgroundHasher()

    package init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw ReconError.cannotWrite(path: path, reason: systemError()) }
        buffer.reserveCapacity(bufferLimit)
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        bytesWritten += bytes.count
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    package func close() throws {
        guard fd >= 0 else { return }
        defer { fd = -1 }
        try flush()
        if fsync(fd) != 0 || Glibc.close(fd) != 0 {
            throw ReconError.cannotWrite(path: path, reason: systemError())
        }
    }

    /// SHA-256 of every byte written so far; call after `close`, when the buffer has reached the file.
    package func digest() -> String { hasher.digest() }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReconError.cannotWrite(path: path, reason: systemError())
            }
            offset += n
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }
}
