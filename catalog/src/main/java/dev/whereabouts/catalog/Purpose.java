package dev.whereabouts.catalog;

import dev.whereabouts.model.common.LegalBasis;
import java.util.Objects;

/**
 * A purpose personal data is processed for, with the lawful basis the controller relies on by
 * default (a sharing event states its own basis; this is what the record of processing shows).
 *
 * @param id          stable lower-kebab id that holders, flows and sharing events refer to
 * @param description the purpose in the privacy statement's words
 * @param legalBasis  default Art. 6(1) basis
 * @param backup      whether this purpose is keeping backups, to which the controller's promised
 *                    backup maximum applies
 */
public record Purpose(String id, String description, LegalBasis legalBasis, boolean backup) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(legalBasis, "legalBasis");
    }
}
