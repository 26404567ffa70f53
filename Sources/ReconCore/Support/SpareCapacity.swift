import Glibc

extension Array {
    /// Gives the whole pages of this array's unused capacity back to the system. Swift never shrinks an
    /// array's allocation, so an array that has dropped most of its elements would hold their memory until
    /// it goes; its capacity stays (memory past `count` is uninitialised to Swift, and a page the array
    /// grows into again comes back as zeros).
    mutating func releaseSpareCapacityPages() {
        let (count, capacity) = (self.count, self.capacity)
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let address = Int(bitPattern: base)
            let start = (address + count * MemoryLayout<Element>.stride + page - 1) / page * page
            let end = (address + capacity * MemoryLayout<Element>.stride) / page * page
            guard end > start, let pages = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pages, end - start, MADV_DONTNEED)
        }
    }
}
