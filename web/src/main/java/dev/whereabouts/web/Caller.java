package dev.whereabouts.web;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established from their token; recorded in audit trails.
 *
 * @param name  the token's holder, e.g. {@code dpo@smarttrackers.nl} or {@code checkout-service}
 * @param roles what the token allows
 */
public record Caller(String name, Set<Role> roles) {

    public Caller {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
