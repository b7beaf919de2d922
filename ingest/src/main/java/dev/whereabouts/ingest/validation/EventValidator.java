package dev.whereabouts.ingest.validation;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.catalog.EditDistance;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an event against the catalog, the company's declared processing: the holder exists, each
 * category is a fideslang key the holder is declared to receive, the purpose is allowed for the
 * holder. Every problem is reported with its JSON Pointer, so one answer lists all of them.
 */
public final class EventValidator {

    private final DataCategories taxonomy;

    public EventValidator(DataCategories taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** The problems of {@code event} against {@code catalog}; empty when it may be published. */
    public List<FieldError> validate(IncomingEvent event, Catalog catalog) {
        List<FieldError> errors = new ArrayList<>();
        String at = event.pointer();
        String holderId = event.holder().value();
        Optional<CatalogHolder> holder = catalog.holder(holderId);
        if (holder.isEmpty()) {
            List<String> ids = List.copyOf(catalog.holders().keySet());
            errors.add(new FieldError(
                    at + "/holder",
                    "unknown holder '" + holderId + "'"
                            + EditDistance.nearest(holderId, ids)
                                    .map(s -> "; did you mean '" + s + "'?")
                                    .orElse("")
                            + " (the catalog has " + ids.size() + " holders)"));
        }
        for (int i = 0; i < event.categories().size(); i++) {
            String category = event.categories().get(i).value();
            String field = at + "/categories/" + i;
            if (!taxonomy.isKnown(category)) {
                errors.add(new FieldError(field, taxonomy.explainUnknown(category)));
            } else if (holder.isPresent() && !catalog.receives(holderId, category)) {
                errors.add(new FieldError(
                        field,
                        "holder '" + holderId + "' is not declared to receive '" + category + "'; it receives "
                                + catalog.categoriesOf(holderId)));
            }
        }
        String purpose = event.purpose().value();
        if (holder.isPresent() && !catalog.isPurposeAllowed(holderId, purpose)) {
            errors.add(new FieldError(
                    at + "/purpose",
                    "purpose '" + purpose + "' is not declared for holder '" + holderId + "'; declared: "
                            + holder.get().purposes()));
        }
        if (event.legalBasis() == LegalBasis.UNSPECIFIED) {
            errors.add(new FieldError(at + "/legalBasis", "a legal basis under GDPR Art. 6(1) is required"));
        }
        return errors;
    }
}
