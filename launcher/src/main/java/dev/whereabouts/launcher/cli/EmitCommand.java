package dev.whereabouts.launcher.cli;

import dev.whereabouts.emitter.EmitResult;
import dev.whereabouts.emitter.EventBuilder;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.http.IngestApp;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emit}: publish one sharing event from the command line, through the emitter library, so
 * it is normalised and pseudonymised exactly as a service's would be. No catalog check: the HTTP
 * endpoint and the topology check against the catalog; this is the raw path a service uses.
 */
@Command(
        name = "emit",
        mixinStandardHelpOptions = true,
        description = {
            "Publish one sharing event: 'this person's data was sent to this holder'.",
            "Identifiers are pseudonymised before anything leaves this process.",
            "Example:",
            "  ./whereabouts emit --email alice@example.com --holder postmark \\",
            "      --category user.contact.email --purpose system-mail --legal-basis CONTRACT"
        })
final class EmitCommand extends ConnectedCommand {

    @Option(names = "--email", description = "The person's email address.")
    String email;

    @Option(
            names = "--phone",
            description = "The person's phone number (international, or national with the default country code).")
    String phone;

    @Option(names = "--account-id", description = "The person's account id.")
    String accountId;

    @Option(
            names = "--holder",
            required = true,
            description = "Catalog id of the holder that received the data, e.g. postmark.")
    String holder;

    @Option(
            names = "--category",
            required = true,
            split = ",",
            description = "Fideslang categories, e.g. user.contact.email (repeat or comma-separate).")
    List<String> categories;

    @Option(names = "--purpose", required = true, description = "Catalog purpose id, e.g. system-mail.")
    String purpose;

    @Option(
            names = "--legal-basis",
            required = true,
            description = "CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK or LEGITIMATE_INTERESTS.")
    LegalBasis legalBasis;

    @Option(names = "--retention", description = "ISO-8601 period agreed for this sharing, e.g. P45D.")
    Period retention;

    @Option(
            names = "--source-system",
            defaultValue = "whereabouts-cli",
            description = "The system that shared the data (default ${DEFAULT-VALUE}).")
    String sourceSystem;

    @Option(names = "--event-id", description = "Idempotency key; a random UUID when omitted.")
    String eventId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        if (email == null && phone == null && accountId == null) {
            out.println("name the person: --email, --phone or --account-id");
            return 2;
        }
        // The command line talks to the local demo unless told otherwise: the demo key by default.
        Settings settings = connection.settings();
        if (!settings.isSet(CommonSettings.DEMO)) {
            settings = settings.with(CommonSettings.DEMO, true);
        }
        Pseudonymiser pseudonymiser = IngestApp.pseudonymiser(settings);
        try (SchemaRegistryClient registry = connection.registry();
                WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                        .kafkaClient(connection.kafkaProperties())
                        .schemaRegistry(registry)
                        .sourceSystem(sourceSystem)
                        .pseudonymiser(pseudonymiser)
                        .set("request.timeout.ms", 10_000)
                        .deliveryTimeout(Duration.ofSeconds(15))
                        .build()) {
            Subject.Builder subject = email != null
                    ? Subject.email(email)
                    : phone != null ? Subject.phone(phone) : Subject.accountId(accountId);
            if (email != null && phone != null) {
                subject.phone(phone);
            }
            if (accountId != null && (email != null || phone != null)) {
                subject.accountId(accountId);
            }
            EventBuilder event = emitter.shared(subject)
                    .categories(categories)
                    .to(holder)
                    .purpose(purpose)
                    .legalBasis(legalBasis);
            if (retention != null) {
                event.retention(retention);
            }
            if (eventId != null) {
                event.eventId(eventId);
            }
            EmitResult result = event.emit();
            try {
                result.acknowledged().toCompletableFuture().get(30, TimeUnit.SECONDS);
                out.println("published event " + result.eventId() + " to holder " + holder);
                return 0;
            } catch (java.util.concurrent.ExecutionException e) {
                out.println("not published: "
                        + result.failure().map(Object::toString).orElse(String.valueOf(e.getCause())));
                return 1;
            }
        }
    }
}
