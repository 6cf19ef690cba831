package dev.adagio.benchmarks

import dev.adagio.AdagioDispatchers
import dev.adagio.Dag
import dev.adagio.Node
import dev.adagio.dag
import dev.adagio.invoke
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withContext

/** The contenders written in Kotlin: Adagio's DSL and hand-written coroutines. */
object KotlinContenders {
    /** Adagio, Kotlin DSL: one node per vertex taking its inputs as a list; built once, run many times. */
    @JvmStatic
    fun adagio(
        deps: Array<IntArray>,
        delays: LongArray? = null,
    ): Dag<Unit, Long> =
        dag("bench") {
            val nodes = ArrayList<Node<Long>>(deps.size)
            for (i in deps.indices) {
                val inputs = deps[i].map { nodes[it] }
                nodes +=
                    if (delays == null) {
                        node("n$i", inputs) { values -> sum(values) }
                    } else {
                        val pause = delays[i]
                        node("n$i", inputs) { values -> delay(pause).let { sum(values) } }
                    }
            }
            nodes.last()
        }

    /**
     * The fan's shape as a map: a source whose value is a list of [n] - 2 items, a map adding 1 to each
     * (one element node per item, added to the run when the list is ready), and a sink summing them. It
     * gives the fan's result: [Shapes.reference] of `fan-n`.
     */
    @JvmStatic
    fun adagioMap(n: Int): Dag<Unit, Long> {
        val items = List(n - 2) { 1L }
        return dag("map-$n") {
            val source = node("source") { items }
            val mapped = map("m", source) { it + 1 }
            node("sink", mapped) { values -> sum(values) }
        }
    }

    /** Runs an Adagio graph in the caller's context, as a suspend call from `runBlocking`. */
    @JvmStatic
    fun run(dag: Dag<Unit, Long>): Long = runBlocking { dag() }

    /** Hand-written coroutines: `async` per node on `Dispatchers.Default`, each awaiting its inputs. */
    @JvmStatic
    fun coroutines(
        deps: Array<IntArray>,
        delays: LongArray? = null,
    ): Long =
        runBlocking(Dispatchers.Default) {
            val results = arrayOfNulls<Deferred<Long>>(deps.size)
            for (i in deps.indices) {
                val inputs = deps[i]
                val pause = delays?.get(i) ?: 0
                results[i] =
                    async {
                        var sum = 1L
                        for (d in inputs) sum += results[d]!!.await()
                        if (pause > 0) delay(pause)
                        sum
                    }
            }
            results.last()!!.await()
        }

    private fun sum(values: List<Long>): Long {
        var sum = 1L
        for (v in values) sum += v
        return sum
    }
}

/** B5 contenders: items through source -> +1 -> keep evens -> sum, with buffers of 1,024. */
object StreamContenders {
    @JvmStatic
    fun adagioStream(
        items: Int,
        workers: Int = 1,
    ): dev.adagio.stream.StreamGraph {
        val total =
            java.util.concurrent.atomic
                .AtomicLong()
        return dev.adagio.stream.stream("bench-stream") {
            val numbers = source<Int>("numbers") { for (i in 1..items) emit(i) }
            val plusOne = stage("plus one", numbers, workers = workers, buffer = 1024) { n: Int -> emit(n + 1L) }
            val evens = stage("evens", plusOne, buffer = 1024) { n: Long -> if (n % 2 == 0L) emit(n) }
            sink("sum", evens, buffer = 1024) { n: Long -> total.addAndGet(n) }
        }
    }

    @JvmStatic
    fun runAdagio(graph: dev.adagio.stream.StreamGraph): Long =
        runBlocking(Dispatchers.Default) { graph.run().stats(graph.node("sum")).emitted }

    /** The same pipeline written by hand: three channels, a coroutine per stage ([workers] on the middle one). */
    @JvmStatic
    fun handWritten(
        items: Int,
        workers: Int = 1,
    ): Long =
        runBlocking(Dispatchers.Default) {
            val afterSource = kotlinx.coroutines.channels.Channel<Int>(1024)
            val afterPlusOne = kotlinx.coroutines.channels.Channel<Long>(1024)
            val afterEvens = kotlinx.coroutines.channels.Channel<Long>(1024)
            launch {
                for (i in 1..items) afterSource.send(i)
                afterSource.close()
            }
            launch {
                kotlinx.coroutines.coroutineScope {
                    repeat(workers) { launch { for (n in afterSource) afterPlusOne.send(n + 1L) } }
                }
                afterPlusOne.close()
            }
            launch {
                for (n in afterPlusOne) if (n % 2 == 0L) afterEvens.send(n)
                afterEvens.close()
            }
            var count = 0L
            var sum = 0L
            for (n in afterEvens) {
                sum += n
                count++
            }
            check(sum > 0)
            count
        }
}

/** The cycle check: a chain of [size] nodes, then one order edge back from its end to its start. */
object CycleCheck {
    @JvmStatic
    fun refuseBackEdge(size: Int): Int {
        var path = 0
        dev.adagio.dag("cycle") {
            val nodes = ArrayList<dev.adagio.Node<Int>>(size)
            for (i in 0 until size) nodes += if (i == 0) node("n0") { 0 } else node("n$i", nodes[i - 1]) { it + 1 }
            try {
                nodes[0].after(nodes[size - 1])
            } catch (e: dev.adagio.DagCycleException) {
                path = e.path.size
            }
            nodes.last()
        }
        check(path == size + 1) { "the cycle was not found" }
        return path
    }
}

/** B6 contenders in Kotlin: the CPU-bound graph of [CpuWork] through the DSL and hand-written coroutines. */
object CpuContenders {
    /** How the DSL's nodes are declared. */
    enum class Declared {
        /** `node { crunch() }`: run inline by the driver. */
        PLAIN,

        /** `node { withContext(Dispatchers.Default) { crunch() } }`: the remedy the README gave before `dispatched`. */
        WITH_CONTEXT,

        /** `node { crunch() }.dispatched()`. */
        DISPATCHED,
    }

    @JvmStatic
    fun adagio(declared: Declared): Dag<Unit, Long> =
        dag("cpu") {
            val parts =
                (0 until CpuWork.NODES).map { i ->
                    val seed = i.toLong()
                    when (declared) {
                        Declared.PLAIN -> node("c$i") { CpuWork.crunch(seed) }
                        Declared.WITH_CONTEXT -> node("c$i") { withContext(Dispatchers.Default) { CpuWork.crunch(seed) } }
                        Declared.DISPATCHED -> node("c$i") { CpuWork.crunch(seed) }.dispatched()
                    }
                }
            node("sum", parts) { it.sum() }
        }

    /** Runs [dag] from a coroutine on `Dispatchers.Default`. */
    @JvmStatic
    fun runOnDefault(dag: Dag<Unit, Long>): Long = runBlocking(Dispatchers.Default) { dag() }

    /** Runs [dag] from a plain thread (`runBlocking`'s own event loop). */
    @JvmStatic
    fun runOnThread(dag: Dag<Unit, Long>): Long = runBlocking { dag() }

    /** Hand-written: an `async` per node on `Dispatchers.Default`, summed. */
    @JvmStatic
    fun coroutines(): Long =
        runBlocking(Dispatchers.Default) {
            (0 until CpuWork.NODES).map { i -> async { CpuWork.crunch(i.toLong()) } }.sumOf { it.await() }
        }
}

/** B7: blocking nodes that each sleep [BLOCKING_MILLIS] ms, and a sink that counts them. */
object BlockingContenders {
    const val BLOCKING_MILLIS = 200L

    /** [nodes] × `blockingNode { Thread.sleep(…) }`, on [dispatcher] ([AdagioDispatchers.Blocking] when null). */
    @JvmStatic
    fun adagio(
        nodes: Int,
        dispatcher: CoroutineDispatcher?,
    ): Dag<Unit, Int> =
        dag("blocking") {
            val sleepers =
                (0 until nodes).map { i ->
                    blockingNode("b$i", dispatcher ?: AdagioDispatchers.Blocking) {
                        Thread.sleep(BLOCKING_MILLIS)
                        1
                    }
                }
            node("count", sleepers) { it.sum() }
        }

    @JvmStatic
    fun run(dag: Dag<Unit, Int>): Int = runBlocking { dag() }

    /** Hand-written: an `async` per sleeper with `runInterruptible(Dispatchers.IO)`, counted. */
    @JvmStatic
    fun coroutinesOnIo(nodes: Int): Int =
        runBlocking {
            (0 until nodes)
                .map {
                    async {
                        runInterruptible(Dispatchers.IO) {
                            Thread.sleep(BLOCKING_MILLIS)
                            1
                        }
                    }
                }.sumOf { it.await() }
        }
}
