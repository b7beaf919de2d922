package dev.whereabouts.benchmark;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.emitter.EmitResult;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.model.common.LegalBasis;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The realistic demo mix of the seed company (the launcher's demo journeys, at scale): people sign
 * up to the application (e-mail and phone, so identities are stitched), then live the statement's
 * journeys over and over: system mail through Postmark, web analytics, newsletters, logins, now and
 * then the helpdesk, Authy 2FA, an invoice from MoneyBird, a Visma Connect login. Repeated shares
 * dominate, as in production. Categories and purposes come from the catalog, as in the launcher's
 * demo; events go through the emitter with raw identifiers, so they are normalised and keyed-
 * pseudonymised exactly like a real service's. Deterministic for a seed.
 */
final class DemoMix {

    /** One kind of share: to which holder, under which basis, with the phone number or not. */
    record Share(String holder, List<String> categories, String purpose, LegalBasis basis, boolean phone) {}

    /** The {@code index}-th event: a person and a share, and whether it is their sign-up. */
    record Event(int person, Share share, boolean signUp) {}

    /** Holder, weight in percent of repeated traffic, legal basis, with phone. */
    private static final Object[][] REPEATS = {
        {"postmark", 34, LegalBasis.CONTRACT, false},
        {"google-analytics", 25, LegalBasis.LEGITIMATE_INTERESTS, false},
        {"campaign-monitor", 15, LegalBasis.CONSENT, false},
        {"smarttrackers-app", 12, LegalBasis.CONTRACT, false},
        {"zendesk", 6, LegalBasis.CONTRACT, false},
        {"authy", 4, LegalBasis.CONTRACT, true},
        {"moneybird", 3, LegalBasis.LEGAL_OBLIGATION, true},
        {"visma-connect", 1, LegalBasis.CONTRACT, false},
    };

    private final Share signUp;
    private final Share[] byPercent = new Share[100];
    private final List<String> holders = new ArrayList<>();
    private final int people;
    private final int stride;
    private final SplittableRandom random;
    private final BitSet pairs;
    private int signedUp;
    private long index;
    private long repeatedPairs;

    private DemoMix(Catalog catalog, int people, int stride, int signedUp, long seed) {
        this.people = people;
        this.stride = Math.max(1, stride);
        this.signedUp = signedUp;
        this.random = new SplittableRandom(seed);
        this.signUp = share(catalog, "smarttrackers-app", LegalBasis.CONTRACT, true);
        int percent = 0;
        for (Object[] repeat : REPEATS) {
            Share share = share(catalog, (String) repeat[0], (LegalBasis) repeat[2], (Boolean) repeat[3]);
            holders.add(share.holder());
            for (int i = 0; i < (Integer) repeat[1]; i++) {
                byPercent[percent++] = share;
            }
        }
        if (percent != 100) {
            throw new IllegalStateException("the repeat weights add up to " + percent + ", not 100");
        }
        this.pairs = new BitSet(people * holders.size());
    }

    /** {@code events} events in which {@code people} people sign up, evenly spread, and come back. */
    static DemoMix fresh(Catalog catalog, int people, int events, long seed) {
        return new DemoMix(catalog, people, events / people, 0, seed);
    }

    /** Repeated traffic only, of {@code people} people who all signed up already (background load). */
    static DemoMix signedUp(Catalog catalog, int people, long seed) {
        return new DemoMix(catalog, people, Integer.MAX_VALUE, people, seed);
    }

    static String email(int person) {
        return "person" + person + "@bench.smarttrackers.example";
    }

    static String phone(int person) {
        return String.format(Locale.ROOT, "+316%08d", 20_000_000 + person);
    }

    Event next() {
        Event event;
        if (signedUp < people && (index % stride == 0 || signedUp == 0)) {
            event = new Event(signedUp++, signUp, true);
        } else {
            // Recent sign-ups are the most active; everyone signed up comes back now and then.
            int back = (int) Math.min(signedUp - 1, Math.abs(random.nextGaussian()) * signedUp / 3.0);
            event = new Event(signedUp - 1 - back, byPercent[random.nextInt(100)], false);
        }
        index++;
        int pair = event.person() * holders.size()
                + Math.max(0, holders.indexOf(event.share().holder()));
        if (pairs.get(pair)) {
            repeatedPairs++;
        } else {
            pairs.set(pair);
        }
        return event;
    }

    /** The share of events so far that repeat a (person, holder) pair shared before. */
    double repeatedShare() {
        return index == 0 ? 0 : repeatedPairs / (double) index;
    }

    /** How many people have signed up so far. */
    int signedUp() {
        return signedUp;
    }

    static EmitResult emit(WhereaboutsEmitter emitter, Event event) {
        Subject.Builder subject = Subject.email(email(event.person()));
        if (event.share().phone()) {
            subject.phone(phone(event.person()));
        }
        Share share = event.share();
        return emitter.shared(subject)
                .sourceSystem("smarttrackers-app")
                .categories(share.categories())
                .to(share.holder())
                .purpose(share.purpose())
                .legalBasis(share.basis())
                .emit();
    }

    private static Share share(Catalog catalog, String holderId, LegalBasis basis, boolean phone) {
        CatalogHolder holder = catalog.holder(holderId)
                .orElseThrow(() -> new IllegalStateException("the benchmark's demo mix names holder " + holderId
                        + ", which the seed catalog does not have"));
        return new Share(
                holder.id(), List.copyOf(holder.categories()), holder.purposes().get(0), basis, phone);
    }
}
