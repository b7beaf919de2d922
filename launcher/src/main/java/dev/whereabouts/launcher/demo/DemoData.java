package dev.whereabouts.launcher.demo;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.model.common.LegalBasis;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic people living the journeys the SmartTrackers privacy statement describes: they sign up
 * to the application (some with Authy 2FA), get system mail through Postmark, visit the website
 * (Google Analytics), some ask the helpdesk (Zendesk), subscribe to newsletters (Campaign Monitor),
 * are invoiced (MoneyBird) or log in through Visma Connect. Everything goes through the emitter, so
 * it is pseudonymised exactly like a real service's events; categories and purposes come from the
 * catalog so the demo always matches it. The same seed gives the same people.
 */
public final class DemoData {

    /** One step of a journey: which holder, which share of people take it, under which basis. */
    private record Step(String holder, double share, LegalBasis basis, boolean phone) {}

    private static final List<Step> JOURNEY = List.of(
            new Step("smarttrackers-app", 1.0, LegalBasis.CONTRACT, true),
            new Step("authy", 0.6, LegalBasis.CONTRACT, true),
            new Step("postmark", 0.95, LegalBasis.CONTRACT, false),
            new Step("google-analytics", 0.9, LegalBasis.LEGITIMATE_INTERESTS, false),
            new Step("zendesk", 0.3, LegalBasis.CONTRACT, false),
            new Step("campaign-monitor", 0.5, LegalBasis.CONSENT, false),
            new Step("moneybird", 0.4, LegalBasis.LEGAL_OBLIGATION, true),
            new Step("visma-connect", 0.1, LegalBasis.CONTRACT, false));

    private final Catalog catalog;
    private final long seed;

    public DemoData(Catalog catalog, long seed) {
        this.catalog = catalog;
        this.seed = seed;
    }

    /** The e-mail address of demo person {@code n}, for the printed example lookup. */
    public static String email(int n) {
        return "person" + n + "@demo.smarttrackers.example";
    }

    /** The phone number of demo person {@code n}, Dutch mobile format. */
    public static String phone(int n) {
        return String.format(Locale.ROOT, "+316%08d", 10_000_000 + n);
    }

    /**
     * Emits the journeys of {@code people} people, spread over the last 400 days so some data is
     * already past its retention, and waits until Kafka acknowledged all of them.
     *
     * @return the number of events published
     */
    public int publish(WhereaboutsEmitter emitter, int people, Instant now, PrintStream progress) {
        Random random = new Random(seed);
        int events = 0;
        int step = Math.max(1, people / 10);
        for (int person = 0; person < people; person++) {
            Instant signUp = now.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)));
            for (Step journey : JOURNEY) {
                // Person 0 takes every step: the printed example has data at every holder.
                if (person != 0 && random.nextDouble() >= journey.share()) {
                    continue;
                }
                CatalogHolder holder = catalog.holder(journey.holder())
                        .orElseThrow(() -> new IllegalStateException("the demo journey names holder " + journey.holder()
                                + ", which the catalog does not have"));
                Subject.Builder subject = Subject.email(email(person));
                if (journey.phone()) {
                    subject.phone(phone(person));
                }
                long afterSignUp = Math.max(0, Duration.between(signUp, now).toMinutes());
                Instant at = signUp.plus(Duration.ofMinutes(afterSignUp == 0 ? 0 : random.nextLong(afterSignUp)));
                emitter.shared(subject)
                        .sourceSystem("smarttrackers-app")
                        .categories(new ArrayList<>(holder.categories()))
                        .to(holder.id())
                        .purpose(holder.purposes().get(0))
                        .legalBasis(journey.basis())
                        .at(at)
                        .emit();
                events++;
            }
            if ((person + 1) % step == 0 || person + 1 == people) {
                progress.printf("  demo data: %d of %d people (%d events)%n", person + 1, people, events);
            }
        }
        if (!emitter.flush(Duration.ofMinutes(2))) {
            throw new IllegalStateException("demo data not acknowledged by Kafka within 2 minutes");
        }
        if (emitter.metrics().notDelivered() > 0) {
            throw new IllegalStateException(
                    "demo data: " + emitter.metrics().notDelivered() + " events not delivered: " + emitter.metrics());
        }
        return events;
    }
}
