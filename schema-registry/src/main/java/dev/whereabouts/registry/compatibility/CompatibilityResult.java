package dev.whereabouts.registry.compatibility;

import java.util.List;

/**
 * Outcome of a compatibility check.
 *
 * @param messages one entry per problem, in Confluent's format (an incompatibility, then the old
 *                 version, the old schema and the level that was applied); empty if compatible
 */
public record CompatibilityResult(List<String> messages) {

    private static final CompatibilityResult COMPATIBLE = new CompatibilityResult(List.of());

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    /** A result with no problems. */
    public static CompatibilityResult compatible() {
        return COMPATIBLE;
    }

    /** Whether the candidate schema satisfies the level. */
    public boolean isCompatible() {
        return messages.isEmpty();
    }
}
