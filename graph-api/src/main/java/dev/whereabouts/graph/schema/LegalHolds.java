package dev.whereabouts.graph.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.catalog.LegalHold;
import java.util.List;

/**
 * A holder's legal holds as stored on its node: Neo4j properties cannot hold maps, so each hold is
 * one compact JSON string in the {@code legalHolds} list property.
 */
public final class LegalHolds {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One legal hold as read back from the graph. */
    public record Hold(List<String> categories, String period, String reason, String legalReference) {}

    private LegalHolds() {}

    public static String encode(LegalHold hold) {
        try {
            return JSON.writeValueAsString(new Hold(
                    List.copyOf(hold.getCategories()), hold.getPeriod(), hold.getReason(), hold.getLegalReference()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Hold decode(String stored) {
        try {
            return JSON.readValue(stored, Hold.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("legal hold stored in the graph is not readable", e);
        }
    }
}
