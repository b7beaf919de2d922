package dev.whereabouts.graph.request;

import dev.whereabouts.model.catalog.ControllerPolicy;
import java.util.Optional;

/**
 * Where the DPO API reads the controller's request-handling policy (answer time, identity
 * verification per request type, supervisory authority) that the catalog publishes on {@code
 * whereabouts.catalog.controller.v1}: the service passes {@code LiveCatalog::controllerPolicy}.
 * Empty until it is loaded: filing, refusing and rejecting answer 503 then, as a deadline or a
 * notice without the policy would be wrong.
 */
@FunctionalInterface
public interface ControllerPolicySource {

    /** The current policy; empty while not (yet) loaded. Never blocks. */
    Optional<ControllerPolicy> current();

    /** A fixed policy, for tests and tools. */
    static ControllerPolicySource of(ControllerPolicy policy) {
        Optional<ControllerPolicy> fixed = Optional.of(policy);
        return () -> fixed;
    }
}
