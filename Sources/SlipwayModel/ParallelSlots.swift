import Dispatch
import Foundation

/// One result slot per item of a parallel loop (`DispatchQueue.concurrentPerform`): each
/// iteration stores into its own slot and the caller reads them in order afterwards, so the
/// outcome does not depend on which thread finished first. Shared by the stages that run in
/// parallel: decoding environments, rules, rendering and writing.
public final class ParallelSlots<Value>: @unchecked Sendable {
    fileprivate var slots: [Value]
    private let lock = NSLock()

    public init(count: Int, empty: Value) { slots = Array(repeating: empty, count: count) }

    public func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    public func value(at index: Int) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}

extension ParallelSlots {
    /// `transform` applied to `0..<count` on every core, in index order.
    public static func map(_ count: Int, empty: Value, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let slots = ParallelSlots(count: count, empty: empty)
        DispatchQueue.concurrentPerform(iterations: count) { slots.store(transform($0), at: $0) }
        return slots.slots
    }
}
