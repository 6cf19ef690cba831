package dev.adagio.annotated

import dev.adagio.AdagioDispatchers
import dev.adagio.Dag
import dev.adagio.DagBuilder
import dev.adagio.DagCycleException
import dev.adagio.DagDefinitionException
import dev.adagio.Messages
import dev.adagio.Node
import dev.adagio.Pool
import dev.adagio.Retry
import dev.adagio.executorNode
import dev.adagio.internal.IntList
import dev.adagio.internal.Topology
import dev.adagio.stageNode
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.time.Duration.Companion.milliseconds

/**
 * Builds graphs declared as the [DagNode] methods of a class (dagio's model), in Java or Kotlin.
 *
 * ```
 * class Report {
 *     @DagNode fun rows(): List<Row> = db.rows()                                  // blocking
 *     @DagNode suspend fun totals(@From("rows") rows: List<Row>): Totals = …      // suspending
 *     @DagNode fun pdf(@From("totals") t: Totals): CompletionStage<Pdf> = …        // asynchronous
 * }
 * val dag = AnnotatedDags.build(Report())
 * val run = dag.run(Unit, targets = listOf(dag.node("totals")))          // runs rows and totals only
 * ```
 *
 * The class is read once (cached per class); each call yields an ordinary [Dag], so running, targets,
 * diagrams and listeners work as for any graph. Methods are declared in name order, then sorted so
 * that every node comes after its inputs. Building checks, with messages that say what to change:
 * non-public annotated methods, two methods with one node name, unknown input names, parameters whose
 * type does not match the producer's, inputs taken from `void` nodes, unknown pools and fallbacks, and
 * cycles (with their path).
 */
public object AnnotatedDags {
    private val plans =
        object : ClassValue<Plan>() {
            override fun computeValue(type: Class<*>): Plan = analyze(type)
        }

    /**
     * Builds the graph of [target]'s [DagNode] methods.
     *
     * @param name the graph's name; the class's simple name when null.
     * @param output the output node's name; when null, the one node nothing depends on.
     * @param executor where blocking and `void` methods run; [AdagioDispatchers.Blocking] when null.
     * @param pools the pools [InPool] names refer to.
     */
    @JvmStatic
    @JvmOverloads
    public fun build(
        target: Any,
        name: String? = null,
        output: String? = null,
        executor: Executor? = null,
        pools: Map<String, Pool> = emptyMap(),
    ): Dag<Unit, Any?> {
        val plan = plans.get(target.javaClass)
        for (spec in plan.order) {
            // A static method takes no receiver, and canAccess refuses one for it.
            val receiver = if (Modifier.isStatic(spec.method.modifiers)) null else target
            if (!spec.method.canAccess(receiver)) throw DagDefinitionException(Messages.notCallable(target.javaClass, spec.method.name))
        }
        val builder = DagBuilder.create<Unit>(name ?: target.javaClass.simpleName)
        val nodes = HashMap<String, Node<Any?>>()
        for (spec in plan.order) {
            val inputs = spec.inputs.map { nodes.getValue(it) }
            val node = declare(builder, spec, target, inputs, executor)
            nodes[spec.name] = node
            with(builder) {
                if (spec.after.isNotEmpty()) node.after(*spec.after.map { nodes.getValue(it) }.toTypedArray())
                spec.method.getAnnotation(Timeout::class.java)?.let { node.timeout(it.millis.milliseconds) }
                spec.method.getAnnotation(Retried::class.java)?.let {
                    node.retry(Retry.exponential(it.attempts, it.delayMillis.milliseconds, it.factor, it.maxDelayMillis.milliseconds))
                }
                spec.method.getAnnotation(InPool::class.java)?.let {
                    node.pool(
                        pools[it.value] ?: throw DagDefinitionException(Messages.unknownPool(spec.name, it.value, pools.keys)),
                    )
                }
                spec.method.getAnnotation(Weight::class.java)?.let { node.weight(it.value) }
                if (spec.method.isAnnotationPresent(Dispatched::class.java)) node.dispatched()
                spec.fallback?.let { fallback -> node.fallback { error -> invoke(fallback, target, listOf(error)) } }
            }
        }
        val out = output ?: plan.sinks.singleOrNull() ?: throw DagDefinitionException(Messages.noSingleOutput(plan.sinks))
        return builder.build(nodes[out] ?: throw DagDefinitionException(Messages.unknownOutput(out, nodes.keys)))
    }

    /**
     * Builds the graph of [target]'s [DagNode] methods, typed: the output node's value must be an
     * [outputType] (checked at build time, when reflection can tell the method's value type).
     *
     * @throws DagDefinitionException when the output node's type is not an [outputType], or as [build].
     */
    @JvmStatic
    @JvmOverloads
    public fun <O> build(
        target: Any,
        outputType: Class<O>,
        name: String? = null,
        output: String? = null,
        executor: Executor? = null,
        pools: Map<String, Pool> = emptyMap(),
    ): Dag<Unit, O> {
        val dag = build(target, name, output, executor, pools)
        val spec = plans.get(target.javaClass).order.first { it.name == dag.output.name }
        val actual = if (spec.kind == Kind.ORDER_ONLY) Void::class.java else spec.valueType?.let(::boxed)
        if (actual != null && !boxed(outputType).isAssignableFrom(actual)) {
            throw DagDefinitionException(Messages.wrongOutputType(target.javaClass, spec.name, actual, outputType))
        }
        @Suppress("UNCHECKED_CAST")
        return dag as Dag<Unit, O>
    }

    private fun declare(
        builder: DagBuilder<Unit>,
        spec: NodeSpec,
        target: Any,
        inputs: List<Node<Any?>>,
        executor: Executor?,
    ): Node<Any?> =
        when (spec.kind) {
            Kind.SUSPEND -> {
                builder.node(spec.name, inputs) { values -> callSuspend(spec.method, target, values) }
            }

            Kind.STAGE -> {
                builder.stageNode(spec.name, inputs) { _, values -> invoke(spec.method, target, values) as CompletionStage<*>? }
            }

            Kind.BLOCKING, Kind.ORDER_ONLY -> {
                builder.executorNode(
                    spec.name,
                    inputs,
                    executor,
                ) { _, values -> invoke(spec.method, target, values) }
            }
        }

    private fun invoke(
        method: Method,
        target: Any,
        args: List<Any?>,
    ): Any? =
        try {
            method.invoke(target, *args.toTypedArray())
        } catch (e: InvocationTargetException) {
            throw e.targetException
        }

    private suspend fun callSuspend(
        method: Method,
        target: Any,
        args: List<Any?>,
    ): Any? =
        suspendCoroutineUninterceptedOrReturn { continuation ->
            try {
                method.invoke(target, *args.toTypedArray(), continuation)
            } catch (e: InvocationTargetException) {
                throw e.targetException
            }
        }

    private enum class Kind { SUSPEND, STAGE, BLOCKING, ORDER_ONLY }

    private class NodeSpec(
        val name: String,
        val method: Method,
        val kind: Kind,
        val valueType: Class<*>?,
        val inputs: List<String>,
        val after: List<String>,
        val fallback: Method?,
    )

    private class Plan(
        val order: List<NodeSpec>,
        val sinks: List<String>,
    )

    private fun analyze(type: Class<*>): Plan {
        var c: Class<*>? = type
        while (c != null && c != Any::class.java) {
            for (m in c.declaredMethods) {
                if (m.isAnnotationPresent(DagNode::class.java) && !Modifier.isPublic(m.modifiers)) {
                    throw DagDefinitionException(Messages.notPublic(type, m.name))
                }
            }
            c = c.superclass
        }
        // Bridge methods (generic or covariant overrides) carry the annotation too, but are not nodes of their own.
        val methods = type.methods.filter { it.isAnnotationPresent(DagNode::class.java) && !it.isBridge && !it.isSynthetic }
        val byName = LinkedHashMap<String, Method>()
        for (m in methods.sortedBy { nodeName(it) }) {
            val name = nodeName(m)
            byName.put(name, m)?.let { throw DagDefinitionException(Messages.overloaded(type, name)) }
        }
        val kinds = byName.mapValues { (_, m) -> kindOf(m) }
        val valueTypes = byName.mapValues { (_, m) -> valueTypeOf(m, kinds.getValue(nodeName(m))) }
        val specs =
            byName.map { (name, m) ->
                val kind = kinds.getValue(name)
                val parameters = if (kind == Kind.SUSPEND) m.parameters.dropLast(1) else m.parameters.toList()
                val inputs =
                    parameters.mapIndexed { k, p ->
                        val input =
                            p.getAnnotation(From::class.java)?.value
                                ?: (
                                    if (p.isNamePresent) {
                                        p.name
                                    } else {
                                        throw DagDefinitionException(
                                            Messages.unnamed(type, m.name, k),
                                        )
                                    }
                                )
                        val producer =
                            byName[input] ?: throw DagDefinitionException(Messages.unknownInput(type, m.name, input, byName.keys))
                        if (kinds.getValue(input) ==
                            Kind.ORDER_ONLY
                        ) {
                            throw DagDefinitionException(Messages.takesVoid(m.name, input))
                        }
                        val produced = valueTypes.getValue(input)
                        if (produced != null && !boxed(p.type).isAssignableFrom(boxed(produced))) {
                            throw DagDefinitionException(
                                Messages.typeMismatch(
                                    m.name,
                                    if (p.isNamePresent) "'${p.name}'" else "#${k + 1}",
                                    p.type,
                                    input,
                                    produced,
                                    producer.name,
                                ),
                            )
                        }
                        input
                    }
                val after = m.getAnnotation(DagNode::class.java).after.toList()
                for (a in after) {
                    if (a !in
                        byName
                    ) {
                        throw DagDefinitionException(Messages.unknownInput(type, m.name, a, byName.keys))
                    }
                }
                val fallback =
                    m.getAnnotation(Fallback::class.java)?.let { f ->
                        type.methods.firstOrNull {
                            it.name == f.value && it.parameterCount == 1 &&
                                it.parameterTypes[0].isAssignableFrom(Throwable::class.java)
                        }
                            ?: throw DagDefinitionException(Messages.unknownFallback(name, f.value))
                    }
                NodeSpec(name, m, kind, valueTypes.getValue(name), inputs, after, fallback)
            }
        val order = topologicalOrder(type, specs)
        val consumed = specs.flatMap { it.inputs + it.after }.toSet()
        return Plan(order, specs.map { it.name }.filter { it !in consumed })
    }

    private fun nodeName(m: Method): String = m.getAnnotation(DagNode::class.java).name.ifEmpty { m.name }

    private fun kindOf(m: Method): Kind =
        when {
            m.parameterCount > 0 && m.parameterTypes.last() == Continuation::class.java -> Kind.SUSPEND
            CompletionStage::class.java.isAssignableFrom(m.returnType) -> Kind.STAGE
            m.returnType == Void.TYPE -> Kind.ORDER_ONLY
            else -> Kind.BLOCKING
        }

    /** The type of the node's value, or null when reflection cannot tell (it is then not checked). */
    private fun valueTypeOf(
        m: Method,
        kind: Kind,
    ): Class<*>? =
        when (kind) {
            Kind.SUSPEND -> rawOf((m.genericParameterTypes.last() as? ParameterizedType)?.actualTypeArguments?.get(0))
            Kind.STAGE -> rawOf((m.genericReturnType as? ParameterizedType)?.actualTypeArguments?.get(0))
            Kind.ORDER_ONLY -> null
            Kind.BLOCKING -> m.returnType
        }

    private fun rawOf(type: Type?): Class<*>? =
        when (type) {
            is Class<*> -> type
            is ParameterizedType -> type.rawType as Class<*>
            is WildcardType -> rawOf(type.lowerBounds.firstOrNull() ?: type.upperBounds.firstOrNull())
            else -> null
        }

    private fun boxed(type: Class<*>): Class<*> =
        if (!type.isPrimitive) {
            type
        } else {
            when (type) {
                Int::class.javaPrimitiveType -> Integer::class.java
                Long::class.javaPrimitiveType -> java.lang.Long::class.java
                Double::class.javaPrimitiveType -> java.lang.Double::class.java
                Boolean::class.javaPrimitiveType -> java.lang.Boolean::class.java
                Float::class.javaPrimitiveType -> java.lang.Float::class.java
                Short::class.javaPrimitiveType -> java.lang.Short::class.java
                Byte::class.javaPrimitiveType -> java.lang.Byte::class.java
                Char::class.javaPrimitiveType -> Character::class.java
                else -> type
            }
        }

    /** Orders nodes so each comes after its inputs (names break ties); a cycle is refused with its path. */
    private fun topologicalOrder(
        type: Class<*>,
        specs: List<NodeSpec>,
    ): List<NodeSpec> {
        val index = specs.withIndex().associate { (i, spec) -> spec.name to i }
        val dependents = Array(specs.size) { IntList() }
        for ((i, spec) in specs.withIndex()) for (dependency in spec.inputs + spec.after) dependents[index.getValue(dependency)].add(i)
        val topology = Topology(specs.size) { dependents[it] }
        val order =
            topology.order() ?: topology.cycle()!!.map { specs[it].name }.let { path ->
                throw DagCycleException(Messages.annotatedCycle(type, path), path)
            }
        return order.map { specs[it] }
    }
}
