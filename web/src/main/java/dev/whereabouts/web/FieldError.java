package dev.whereabouts.web;

import java.util.Objects;

/**
 * One bad part of a request: where it is and why it is wrong.
 *
 * @param field  JSON Pointer into the request body ({@code /events/3/holder}), or the name of a
 *               query parameter or header
 * @param reason why the value is refused, precise enough to fix it; never echoes personal data
 */
public record FieldError(String field, String reason) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
