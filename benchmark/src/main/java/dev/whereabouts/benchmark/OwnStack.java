package dev.whereabouts.benchmark;

import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The stack a phase that does not measure the platform runs on: a fresh embedded stack of its own
 * (temporary data directory, free ports, deleted afterwards), so that nothing else consumes its topics
 * or loads its machine, or the running stack given on the command line.
 */
final class OwnStack {

    /** What runs on the stack. */
    interface Body {
        void run(StackAddress stack) throws Exception;
    }

    private OwnStack() {}

    static void run(String phase, Optional<StackAddress> running, Body body) throws Exception {
        if (running.isPresent()) {
            body.run(running.get());
            return;
        }
        Path data = Files.createTempDirectory("whereabouts-bench-" + phase + "-");
        try (EmbeddedStack stack = EmbeddedStack.start(
                StackConfig.fromEnvironment().withDataDirectory(data).withEphemeralPorts())) {
            body.run(new StackAddress(stack.bootstrapServers(), stack.registryUrl(), stack.boltUri()));
        } finally {
            PlatformBenchmark.deleteRecursively(data);
        }
    }
}
