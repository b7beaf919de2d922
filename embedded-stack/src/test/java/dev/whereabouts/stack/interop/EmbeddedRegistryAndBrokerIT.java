package dev.whereabouts.stack.interop;

import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The interop scenarios against the embedded stack: our Kafka node and our registry. */
@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedRegistryAndBrokerIT extends RegistryAndBrokerScenarios {

    private StackFixture stack;

    @BeforeEach
    void useStack(StackFixture stack) {
        this.stack = stack;
    }

    @Override
    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    String registryUrl() {
        return stack.registryUrl().toString();
    }
}
