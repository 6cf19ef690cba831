package dev.adagio

import dev.adagio.internal.Compatibility
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Issue #22: an older kotlinx-coroutines is named at the first graph, not met as a NoSuchMethodError in a run. */
class CompatibilitySpec :
    FunSpec({
        test("the required version is the one Adagio is built and tested against") {
            val onClasspath =
                kotlinx.coroutines.Job::class.java
                    .getResourceAsStream("/META-INF/kotlinx_coroutines_core.version")!!
                    .use { it.readBytes().decodeToString().trim() }
            Compatibility.COROUTINES_REQUIRED shouldBe onClasspath
            Compatibility.KOTLIN_REQUIRED shouldBe KotlinVersion.CURRENT.toString()
        }

        test("versions compare by their numbers: 1.10 is newer than 1.8, a pre-release counts as its release") {
            (Compatibility.compare("1.10.2", "1.8.0") > 0) shouldBe true
            (Compatibility.compare("1.8.0", "1.11.0") < 0) shouldBe true
            Compatibility.compare("1.11.0", "1.11") shouldBe 0
            Compatibility.compare("1.11.0-RC2", "1.11.0") shouldBe 0
            (Compatibility.compare("2.0.0", "1.11.0") > 0) shouldBe true
        }

        test("an older kotlinx-coroutines gives a message naming both versions, where it came from, and the fix") {
            val message = Compatibility.problem("1.8.0", "1.11.0", "file:/repo/kotlinx-coroutines-core-jvm-1.8.0.jar").shouldNotBeNull()
            message shouldContain "needs kotlinx-coroutines-core 1.11.0 or newer, but the classpath has 1.8.0"
            message shouldContain "kotlinx-coroutines-core-jvm-1.8.0.jar"
            message shouldContain "adagio-bom"
            Compatibility.problem("1.11.0", "1.11.0", null).shouldBeNull()
            Compatibility.problem("1.12.1", "1.11.0", null).shouldBeNull()
            Compatibility.problem(null, "1.11.0", null).shouldBeNull()
            Compatibility.problem("1.9.21", "2.4.21", null, "org.jetbrains.kotlin:kotlin-stdlib")!! shouldContain
                "needs kotlin-stdlib 2.4.21 or newer, but the classpath has 1.9.21"
        }

        test("the check passes on the build's own classpath, at every graph") {
            Compatibility.ensure()
            dag<Unit, Int>("checked") { node { 1 } }.name shouldBe "checked"
        }
    })
