/// A growable buffer of plain values in memory it owns, for the output of the printers and the
/// stacks of the model walk, which take millions of small appends in a large fleet: unlike an
/// array it has no reference count to retain and release and no uniqueness to check on every
/// append.
///
/// Pointers it hands out stay valid until the next append that grows it.
struct OwnedBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(index: Int) -> Element { base[index] }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        if count + elements.count > capacity { grow(toHold: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Inserts `element` at `index`, moving the elements after it up.
    mutating func insert(_ element: Element, at index: Int) {
        append(element)
        (base + index + 1).update(from: base + index, count: count - 1 - index)
        base[index] = element
    }

    /// Drops the elements from `index` on.
    mutating func truncate(to index: Int) { count = index }

    mutating func removeLast() -> Element {
        count -= 1
        return base[count]
    }

    /// The elements in `range`.
    @inline(__always)
    func elements(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The elements from `start` on, to change in place.
    func mutableElements(from start: Int) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base + start, count: count - start)
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// The UTF-8 text a printer writes.
typealias TextBuffer = OwnedBuffer<UInt8>

extension OwnedBuffer where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text`, from the string's own storage.
    mutating func append(contentsOf text: String.UTF8View) {
        String(text).withUTF8Bytes { append(contentsOf: $0) }
    }

    /// Reverses the bytes from `start` on.
    mutating func reverse(from start: Int) {
        var tail = mutableElements(from: start)
        tail.reverse()
    }

    /// The text as a string.
    var string: String { String(decoding: elements(0..<count), as: UTF8.self) }
}
