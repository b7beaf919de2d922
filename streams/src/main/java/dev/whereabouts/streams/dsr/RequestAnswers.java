package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.streams.catalog.TopologyCatalog;
import dev.whereabouts.streams.state.RequestRecord;
import dev.whereabouts.streams.state.TaskRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the person is told once their request is finished (Art. 12(1): concise, in plain words):
 * one line per holder saying what was done, what expires by itself and by when, and what could not
 * be done. Holders are named as the catalog names them; no identifier appears.
 */
final class RequestAnswers {

    private RequestAnswers() {}

    /** The answer, or null while the request is not finished. */
    static String compose(RequestRecord request, TopologyCatalog catalog) {
        RequestState state = RequestState.valueOf(request.getState());
        return switch (state) {
            case REJECTED, REFUSED -> request.getRefusalNotice();
            case NO_DATA_HELD ->
                "We hold no personal data about you"
                        + (request.getSubjectId() == null ? "." : " in the categories you asked about.");
            case COMPLETED, PARTIALLY_COMPLETED -> tasks(request, catalog, state);
            default -> null;
        };
    }

    private static String tasks(RequestRecord request, TopologyCatalog catalog, RequestState state) {
        StringBuilder answer = new StringBuilder(intro(RequestType.valueOf(request.getType())));
        for (TaskRecord task : request.getTasks()) {
            answer.append("\n- ")
                    .append(name(catalog, task.getHolder()))
                    .append(": ")
                    .append(line(task));
        }
        if (state == RequestState.PARTIALLY_COMPLETED) {
            answer.append("\nNot everything could be done: the holders marked \"could not\" above did not"
                    + " complete their part. We are following this up and will tell you when they have.");
        }
        return answer.toString();
    }

    private static String intro(RequestType type) {
        return switch (type) {
            case ERASURE -> "Your request to erase your personal data has been handled:";
            case ACCESS -> "Your request to see your personal data has been handled:";
            case PORTABILITY -> "Your request to receive your personal data has been handled:";
            case RESTRICTION -> "Your request to restrict the use of your personal data has been handled:";
            case OBJECTION -> "Your objection to the use of your personal data has been handled:";
            case RECTIFICATION -> "Your request to correct your personal data has been handled:";
        };
    }

    private static String line(TaskRecord task) {
        String categories = String.join(", ", task.getCategories());
        TaskState state = TaskState.valueOf(task.getState());
        if (TaskType.EXPIRES.name().equals(task.getType()) && state == TaskState.PENDING) {
            return categories + " is deleted automatically; it is gone by " + date(task.getExpiresAt()) + ".";
        }
        return switch (state) {
            case ERASED -> categories + " erased on " + date(task.getUpdatedAt()) + ".";
            case EXPIRED -> categories + " deleted automatically; gone since " + date(task.getExpiresAt()) + ".";
            case RESTRICTED ->
                categories + " kept but no longer used"
                        + (task.getReason() == null ? "" : ", because of a " + task.getReason()) + ".";
            case EXPORTED -> categories + " included in your copy.";
            case RECTIFIED -> categories + " corrected on " + date(task.getUpdatedAt()) + ".";
            case NOT_FOUND -> "held no data about you (any more).";
            case FAILED -> "could not complete this for " + categories + " yet.";
            default -> "still working on " + categories + ".";
        };
    }

    private static String name(TopologyCatalog catalog, String holder) {
        return catalog.holder(holder)
                .map(Holder::getDisplayName)
                .filter(n -> !n.isBlank())
                .orElse(holder);
    }

    private static LocalDate date(Long millis) {
        return millis == null ? null : LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
