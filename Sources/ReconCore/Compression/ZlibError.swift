import CZlib

/// A zlib call that failed: which one, its return code and zlib's own message.
package struct ZlibError: Error, CustomStringConvertible {
    package let operation: String
    package let code: Int32
    package let message: String

    init(_ operation: String, code: Int32, stream: UnsafeMutablePointer<z_stream>?) {
        self.operation = operation
        self.code = code
        if let msg = stream?.pointee.msg {
            message = String(cString: msg)
        } else {
            message = ZlibError.name(of: code)
        }
    }

    package var description: String { "\(operation) failed: \(message) (zlib code \(code))" }

    static func name(of code: Int32) -> String {
        switch code {
        case Z_STREAM_ERROR: return "inconsistent stream state"
        case Z_DATA_ERROR: return "corrupt or not gzip data"
        case Z_MEM_ERROR: return "out of memory"
        case Z_BUF_ERROR: return "no progress possible"
        case Z_VERSION_ERROR: return "incompatible zlib version"
        default: return "error"
        }
    }
}
