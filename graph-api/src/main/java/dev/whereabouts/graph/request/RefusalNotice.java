package dev.whereabouts.graph.request;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.SupervisoryAuthority;
import dev.whereabouts.model.dsr.RefusalGround;
import java.util.Objects;

/**
 * The notice a person is owed when the controller does not act on their request (GDPR Art. 12(4)):
 * who decided, that it does not act and on which ground, its reasons, and the person's rights to
 * lodge a complaint with the supervisory authority (Art. 77, named with its complaint address from
 * the catalog) and to seek a judicial remedy (Art. 79). Sent as a REFUSE or REJECT decision's
 * {@code notice}; the topology keeps it on the status for the answer to the person.
 */
public final class RefusalNotice {

    private RefusalNotice() {}

    /**
     * The notice text.
     *
     * @param policy the controller's policy from the catalog (name, supervisory authority)
     * @param ground why the request is not acted on
     * @param reason the controller's reasons, as the DPO recorded them
     */
    public static String compose(ControllerPolicy policy, RefusalGround ground, String reason) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ground, "ground");
        Objects.requireNonNull(reason, "reason");
        String controller = policy.getLegalEntity();
        SupervisoryAuthority authority = policy.getSupervisoryAuthority();
        String decision = switch (ground) {
            case MANIFESTLY_UNFOUNDED ->
                controller + " will not act on your request, because it is manifestly unfounded"
                        + " (GDPR Art. 12(5)(b)).";
            case EXCESSIVE ->
                controller + " will not act on your request, because it is excessive, in particular"
                        + " because of its repetitive character (GDPR Art. 12(5)(b)).";
            case IDENTITY_NOT_ESTABLISHED ->
                controller + " cannot act on your request, because it could not establish that you are"
                        + " the person the request is about (GDPR Art. 11(2) and 12(2)).";
        };
        String reasons = reason.strip();
        if (!reasons.endsWith(".") && !reasons.endsWith("!") && !reasons.endsWith("?")) {
            reasons = reasons + ".";
        }
        return decision
                + " Our reasons: " + reasons
                + " You have the right to lodge a complaint with the supervisory authority, "
                + authority.getName() + " (" + authority.getComplaintUrl() + "), and the right to seek a"
                + " judicial remedy before a court (GDPR Art. 12(4), 77 and 79).";
    }
}
