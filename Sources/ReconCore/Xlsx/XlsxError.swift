import CXlsxWriter

/// A libxlsxwriter call that failed: which one and the library's own message.
package struct XlsxError: Error, CustomStringConvertible {
    package let operation: String
    package let code: UInt32
    package let message: String

    init(_ operation: String, _ error: lxw_error) {
        self.operation = operation
        self.code = error.rawValue
        self.message = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
    }

    init(_ operation: String, message: String) {
        self.operation = operation
        self.code = 0
        self.message = message
    }

    package var description: String { "\(operation): \(message)" }

    static func check(_ operation: @autoclosure () -> String, _ error: lxw_error) throws {
        guard error == LXW_NO_ERROR else { throw XlsxError(operation(), error) }
    }
}
