package dev.whereabouts.stack.junit;

import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives integration tests the real embedded stack: started once per test JVM
 * (on free ports, in a temporary directory) and stopped when the JVM's tests are done; before each
 * test, every catalogue topic is recreated empty and the graph is emptied. Tests receive a
 * {@link StackFixture} parameter.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedStackExtension.class)
 * class SomethingIT {
 *     @Test void shouldDoIt(StackFixture stack) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedStackExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        fixture(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == StackFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return fixture(extension);
    }

    private static StackFixture fixture(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
                .fixture();
    }

    /** One stack per test JVM, closed by JUnit when the root context closes. */
    private record SharedStack(StackFixture fixture, Path directory)
            implements ExtensionContext.Store.CloseableResource {

        static SharedStack start() {
            try {
                Path directory = Files.createTempDirectory("whereabouts-it-");
                StackConfig config = StackConfig.fromEnvironment()
                        .withDataDirectory(directory)
                        .withEphemeralPorts();
                return new SharedStack(new StackFixture(EmbeddedStack.start(config)), directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            fixture.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
