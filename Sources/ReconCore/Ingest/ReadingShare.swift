/// How many rows of each batch the ingest's reading thread reads itself before handing the batch to the
/// normalising thread, so that the two finish their parts of a batch together whatever the file's layout
/// and the machine: when the normalising thread is still busy as the reading thread comes to hand over the
/// next batch, the reading thread takes a larger share of the next; when it is already done (and so was
/// waiting), a smaller one. In steps of 1/64 of a batch, from none to half.
struct ReadingShare {
    private var sixtyFourths = 0

    /// The rows of a batch of `count` that the reading thread reads.
    func rows(of count: Int) -> Int { count * sixtyFourths / 64 }

    /// Moves the share by one step, as the normalising thread was found done or busy.
    mutating func adjust(normalisingWasDone: Bool) {
        sixtyFourths = normalisingWasDone ? max(0, sixtyFourths - 1) : min(32, sixtyFourths + 1)
    }
}
