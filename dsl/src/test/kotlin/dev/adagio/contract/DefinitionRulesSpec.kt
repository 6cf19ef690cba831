package dev.adagio.contract

import dev.adagio.DagBuilder
import dev.adagio.DagDefinitionException
import dev.adagio.Node
import dev.adagio.annotated.AnnotatedDags
import dev.adagio.annotated.DagNode
import dev.adagio.annotated.From
import dev.adagio.dag
import dev.adagio.reactive.ReactiveBuilder
import dev.adagio.reactive.reactive
import dev.adagio.stream.StreamBuilder
import dev.adagio.stream.stream
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.flow.flowOf

/** A generic interface whose method a `@DagNode` method implements: the compiler adds a bridge method. */
interface Producer<T> {
    fun produce(): T
}

/** Implements [Producer.produce] with a `@DagNode` method (javac and kotlinc add a bridge `produce(): Object`). */
class GenericImplementation : Producer<String> {
    @DagNode
    override fun produce(): String = "made"

    @DagNode
    fun use(
        @From("produce") made: String,
    ): Int = made.length
}

/** A base class whose `@DagNode` method a subclass overrides with a narrower return type. */
open class CovariantBase {
    @DagNode
    open fun value(): CharSequence = "base"
}

/** Overrides [CovariantBase.value] covariantly (the compiler adds a bridge method returning `CharSequence`). */
class CovariantOverride : CovariantBase() {
    @DagNode
    override fun value(): String = "override"
}

/** An abstract generic base class, overridden in Kotlin with a concrete type. */
abstract class GenericBase<T> {
    @DagNode
    abstract fun item(): T
}

/** Overrides [GenericBase.item] with `String` (a bridge method again). */
class GenericOverride : GenericBase<String>() {
    @DagNode
    override fun item(): String = "item"
}

/** A class whose annotated methods the library cannot call: Kotlin compiles a private class as package-private. */
private class Hidden {
    @DagNode
    fun value(): Int = 1
}

/** Definition errors leave the definition as it was; a built definition is frozen; messages say the fact and the fix. */
class DefinitionRulesSpec :
    FunSpec({
        test("after(a, foreign) throws and adds no edge, not even the one to a") {
            val other = DagBuilder.create<Unit>("other")
            val foreign = other.node("f") { 1 }
            val builder = DagBuilder.create<Unit>("g")
            val a = builder.node("a") { 1 }
            val b = builder.node("b") { 2 }
            shouldThrow<DagDefinitionException> { with(builder) { b.after(a, foreign) } }
            val graph = builder.build(b)
            graph.dependencies(graph.node("b")).shouldBeEmpty()
        }

        test("after(a, optional(x)) throws and adds no edge") {
            val builder = DagBuilder.create<Unit>("g")
            val a = builder.node("a") { 1 }
            val x = builder.node("x") { 1 }
            val b = builder.node("b") { 2 }
            shouldThrow<DagDefinitionException> { with(builder) { b.after(a, builder.optional(x)) } }
            builder.build(b).dependencies(b).shouldBeEmpty()
        }

        test("after on a built builder is refused, and the graph is unchanged") {
            val builder = DagBuilder.create<Unit>("g")
            val a = builder.node("a") { 1 }
            val b = builder.node("b") { 2 }
            val graph = builder.build(b)
            shouldThrow<DagDefinitionException> { with(builder) { b.after(a) } }.message shouldContain "already built"
            graph.dependencies(b).shouldBeEmpty()
        }

        test("every modifier and declaration on a built builder is refused") {
            val builder = DagBuilder.create<Unit>("g")
            val a = builder.node("a") { 1 }
            builder.build(a)
            val refusals: List<() -> Any> =
                listOf(
                    { builder.node("b") { 2 } },
                    { builder.optional(a) },
                    { with(builder) { a.weight(2) } },
                    { with(builder) { a.fallbackValue(1) } },
                    { builder.build(a) },
                )
            for (refusal in refusals) shouldThrow<DagDefinitionException> { refusal() }.message shouldContain "already built"
        }

        test("a built reactive builder refuses sources, nodes and cut-offs, and the graph is unchanged") {
            val builder = ReactiveBuilder.create("sheet")
            val a = builder.source("a", flowOf(1))
            val b = builder.node("b", a) { it + 1 }
            val sheet = builder.buildReactive(b)
            val refusals: List<() -> Any> =
                listOf(
                    { builder.source("c", flowOf(2)) },
                    { builder.node("d", a) { it } },
                    { with(builder) { b.distinctUntilChanged() } },
                    { builder.buildReactive(b) },
                )
            for (refusal in refusals) shouldThrow<DagDefinitionException> { refusal() }.message shouldContain "already built"
            sheet.dag.nodes.map { it.name } shouldContainExactly listOf("input", "a", "b")
        }

        test("a stream builder made without the block, once built, tells its caller to declare before build()") {
            val builder = StreamBuilder.create("s")
            builder.source<Int>("a") { emit(1) }
            builder.build()
            shouldThrow<DagDefinitionException> { builder.source<Int>("b") { emit(2) } }.message shouldContain "before calling build()"
        }

        test("a built builder's message for a builder made without the block says to declare nodes before build()") {
            val builder = DagBuilder.create<Unit>("g")
            val a = builder.node("a") { 1 }
            builder.build(a)
            val message = shouldThrow<DagDefinitionException> { builder.node("b") { 2 } }.message!!
            message shouldContain "before calling build()"
            message shouldNotContain "dag { }"
        }

        test("a blank graph name is reported as a graph name, in every kind") {
            val messages =
                listOf(
                    shouldThrow<DagDefinitionException> { dag(" ") { node("a") { 1 } } }.message!!,
                    shouldThrow<DagDefinitionException> { DagBuilder.create<Unit>("") }.message!!,
                    shouldThrow<DagDefinitionException> { stream(" ") {} }.message!!,
                    shouldThrow<DagDefinitionException> { reactive(" ") { source("a", flowOf(1)) } }.message!!,
                )
            for (message in messages) {
                message shouldContain "graph name"
                message shouldNotContain "node name"
            }
        }

        test("a @DagNode method implementing a generic interface method is one node, not two") {
            val graph = AnnotatedDags.build(GenericImplementation())
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "produce", "use")
        }

        test("a covariant override of a @DagNode method is one node") {
            val graph = AnnotatedDags.build(CovariantOverride(), output = "value")
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "value")
        }

        test("a Kotlin override of a generic @DagNode method is one node") {
            val graph = AnnotatedDags.build(GenericOverride(), output = "item")
            graph.nodes.map { it.name } shouldContainExactly listOf("input", "item")
        }

        test("a class whose @DagNode methods cannot be called is refused at build time, naming the class") {
            val message = shouldThrow<DagDefinitionException> { AnnotatedDags.build(Hidden()) }.message!!
            message shouldContain "Hidden"
            message shouldContain "public"
        }

        test("a declaration refused for a foreign handle registers nothing: its name stays free") {
            val one = DagBuilder.create<Unit>("one")
            val a: Node<Int> = one.node("a") { 1 }
            val two = DagBuilder.create<Unit>("two")
            shouldThrow<DagDefinitionException> { two.node("b", a) { it } }.message shouldContain "'one'"
            two.node("b") { 2 }.name shouldBe "b"
        }
    })
