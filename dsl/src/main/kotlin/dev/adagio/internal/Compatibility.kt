package dev.adagio.internal

/**
 * Checks, at the first graph a process declares, that the kotlinx-coroutines on the classpath is one
 * Adagio was built for. An older one (Maven picks the first version it meets, so a
 * `kotlinx-coroutines-test` 1.8 declared before Adagio brings core 1.8) otherwise shows as a
 * `NoSuchMethodError` deep in a run; this says which versions met, and how to align them.
 *
 * Uses nothing from kotlinx-coroutines but a class literal and the version file its jar carries
 * (`META-INF/kotlinx_coroutines_core.version`); when that file is missing (a shaded or repackaged
 * copy), it checks nothing.
 */
internal object Compatibility {
    /** The kotlinx-coroutines version Adagio is built against: the oldest it runs on. Kept equal to the build's by a test. */
    const val COROUTINES_REQUIRED: String = "1.11.0"

    /** The Kotlin standard library Adagio is built against, likewise. */
    const val KOTLIN_REQUIRED: String = "2.4.21"

    @Volatile private var checked = false

    /** Throws [IllegalStateException] naming both versions when the classpath's kotlinx-coroutines is older than [COROUTINES_REQUIRED]. */
    fun ensure() {
        if (checked) return
        val job = kotlinx.coroutines.Job::class.java
        val found =
            job.getResourceAsStream("/META-INF/kotlinx_coroutines_core.version")?.use {
                it.readBytes().decodeToString().trim()
            }
        val where =
            runCatching {
                job.protectionDomain
                    ?.codeSource
                    ?.location
                    ?.toString()
            }.getOrNull()
        problem(found, COROUTINES_REQUIRED, where)?.let { throw IllegalStateException(it) }
        // The same for the standard library (an old kotlinx-coroutines brings an old one along).
        val stdlib = KotlinVersion.CURRENT.toString()
        val stdlibWhere =
            runCatching {
                KotlinVersion::class.java.protectionDomain
                    ?.codeSource
                    ?.location
                    ?.toString()
            }.getOrNull()
        problem(stdlib, KOTLIN_REQUIRED, stdlibWhere, "org.jetbrains.kotlin:kotlin-stdlib")?.let { throw IllegalStateException(it) }
        checked = true
    }

    /** The message for [found] against [required], or null when [found] will do (or is unknown). */
    fun problem(
        found: String?,
        required: String,
        where: String?,
        library: String = "org.jetbrains.kotlinx:kotlinx-coroutines-core",
    ): String? {
        if (found == null || compare(found, required) >= 0) return null
        val name = library.substringAfter(':')
        return "Adagio needs $name $required or newer, but the classpath has $found" +
            (where?.let { " (from $it)" } ?: "") +
            ". Another dependency brought the older one first; import dev.adagio:adagio-bom in " +
            "dependencyManagement (it aligns kotlinx-coroutines and Kotlin), or declare " +
            "$library $required yourself."
    }

    /** Compares versions like 1.8.0, 1.10.2 and 1.11.0-RC by their numeric parts; a pre-release counts as its release. */
    fun compare(
        a: String,
        b: String,
    ): Int {
        val x = numbers(a)
        val y = numbers(b)
        for (i in 0 until maxOf(x.size, y.size)) {
            val c = x.getOrElse(i) { 0 }.compareTo(y.getOrElse(i) { 0 })
            if (c != 0) return c
        }
        return 0
    }

    private fun numbers(version: String): List<Int> =
        version.substringBefore('-').split('.').map { part -> part.takeWhile(Char::isDigit).toIntOrNull() ?: 0 }
}
