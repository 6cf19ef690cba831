package dev.adagio.test

import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver

/**
 * A JUnit 5 extension that gives each test (and each `@BeforeEach` of it) its own [VirtualTime] as a
 * parameter: `@ExtendWith(AdagioTestExtension.class)`, then `@Test void t(VirtualTime time)`.
 */
public class AdagioTestExtension : ParameterResolver {
    override fun supportsParameter(
        parameterContext: ParameterContext,
        extensionContext: ExtensionContext,
    ): Boolean = parameterContext.parameter.type == VirtualTime::class.java

    override fun resolveParameter(
        parameterContext: ParameterContext,
        extensionContext: ExtensionContext,
    ): Any =
        extensionContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(extensionContext.uniqueId, { VirtualTime() }, VirtualTime::class.java)

    private companion object {
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(AdagioTestExtension::class.java)
    }
}
