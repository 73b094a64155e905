import Foundation

/// One result slot per item of a parallel loop (`DispatchQueue.concurrentPerform`): each
/// iteration stores into its own slot and the caller reads them in order afterwards, so the
/// outcome does not depend on which thread finished first.
final class ParallelSlots<Value>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()

    init(count: Int, empty: Value) { slots = Array(repeating: empty, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func value(at index: Int) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
