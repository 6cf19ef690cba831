package dev.adagio.observe

import dev.adagio.Node
import dev.adagio.NodeFailedException
import dev.adagio.NodeStatus
import dev.adagio.Retry
import dev.adagio.RunOptions
import dev.adagio.dag
import dev.adagio.nodeNameIn
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.util.Collections
import kotlin.time.Duration.Companion.milliseconds

/** Records what an interceptor is told, by node and attempt. */
private class AttemptRecorder(
    private val failOnAttemptOf: String? = null,
) : NodeInterceptor {
    val events: MutableList<String> = Collections.synchronizedList(ArrayList())

    override fun onRunStarted(run: RunInfo) {
        events += "run"
    }

    override fun onAttempt(
        run: RunInfo,
        node: Node<*>,
        attempt: Int,
    ): InterceptedAttempt {
        if (node.name == failOnAttemptOf) error("no frame for ${node.name}")
        events += "${node.name}#$attempt"
        return object : InterceptedAttempt {
            override fun onEnd(error: Throwable?) {
                events += "${node.name}#$attempt:${error?.javaClass?.simpleName ?: "ok"}"
            }
        }
    }

    override fun onNodeRetrying(
        run: RunInfo,
        node: Node<*>,
        failedAttempt: Int,
        error: Throwable,
        delayNanos: Long,
    ) {
        events += "retrying:${node.name}#$failedAttempt"
    }

    override fun onRunFinished(
        run: RunInfo,
        result: dev.adagio.DagRun<*>,
        error: Throwable?,
    ) {
        events += "runFinished"
    }
}

class InterceptorSpec :
    FunSpec({
        test("each retry is an attempt of its own, framed and ended") {
            val recorder = AttemptRecorder()
            val graph =
                dag("flaky") {
                    node("call") { if (attempt < 3) error("down") else attempt }.retry(Retry.immediately(3))
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(recorder))) }.output shouldBe 3
            recorder.events.filter { it.startsWith("call") } shouldBe
                listOf(
                    "call#1",
                    "call#1:IllegalStateException",
                    "call#2",
                    "call#2:IllegalStateException",
                    "call#3",
                    "call#3:ok",
                )
            recorder.events.first() shouldBe "run"
            recorder.events.last() shouldBe "runFinished"
            recorder.events.count { it.startsWith("retrying") } shouldBe 2
        }

        test("an attempt that times out ends with the timeout's cancellation") {
            val recorder = AttemptRecorder()
            val graph = dag("slow") { node("wait") { delay(10_000) }.timeout(20.milliseconds) }
            val error = shouldThrow<NodeFailedException> { runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(recorder))) } }
            error.nodeName shouldBe "wait"
            recorder.events.filter { it.startsWith("wait") } shouldBe listOf("wait#1", "wait#1:TimeoutCancellationException")
        }

        test("an interceptor that cannot frame an attempt fails that node, as its body would") {
            val recorder = AttemptRecorder(failOnAttemptOf = "b")
            val graph =
                dag("refused") {
                    val a = node("a") { 1 }
                    node("b", a) { it + 1 }
                }
            val error = shouldThrow<NodeFailedException> { runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(recorder))) } }
            error.nodeName shouldBe "b"
            error.cause!!.message shouldBe "no frame for b"
            error.run.status(graph.node("a")) shouldBe NodeStatus.SUCCEEDED
        }

        test("without interceptors nothing is framed; with two, the first frames outside the second") {
            val order = Collections.synchronizedList(ArrayList<String>())

            fun framing(name: String) =
                object : NodeInterceptor {
                    override fun onAttempt(
                        run: RunInfo,
                        node: Node<*>,
                        attempt: Int,
                    ) = object : InterceptedAttempt {
                        override fun makeCurrent(): AutoCloseable {
                            order += "enter:$name"
                            return AutoCloseable { order += "leave:$name" }
                        }

                        override fun onEnd(error: Throwable?) {
                            order += "end:$name"
                        }
                    }
                }
            val graph = dag("two") { node("only") { 1 } }
            runBlocking { graph.run(Unit, RunOptions().withInterceptor(framing("outer")).withInterceptor(framing("inner"))) }
            order shouldBe listOf("enter:outer", "enter:inner", "leave:inner", "leave:outer", "end:inner", "end:outer")
        }

        test("children launched from the node's scope see the attempt as current, on their own threads") {
            val current = ThreadLocal<String?>()
            val interceptor = nodeNameIn(current)
            val seen = Collections.synchronizedList(ArrayList<String?>())
            val graph =
                dag("children") {
                    node("parent") {
                        launch(Dispatchers.IO) { seen += current.get() }
                        launch(Dispatchers.Default) {
                            delay(1)
                            seen += current.get()
                        }
                    }
                }
            runBlocking { graph.run(Unit, RunOptions(interceptors = listOf(interceptor))) }
            seen shouldBe listOf("parent", "parent")
        }

        // Without the debug mode, the attempt's element is a coroutine's only thread-context element,
        // which kotlinx.coroutines looks up again to restore: the run once failed there with "null cannot
        // be cast to non-null type ThreadContextElement" (the README's examples command showed it).
        test("an intercepted run in a JVM without the coroutines debug mode: every body and child sees its node") {
            val javaBin =
                java.nio.file.Path
                    .of(System.getProperty("java.home"), "bin", "java")
                    .toString()
            val process =
                ProcessBuilder(
                    javaBin,
                    "-Dkotlinx.coroutines.debug=off",
                    "-cp",
                    System.getProperty("java.class.path"),
                    InterceptedRunMain::class.java.name,
                ).redirectErrorStream(true).start()
            val out = process.inputStream.readAllBytes().toString(Charsets.UTF_8)
            process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) shouldBe true
            out.trim() shouldBe "fetch:fetch publish-child:publish score:score"
        }
    })
