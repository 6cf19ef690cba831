package dev.adagio.temporal

import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.SerializationFeature
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule
import com.fasterxml.jackson.module.kotlin.KotlinModule
import java.lang.reflect.Type

/**
 * Turns node values into bytes and back, for values that cross machines: a node's value travels from the
 * worker that computed it, through the run's history, to the workers of its dependents and to the
 * client. Every worker and client of one graph must use the same codec.
 *
 * The default, [ValueCodec.jackson], writes JSON with Jackson, Kotlin data classes and `java.time` types
 * included.
 */
public interface ValueCodec {
    /** [value] as bytes; never called with null. */
    public fun encode(value: Any): ByteArray

    /** The value [bytes] hold, as [type] (a `Class`, or a generic type such as `List<Page>`). */
    public fun decode(
        bytes: ByteArray,
        type: Type,
    ): Any?

    /** The codecs Adagio provides. */
    public companion object {
        /** JSON through Jackson, with Kotlin classes (data classes, default values) and `java.time` types. */
        @JvmStatic
        public fun jackson(): ValueCodec = JacksonCodec(defaultMapper())

        /** JSON through [mapper], configured as you need (modules, naming, unknown properties). */
        @JvmStatic
        public fun jackson(mapper: ObjectMapper): ValueCodec = JacksonCodec(mapper)

        private fun defaultMapper(): ObjectMapper =
            ObjectMapper()
                .registerModule(KotlinModule.Builder().build())
                .registerModule(JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    }
}

private class JacksonCodec(
    private val mapper: ObjectMapper,
) : ValueCodec {
    override fun encode(value: Any): ByteArray = mapper.writeValueAsBytes(value)

    override fun decode(
        bytes: ByteArray,
        type: Type,
    ): Any? = mapper.readValue(bytes, mapper.typeFactory.constructType(type))

    override fun toString(): String = "ValueCodec.jackson()"
}
