package dev.whereabouts.graph.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.graph.request.RequestDecisions;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.FormBody;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The actions a request's console page offers, decided by the rules the REST API applies (no copy
 * of them): a decision is offered when {@link RequestLifecycle#problem} has no objection for the
 * request's state, overdue flag, extension and pending verification, exactly the check {@link
 * RequestDecisions#decide} makes; a manual outcome for each open task the DPO records ({@link
 * RequestService#isReportedByDpo}), with the outcomes {@link OutcomeRules} lets that task type take.
 * Also reads the console's forms into the {@link JsonFields} the REST routes read, so a form is
 * validated by the same readers (the {@code FreeText} rule on every note, reason and evidence).
 */
public final class RequestActions {

    /** The form fields that carry {@code true}/{@code false}, as JSON booleans for the readers. */
    private static final Set<String> BOOLEANS = Set.of("verified");

    /** The form fields that carry a small number, as JSON integers for the readers. */
    private static final Set<String> INTEGERS = Set.of("months");

    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,3}");

    /**
     * What the page offers.
     *
     * @param verification        record the identity check (VERIFY or REJECT)
     * @param requiredMethod      the method the check must use (the catalog's policy); null when none
     * @param askInformation      ask the person for information (REQUEST_INFORMATION)
     * @param informationReceived the information asked for arrived (INFORMATION_RECEIVED)
     * @param refuse              refuse under Art. 12(5) (REFUSE)
     * @param refusalGrounds      the grounds a refusal may give
     * @param extend              the one extension (EXTEND)
     * @param extensionMonths     how many months an extension may add
     * @param outcomes            manual outcomes, one form per task type with open tasks the DPO records
     */
    public record Offered(
            boolean verification,
            String requiredMethod,
            boolean askInformation,
            boolean informationReceived,
            boolean refuse,
            List<Choice> refusalGrounds,
            boolean extend,
            List<Choice> extensionMonths,
            List<OutcomeForm> outcomes) {

        /** Whether any action is offered at all. */
        public boolean any() {
            return verification || askInformation || informationReceived || refuse || extend || !outcomes.isEmpty();
        }
    }

    /**
     * One option of a select.
     *
     * @param value what the form sends
     * @param label what the DPO reads
     */
    public record Choice(String value, String label) {}

    /**
     * The manual-outcome form for the open tasks of one type.
     *
     * @param taskType  the task type
     * @param fieldId   a page-unique prefix for the form's field ids
     * @param holders   the holders whose open task of this type the DPO records
     * @param outcomes  the outcomes this task type takes
     */
    public record OutcomeForm(String taskType, String fieldId, List<Choice> holders, List<Choice> outcomes) {}

    private RequestActions() {}

    /** The actions {@code request}'s state allows, as the graph shows it now. */
    public static Offered offered(RequestView request) {
        return new Offered(
                allows(request, DecisionKind.VERIFY) && allows(request, DecisionKind.REJECT),
                request.verificationMethod(),
                allows(request, DecisionKind.REQUEST_INFORMATION),
                allows(request, DecisionKind.INFORMATION_RECEIVED),
                allows(request, DecisionKind.REFUSE),
                RequestDecisions.REFUSAL_GROUNDS.stream()
                        .map(g -> new Choice(g.name(), groundLabel(g)))
                        .toList(),
                allows(request, DecisionKind.EXTEND),
                extensionMonths(),
                outcomeForms(request));
    }

    /** Whether the lifecycle allows decision {@code kind} on the request as it is. */
    static boolean allows(RequestView request, DecisionKind kind) {
        return RequestLifecycle.problem(
                        request.requestState(),
                        request.overdue(),
                        request.isExtended(),
                        request.isVerificationPending(),
                        kind)
                .isEmpty();
    }

    private static List<Choice> extensionMonths() {
        List<Choice> months = new ArrayList<>();
        for (int m = Deadlines.MAX_EXTENSION_MONTHS; m >= 1; m--) {
            months.add(new Choice(
                    Integer.toString(m), m + (m == 1 ? " month" : " months") + " after the statutory deadline"));
        }
        return months;
    }

    private static List<OutcomeForm> outcomeForms(RequestView request) {
        Map<String, List<Choice>> holdersByType = new LinkedHashMap<>();
        for (RequestView.TaskView task : request.tasks()) {
            if (task.isOpen() && task.type() != null && RequestService.isReportedByDpo(task)) {
                holdersByType
                        .computeIfAbsent(task.type(), t -> new ArrayList<>())
                        .add(new Choice(
                                task.holder(),
                                task.holder()
                                        + (task.erasureChannel() == null ? "" : " (" + task.erasureChannel() + ")")));
            }
        }
        List<OutcomeForm> forms = new ArrayList<>();
        holdersByType.forEach((type, holders) -> forms.add(new OutcomeForm(
                type,
                "outcome-" + type.toLowerCase(java.util.Locale.ROOT),
                holders,
                OutcomeRules.allowed(TaskType.valueOf(type)).stream()
                        .map(o -> new Choice(o.name(), outcomeLabel(o)))
                        .toList())));
        return forms;
    }

    static String groundLabel(RefusalGround ground) {
        return switch (ground) {
            case MANIFESTLY_UNFOUNDED -> "Manifestly unfounded (Art. 12(5))";
            case EXCESSIVE -> "Excessive, in particular repetitive (Art. 12(5))";
            case IDENTITY_NOT_ESTABLISHED -> "Identity not established (Art. 12(2))";
        };
    }

    static String outcomeLabel(OutcomeType outcome) {
        return switch (outcome) {
            case ERASED -> "Erased";
            case RESTRICTED -> "Restricted (a legal hold the holder invokes)";
            case EXPORTED -> "Exported";
            case NOT_FOUND -> "Not found: the holder has no such data";
            case FAILED -> "Failed: the holder could not do it";
            case RECTIFIED -> "Rectified";
        };
    }

    /**
     * A console form as the JSON object the REST route reads: each field but the CSRF token as text,
     * {@code verified} as a boolean and {@code months} as a number when they are one (otherwise as
     * text, which the reader refuses naming the field). A blank field is absent, as in an HTML form
     * left empty. 400 naming the field when one is sent twice.
     */
    public static JsonFields fields(FormBody form) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (String name : form.names()) {
            if (name.equals(Console.CSRF_FIELD)) {
                continue;
            }
            List<String> values = form.all(name);
            if (values.size() > 1) {
                throw ProblemException.malformed(
                        "the form gives a field twice", List.of(new FieldError("/" + name, "given more than once")));
            }
            if (values.isEmpty()) {
                continue;
            }
            String value = values.get(0);
            if (BOOLEANS.contains(name) && (value.equals("true") || value.equals("false"))) {
                object.put(name, Boolean.parseBoolean(value));
            } else if (INTEGERS.contains(name) && SMALL_NUMBER.matcher(value).matches()) {
                object.put(name, Integer.parseInt(value));
            } else {
                object.put(name, value);
            }
        }
        return JsonFields.of(object);
    }
}
