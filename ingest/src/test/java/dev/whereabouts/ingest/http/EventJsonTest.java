package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.id.SourceSystemId;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The ingest body reader: each value decoded once into its type, every bad field reported at once. */
class EventJsonTest {

    private static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser(PseudonymisationKeys.demo());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventJson reader =
            new EventJson(PSEUDONYMISER, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void shouldDecodeAnEventIntoTypedValuesWithIdentifiersPseudonymisedOnce() throws Exception {
        // Given an event with a carelessly spelled email and a phone
        JsonNode event = body("{'eventId':'order-7:postmark','sourceSystem':'billing_v2',"
                + "'subject':{'phone':'+31 6 1234 5678','email':' Alice@Example.com'},'holder':'postmark',"
                + "'categories':['user.contact.email'],'purpose':'system-mail','legalBasis':'CONTRACT',"
                + "'retention':'P4W'}");

        // When it is read
        IncomingEvent read = reader.single(event).get(0);

        // Then every value is typed, and the identifiers are the pseudonyms the emitter would make
        assertThat(read.eventId()).contains(EventId.of("order-7:postmark"));
        assertThat(read.sourceSystem()).isEqualTo(SourceSystemId.of("billing_v2"));
        assertThat(read.holder()).isEqualTo(HolderId.of("postmark"));
        assertThat(read.purpose()).isEqualTo(PurposeId.of("system-mail"));
        assertThat(read.categories()).containsExactly(CategoryKey.of("user.contact.email"));
        assertThat(read.retention()).contains(Period.ofDays(28));
        assertThat(read.identifiers())
                .containsExactly(
                        PSEUDONYMISER.pseudonymise(IdentifierType.EMAIL, "alice@example.com"),
                        PSEUDONYMISER.pseudonymise(IdentifierType.PHONE, "+31612345678"));
        assertThat(read.toString())
                .doesNotContain("lice")
                .doesNotContain(read.identifiers().get(0).getPseudonym());
    }

    @Test
    void shouldReportEveryIdThatBreaksItsRuleByField() throws Exception {
        // Given an event whose ids break the shared rules
        JsonNode event = body("{'eventId':'order 7','sourceSystem':'Billing','subject':{'email':'alice@example.com'},"
                + "'holder':'billing_v2','categories':['User.Contact'],'purpose':'Mail','legalBasis':'CONTRACT',"
                + "'retention':'PT24H'}");

        // When it is read
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> reader.single(event));

        // Then each field names its rule
        assertThat(problem.problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "/eventId", "/sourceSystem", "/holder", "/categories/0", "/purpose", "/retention");
        assertThat(problem.problem().errors())
                .filteredOn(e -> e.field().equals("/holder"))
                .extracting(FieldError::reason)
                .containsExactly("must be a holder id: " + HolderId.RULE);
        assertThat(problem.problem().errors())
                .filteredOn(e -> e.field().equals("/eventId"))
                .extracting(FieldError::reason)
                .containsExactly("must be " + EventId.RULE);
    }

    @Test
    void shouldRejectAnEmptyRetentionAsNotPositive() throws Exception {
        // Given
        JsonNode event = body("{'sourceSystem':'app','subject':{'email':'alice@example.com'},'holder':'postmark',"
                + "'categories':['user.contact.email'],'purpose':'system-mail','legalBasis':'CONTRACT',"
                + "'retention':'P0D'}");

        // When
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> reader.single(event));

        // Then
        assertThat(problem.problem().errors())
                .containsExactly(new FieldError("/retention", "must be a positive period"));
    }

    @Test
    void shouldReportEveryBadFieldOfEveryEventOfABatchInOneProblem() throws Exception {
        // Given a batch whose second event has a bad email and an unknown legal basis, and a third that is no object
        JsonNode batch = body("{'events':[{'sourceSystem':'app','subject':{'email':'alice@example.com'},"
                + "'holder':'postmark','categories':['user.contact.email'],'purpose':'system-mail',"
                + "'legalBasis':'CONTRACT'},{'sourceSystem':'app','subject':{'email':'alice.example.com'},"
                + "'holder':'postmark','categories':['user.contact.email'],'purpose':'system-mail',"
                + "'legalBasis':'WHIM'},7]}");

        // When
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> reader.batch(batch, 10));

        // Then all three problems come back at once, none quoting the email
        assertThat(problem.problem().errors())
                .extracting(FieldError::field)
                .containsExactly("/events/1/subject/email", "/events/1/legalBasis", "/events/2");
        assertThat(problem.problem().detail()).isEqualTo("3 fields are invalid; nothing was published");
        assertThat(problem.problem().errors().toString()).doesNotContain("alice");
    }
}
