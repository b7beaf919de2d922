package dev.whereabouts.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The questions the platform asks the catalog. {@link Catalog} answers them from one immutable
 * snapshot; {@link LiveCatalog} from whatever snapshot is current, so code that asks several
 * questions about one event should take {@link LiveCatalog#current()} once and ask it.
 *
 * <p>Every method answers for unknown holders too (empty, {@code false}), never throws for them:
 * "unknown holder" is a verdict the caller reports, not an error of the catalog.
 */
public interface CatalogView {

    /** The holder with this id. */
    Optional<CatalogHolder> holder(String holderId);

    /** Whether the holder exists and is declared to receive data for {@code purposeId}. */
    boolean isPurposeAllowed(String holderId, String purposeId);

    /** The categories the holder is declared to receive, as written; empty for an unknown holder. */
    List<String> categoriesOf(String holderId);

    /** Whether the holder is declared to receive {@code category}: one of its categories covers it. */
    boolean receives(String holderId, String category);

    /**
     * The retention rule that applies to {@code category} at the holder: the rule whose category
     * covers it most specifically. Empty when the holder is unknown or does not receive the category.
     */
    Optional<RetentionRule> retentionFor(String holderId, String category);

    /** Every legal hold of the holder. */
    List<LegalHoldRule> legalHoldsFor(String holderId);

    /** The legal holds of the holder that cover {@code category} (those turn its erasure into a restriction). */
    List<LegalHoldRule> legalHoldsFor(String holderId, String category);

    /** The declared flows leaving the holder. */
    List<CatalogFlow> flowsFrom(String holderId);

    /** The declared flows reaching the holder. */
    List<CatalogFlow> flowsTo(String holderId);

    /**
     * Every flow that carries {@code category} onward from the holder, directly or through other
     * holders (app to hosting to its log drain), breadth first. This is where data shared with the
     * holder also lives.
     */
    List<CatalogFlow> onwardFlows(String holderId, String category);
}
