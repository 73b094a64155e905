import Dispatch

/// One result slot per item of a parallel loop (`DispatchQueue.concurrentPerform`): each
/// iteration stores into its own slot and the caller reads them in order afterwards, so the
/// outcome does not depend on which thread finished first. Shared by the stages that run in
/// parallel: decoding environments, rules, rendering and writing.
///
/// No lock: the slots are one buffer allocated before the loop, iteration `i` alone initialises
/// element `i` (distinct memory, so no two threads touch the same bytes), and `concurrentPerform`
/// returns only after every iteration has finished, which orders those writes before the reads.
public enum ParallelSlots<Value> {
    /// `transform` applied to `0..<count` on every core, in index order.
    public static func map(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        let slots = Slots(UnsafeMutableBufferPointer<Value>.allocate(capacity: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            (slots.buffer.baseAddress! + index).initialize(to: transform(index))
        }
        defer { slots.buffer.deallocate() }
        return Array(unsafeUninitializedCapacity: count) { target, initialised in
            _ = target.moveInitialize(fromContentsOf: slots.buffer)
            initialised = count
        }
    }

    /// The buffer, handed to the loop's threads; each touches only its own element.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Value>
        init(_ buffer: UnsafeMutableBufferPointer<Value>) { self.buffer = buffer }
    }
}
