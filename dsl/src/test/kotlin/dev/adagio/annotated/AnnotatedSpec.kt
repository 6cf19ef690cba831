package dev.adagio.annotated

import dev.adagio.DagCycleException
import dev.adagio.DagDefinitionException
import dev.adagio.EventLog
import dev.adagio.NodeFailedException
import dev.adagio.NodeKind
import dev.adagio.NodeStatus
import dev.adagio.NodeTimeoutException
import dev.adagio.Pool
import dev.adagio.annotated.AnnotatedDags
import dev.adagio.annotated.DagNode
import dev.adagio.annotated.Fallback
import dev.adagio.annotated.From
import dev.adagio.annotated.InPool
import dev.adagio.annotated.Retried
import dev.adagio.annotated.Timeout
import dev.adagio.dag
import dev.adagio.now
import dev.adagio.virtualTime
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import java.io.IOException

/** SCENARIOS.md S1 as annotated methods; A and B block a thread, the others suspend. */
class AnnotatedDiamond(
    private val log: EventLog,
) {
    private fun work(
        name: String,
        millis: Long,
    ): String {
        log.add("start $name")
        Thread.sleep(millis)
        log.add("end $name")
        return name
    }

    private suspend fun pause(
        name: String,
        millis: Long,
    ): String {
        log.add("start $name")
        delay(millis)
        log.add("end $name")
        return name
    }

    @DagNode(name = "A")
    fun a(): String = work("A", 100)

    @DagNode(name = "B", after = ["A"])
    fun b(): String = work("B", 100)

    @DagNode(name = "C")
    suspend fun c(): String = pause("C", 300)

    @DagNode(name = "D", after = ["B", "C"])
    suspend fun d(): String = pause("D", 100)

    @DagNode(name = "E", after = ["D"])
    suspend fun e(): String = pause("E", 100)

    @DagNode(name = "F", after = ["C", "D"])
    suspend fun f(): String = pause("F", 200)

    @DagNode(name = "G", after = ["E", "F"])
    suspend fun g(): String = pause("G", 200)
}

class Pricing {
    var quoteCalls = 0

    @DagNode
    suspend fun base(): Int = delay(10).let { 100 }

    @DagNode
    @Retried(attempts = 3, delayMillis = 20)
    suspend fun quote(
        @From("base") base: Int,
    ): Int = if (++quoteCalls < 3) throw IOException("flaky") else base + 5

    @DagNode
    @Timeout(millis = 50)
    @Fallback("noDiscount")
    suspend fun discount(): Int = delay(1000).let { 10 }

    fun noDiscount(error: Throwable): Int = 0

    @DagNode
    suspend fun price(
        @From("quote") quote: Int,
        @From("discount") discount: Int,
    ): Int = quote - discount
}

class Failing {
    @DagNode
    suspend fun bad(): Int = delay(10).let { throw IllegalStateException("bad") }

    @DagNode
    suspend fun slow(): Int = delay(1000).let { 1 }

    @DagNode
    suspend fun both(
        @From("bad") a: Int,
        @From("slow") b: Int,
    ): Int = a + b
}

class UnknownInput {
    @DagNode
    suspend fun a(
        @From("missing") x: Int,
    ): Int = x
}

class WrongType {
    @DagNode
    suspend fun text(): String = "x"

    @DagNode
    suspend fun number(
        @From("text") n: Int,
    ): Int = n
}

class Cyclic {
    @DagNode(after = ["c"])
    fun a() = 1

    @DagNode(after = ["a"])
    fun b() = 2

    @DagNode(after = ["b"])
    fun c() = 3
}

class Overloaded {
    @DagNode(name = "same")
    fun one() = 1

    @DagNode(name = "same")
    fun two() = 2
}

class Hidden {
    @DagNode
    fun visible() = 1

    @DagNode
    private fun hidden() = 2
}

class Unnamed {
    @DagNode
    fun a() = 1

    @DagNode
    fun b(a: Int) = a
}

class TakesVoid {
    @DagNode
    fun setup() {}

    @DagNode
    fun use(
        @From("setup") value: Any?,
    ) = value
}

class Pooled {
    @DagNode
    @InPool("db")
    fun query() = 1
}

class AnnotatedSpec :
    FunSpec({
        test("S1 as annotated methods completes A to G in order, A and B blocking") {
            runBlocking {
                val log = EventLog()
                val dag = AnnotatedDags.build(AnnotatedDiamond(log), name = "s1-annotated")
                dag.run(Unit).output shouldBe "G"
                log.toList().filter { it.startsWith("end") } shouldContainExactly
                    listOf("A", "B", "C", "D", "E", "F", "G").map { "end $it" }
                dag.nodes.single { it.name == "A" }.kind shouldBe NodeKind.BLOCKING
                dag.nodes.single { it.name == "C" }.kind shouldBe NodeKind.SUSPEND
            }
        }

        test("running a target method runs only it and its ancestors") {
            runBlocking {
                val log = EventLog()
                val dag = AnnotatedDags.build(AnnotatedDiamond(log))
                dag.run(Unit, targets = listOf(dag.node("E")))
                log.toList().filter { it.startsWith("end") }.map { it.removePrefix("end ") } shouldContainExactlyInAnyOrder
                    listOf("A", "B", "C", "D", "E")
            }
        }

        test("inputs, retries, timeouts and fallbacks come from the annotations") {
            virtualTime {
                val pricing = Pricing()
                val run = AnnotatedDags.build(pricing).run(Unit)
                run.output shouldBe 105
                pricing.quoteCalls shouldBe 3
                run.outcome(run.dag.node("quote")).attempts shouldBe 3
                run.outcome(run.dag.node("discount")).error!!::class shouldBe NodeTimeoutException::class
                now shouldBe 10 + 20 + 20
            }
        }

        test("a failure in one method cancels the rest") {
            virtualTime {
                val failure = shouldThrow<NodeFailedException> { AnnotatedDags.build(Failing()).run(Unit) }
                failure.nodeName shouldBe "bad"
                failure.run.status(failure.run.dag.node("slow")) shouldBe NodeStatus.CANCELLED
                now shouldBe 10
            }
        }

        test("every build-time error names the fault and the fix") {
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(UnknownInput()) }.message shouldBe
                "UnknownInput.a depends on 'missing', but no node has that name; use one of [a]."
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(WrongType()) }.message shouldContain
                "Parameter #1 of number is a int, but node 'text' (method text) produces a java.lang.String"
            shouldThrow<DagCycleException> { AnnotatedDags.build(Cyclic()) }.path shouldContainExactly listOf("a", "b", "c", "a")
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(Overloaded()) }.message shouldBe
                "Overloaded has two @DagNode methods for node 'same'; give one another name with @DagNode(name = \"…\")."
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(Hidden()) }.message shouldBe
                "Method Hidden.hidden is annotated @DagNode but is not public; make it public so the graph can call it."
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(Unnamed()) }.message shouldContain
                "Parameter #1 of Unnamed.b has no name at run time; annotate it with @From(\"node\")"
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(TakesVoid()) }.message shouldContain "which returns nothing"
            shouldThrow<DagDefinitionException> { AnnotatedDags.build(Pooled()) }.message shouldContain "asks for pool 'db'"
            val pool = Pool("db", 1)
            virtualTime { AnnotatedDags.build(Pooled(), pools = mapOf("db" to pool)).run(Unit).output shouldBe 1 }
        }

        test("the class is read once; each build is an independent dag") {
            val first = AnnotatedDags.build(Pricing())
            val second = AnnotatedDags.build(Pricing())
            (first === second) shouldBe false
            first.nodes.map { it.name } shouldContainExactly second.nodes.map { it.name }
            first.output.name shouldBe "price"
            first.input shouldBeSameInstanceAs first.nodes[0]
        }
    })
