package dev.whereabouts.dispatch;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;
import java.util.List;

/** Tasks and links for tests, as the topology writes them. */
final class TaskFixtures {

    static final String REQUEST_ID = "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93";
    static final String TOKEN_KEY = "test-callback-token-key-0123456789";
    static final String CALLBACK = "https://dpo.example.test";
    static final Instant ISSUED = Instant.parse("2026-12-07T10:00:00Z");
    static final String EMAIL_PSEUDONYM = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private TaskFixtures() {}

    static TaskTokens tokens() {
        return new TaskTokens(TOKEN_KEY);
    }

    static CallbackLinks links() {
        return new CallbackLinks(CALLBACK, tokens());
    }

    /** An ERASE task for {@code holder}, first delivery. */
    static HolderTask.Builder anEraseTask(String holder) {
        return aTask(REQUEST_ID, holder, TaskType.ERASE);
    }

    static HolderTask.Builder aTask(String requestId, String holder, TaskType type) {
        return HolderTask.newBuilder()
                .setTaskId(requestId + "/" + holder)
                .setRequestId(requestId)
                .setSubjectId("s-" + EMAIL_PSEUDONYM.substring(0, 32))
                .setIdentifiers(List.of(SubjectIdentifier.newBuilder()
                        .setType(IdentifierType.EMAIL)
                        .setPseudonym(EMAIL_PSEUDONYM)
                        .setKeyId("k1")
                        .build()))
                .setHolder(holder)
                .setType(type)
                .setCategories(List.of("user.contact.email", "user.name"))
                .setIssuedAt(ISSUED)
                .setDeadline(Instant.parse("2027-01-04T10:00:00Z"))
                .setAnswerBy(Instant.parse("2026-12-21T10:00:00Z"));
    }
}
