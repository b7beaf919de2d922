package dev.whereabouts.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.whereabouts.emitter.FailedEvent.Reason;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import java.time.Period;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A locally invalid event is reported through its stage, the callback and a metric; never thrown, never sent. */
class EventValidationTest {

    private final MockKafka kafka = new MockKafka(true);
    private final WhereaboutsEmitter emitter = kafka.emitter().build();

    @AfterEach
    void close() {
        emitter.close();
    }

    private EventBuilder aValidMail() {
        return emitter.shared(Subject.email("alice@example.com"))
                .categories("user.contact.email")
                .to("postmark")
                .purpose("transactional-mail")
                .legalBasis(LegalBasis.CONTRACT);
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                broken(
                        "an email without '@'",
                        e -> e.subject(Subject.email("alice.example.com")),
                        "identifier 1 (EMAIL) has no '@'"),
                broken(
                        "a phone without country code",
                        e -> e.subject(Subject.email("alice@example.com").phone("612345678")),
                        "identifier 2 (PHONE) has no country code"),
                broken("a null subject", e -> e.subject(null), "subject is missing (null)"),
                broken("an identifier without type", e -> e.subject(Subject.of(null, "x")), "identifier 1 has no type"),
                broken(
                        "a category outside the user taxonomy",
                        e -> e.categories("contact.email"),
                        "category 'contact.email' is not a fideslang user category key"),
                broken(
                        "an upper-case category",
                        e -> e.categories("user.Contact"),
                        "category 'user.Contact' is not a fideslang user category key"),
                broken("a null category", e -> e.categories((String) null), "category 2 is missing (null)"),
                broken("no holder", e -> e.to(null), "holder is missing: call to(...)"),
                broken("a blank holder", e -> e.to("  "), "holder is missing"),
                broken(
                        "a holder with spaces",
                        e -> e.to("Post Mark"),
                        "holder (a value of 9 characters) is not a catalog id"),
                broken(
                        "no purpose",
                        e -> e.purpose(null),
                        "purpose is missing: call purpose(...) or set default.purpose"),
                broken("a purpose with upper case", e -> e.purpose("Mail"), "purpose 'Mail' is not a catalog id"),
                broken(
                        "a holder id no catalog can declare",
                        e -> e.to("billing_v2"),
                        "holder 'billing_v2' is not a catalog id (1 to 128 lower-case letters and digits in words"
                                + " joined by single dashes"),
                broken("a purpose id with a dot", e -> e.purpose("mail.v2"), "purpose 'mail.v2' is not a catalog id"),
                broken(
                        "a source system in upper case",
                        e -> e.sourceSystem("Checkout"),
                        "source system 'Checkout' is not a catalog id (1 to 128 lower-case letters, digits"),
                broken(
                        "a subject pseudonymised with another key",
                        e -> e.subject(Subject.pseudonymised(List.of(
                                new SubjectIdentifier(IdentifierType.EMAIL, "ab".repeat(32), "some-other-key")))),
                        "identifier 1 (EMAIL) was pseudonymised with key 'some-other-key', not with the current key"),
                broken("no legal basis", e -> e.legalBasis(null), "legal basis is missing"),
                broken("legal basis UNSPECIFIED", e -> e.legalBasis(LegalBasis.UNSPECIFIED), "legal basis UNSPECIFIED"),
                broken("a zero retention", e -> e.retention(Period.ZERO), "retention must be positive, got P0D"),
                broken(
                        "a negative retention",
                        e -> e.retention(Period.ofDays(-3)),
                        "retention must be positive, got P-3D"),
                broken("a null occurrence time", e -> e.at(null), "occurredAt is missing (null)"),
                broken("a malformed event id", e -> e.eventId("order 8812"), "eventId must be 1 to 128 letters"));
    }

    private static Arguments broken(String what, Function<EventBuilder, EventBuilder> breakIt, String problem) {
        return Arguments.of(what, breakIt, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void shouldReportAnInvalidEventWithoutThrowingOrSendingIt(
            String what, Function<EventBuilder, EventBuilder> breakIt, String problem) {
        // Given an otherwise valid event with one thing broken
        EventBuilder event = breakIt.apply(aValidMail());

        // When it is emitted
        EmitResult[] result = new EmitResult[1];
        assertThatCode(() -> result[0] = event.emit()).doesNotThrowAnyException();

        // Then the result has already failed as INVALID, naming the problem
        assertThat(result[0].isDone()).isTrue();
        FailedEvent failure = result[0].failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(Reason.INVALID);
        assertThat(failure.problems()).anySatisfy(p -> assertThat(p).contains(problem));
        assertThat(failure.message()).contains(problem);
        assertThat(failure.event()).isEmpty();

        // And the stage fails with the same report, the callback got it once, and the metric counts it
        assertThat(catchThrowable(
                        () -> result[0].acknowledged().toCompletableFuture().join()))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        EmitFailedException.class,
                        e -> assertThat(e.failedEvent()).isSameAs(failure));
        assertThat(kafka.failures).containsExactly(failure);
        assertThat(emitter.metrics().invalid()).isEqualTo(1);
        assertThat(emitter.metrics().accepted()).isZero();

        // And nothing was produced
        assertThat(kafka.producer.history()).isEmpty();
    }

    @Test
    void shouldNameEveryProblemOfAnEventAtOnce() {
        // Given an event missing nearly everything
        EmitResult result = emitter.deletedBy(null).emit();

        // Then one report lists all of it
        assertThat(result.failure().orElseThrow().problems())
                .containsExactly(
                        "no subject: give the person's identifiers, e.g. subject(Subject.email(...))",
                        "no category: name at least one fideslang category, e.g. user.contact.email",
                        "holder is missing: call to(...) with the holder's catalog id, e.g. postmark",
                        "purpose is missing: call purpose(...) or set default.purpose",
                        "legal basis is missing: call legalBasis(...) or set default.legal.basis");
    }

    @Test
    void shouldNeverQuoteARawIdentifierInAFailure() {
        // Given invalid identifiers, and an address mistakenly passed as holder and as category
        EmitResult badSubject = emitter.shared(
                        Subject.email("carol.danvers(at)example.org").phone("+31 6 4433 CALL"))
                .categories("user.contact.email")
                .to("postmark")
                .purpose("transactional-mail")
                .legalBasis(LegalBasis.CONTRACT)
                .emit();
        EmitResult addressAsHolder =
                aValidMail().to("carol.danvers@example.org").emit();
        EmitResult addressAsCategory =
                aValidMail().categories("carol.danvers@example.org").emit();

        // Then no report, message or exception quotes them
        for (EmitResult result : new EmitResult[] {badSubject, addressAsHolder, addressAsCategory}) {
            FailedEvent failure = result.failure().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.INVALID);
            assertThat(failure.toString() + failure.problems() + failure.message())
                    .doesNotContainIgnoringCase("carol")
                    .doesNotContainIgnoringCase("danvers")
                    .doesNotContain("4433");
            Throwable thrown = result.acknowledged()
                    .toCompletableFuture()
                    .handle((ok, e) -> e)
                    .join();
            assertThat(thrown.toString()).doesNotContainIgnoringCase("carol").doesNotContain("4433");
        }
        assertThat(badSubject.failure().orElseThrow().problems())
                .containsExactly(
                        "identifier 1 (EMAIL) has no '@'",
                        "identifier 2 (PHONE) contains a character other than digits, a leading '+' and the separators space,"
                                + " '-', '.', '(' and ')' at position 12");
    }

    @Test
    void shouldKeepRawValuesOutOfASubjectsDescription() {
        Subject subject =
                Subject.email("alice@example.com").phone("+31 6 1234 5678").accountId("ACC-778899");

        assertThat(subject.toString()).isEqualTo("Subject[EMAIL, PHONE, ACCOUNT_ID]");
        assertThat(subject.types()).hasSize(3);
    }

    @Test
    void shouldNotLetAThrowingCallbackReachTheCaller() {
        // Given a failure callback that throws
        MockKafka other = new MockKafka(true);
        try (WhereaboutsEmitter fragile = other.emitter()
                .onFailure(f -> {
                    throw new IllegalStateException("callback bug");
                })
                .build()) {

            // When an invalid event is emitted / Then the caller still sees no exception
            assertThatCode(() -> fragile.shared(Subject.email("not-an-address")).emit())
                    .doesNotThrowAnyException();
            assertThat(fragile.metrics().invalid()).isEqualTo(1);
        }
    }

    @Test
    void shouldCompleteTheStageOfAnInvalidEventExceptionallyForJoiningCallers() {
        EmitResult result = aValidMail().categories("nope").emit();

        assertThat(result.isAcknowledged()).isFalse();
        assertThat(catchThrowable(
                        () -> result.acknowledged().toCompletableFuture().join()))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EmitFailedException.class);
    }
}
