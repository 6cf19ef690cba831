package dev.adagio.internal

/** A growable list of ints without boxing. */
internal class IntList(
    capacity: Int = 4,
) {
    private var items = IntArray(capacity)
    var size: Int = 0
        private set

    fun add(value: Int) {
        if (size == items.size) items = items.copyOf(maxOf(4, size * 2))
        items[size++] = value
    }

    operator fun get(i: Int): Int = items[i]

    fun removeLast() {
        size--
    }

    fun contains(value: Int): Boolean {
        for (i in 0 until size) if (items[i] == value) return true
        return false
    }
}

/** A first-in first-out queue of ints on a growable ring buffer. */
internal class IntQueue(
    capacity: Int = 16,
) {
    private var items = IntArray(Integer.highestOneBit(maxOf(capacity, 2) - 1) shl 1)
    private var head = 0
    private var tail = 0

    fun isEmpty(): Boolean = head == tail

    /** How many ints the queue holds. */
    val size: Int get() = (tail - head) and (items.size - 1)

    fun add(value: Int) {
        items[tail] = value
        tail = (tail + 1) and (items.size - 1)
        if (tail == head) grow()
    }

    fun poll(): Int {
        val value = items[head]
        head = (head + 1) and (items.size - 1)
        return value
    }

    private fun grow() {
        val old = items
        val bigger = IntArray(old.size * 2)
        val firstPart = old.size - head
        System.arraycopy(old, head, bigger, 0, firstPart)
        System.arraycopy(old, 0, bigger, firstPart, head)
        head = 0
        tail = old.size
        items = bigger
    }
}

/** A growable list of longs without boxing. */
internal class LongList {
    private var items = LongArray(16)
    var size: Int = 0
        private set

    fun add(value: Long) {
        if (size == items.size) items = items.copyOf(size * 2)
        items[size++] = value
    }

    operator fun get(i: Int): Long = items[i]
}
