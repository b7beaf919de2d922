package dev.whereabouts.emitter;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The person an event is about, by every identifier the calling service knows:
 * {@code Subject.email("Alice@Example.com").phone("+31 6 1234 5678").accountId("42")}.
 *
 * <p>A subject is a short-lived value on the caller's stack. It holds the values as given only
 * until the emitter pseudonymises them inside {@link WhereaboutsEmitter#shared(Subject)} (and its
 * siblings); from then on the emitter keeps pseudonyms only, and nothing raw is ever queued, sent,
 * logged or put into an exception. {@link #toString()} shows identifier types, never values.
 * Invalid values are not rejected here: the emit reports them, so building a subject never throws.
 *
 * <p>The static methods start a subject, the {@link Builder}'s methods of the same names add
 * identifiers to it. Identifiers given together belong to the same person: that is how the
 * platform learns that an email address and an account id are one subject.
 *
 * <p>A relay that pseudonymised identifiers at its own edge (the HTTP ingest service decodes a
 * request once) hands them on with {@link #pseudonymised(List)} instead of raw values.
 */
public sealed interface Subject permits Subject.Builder, Subject.Pseudonymised {

    /** A subject known by an email address. */
    static Builder email(String email) {
        return new Builder().email(email);
    }

    /** A subject known by a phone number, international or national (see the normalisation rules). */
    static Builder phone(String phone) {
        return new Builder().phone(phone);
    }

    /** A subject known by an account id in the calling service. */
    static Builder accountId(String accountId) {
        return new Builder().accountId(accountId);
    }

    /** A subject known by a customer number. */
    static Builder customerId(String customerId) {
        return new Builder().customerId(customerId);
    }

    /** A subject known by a device id. */
    static Builder deviceId(String deviceId) {
        return new Builder().deviceId(deviceId);
    }

    /** A subject known by a cookie id. */
    static Builder cookieId(String cookieId) {
        return new Builder().cookieId(cookieId);
    }

    /** A subject known by an identifier of another kind. */
    static Builder other(String value) {
        return new Builder().other(value);
    }

    /** A subject known by an identifier of the given type. */
    static Builder of(IdentifierType type, String value) {
        return new Builder().identifier(type, value);
    }

    /**
     * A subject already pseudonymised with the emitter's key ring (same keys, current key), as a
     * relay does at its edge; the emit reports identifiers made with another key.
     */
    static Pseudonymised pseudonymised(List<SubjectIdentifier> identifiers) {
        return new Pseudonymised(List.copyOf(identifiers));
    }

    /** The identifier types given, in the order given; never their values. */
    List<IdentifierType> types();

    /**
     * A subject under construction; each method adds one identifier and returns the same
     * builder. Not thread-safe, and not meant to be kept: build it where the event is emitted.
     */
    final class Builder implements Subject {

        private IdentifierType[] types = new IdentifierType[3];
        private String[] values = new String[3];
        private int size;

        Builder() {}

        /** Adds an email address. */
        public Builder email(String email) {
            return identifier(IdentifierType.EMAIL, email);
        }

        /** Adds a phone number. */
        public Builder phone(String phone) {
            return identifier(IdentifierType.PHONE, phone);
        }

        /** Adds an account id. */
        public Builder accountId(String accountId) {
            return identifier(IdentifierType.ACCOUNT_ID, accountId);
        }

        /** Adds a customer number. */
        public Builder customerId(String customerId) {
            return identifier(IdentifierType.CUSTOMER_ID, customerId);
        }

        /** Adds a device id. */
        public Builder deviceId(String deviceId) {
            return identifier(IdentifierType.DEVICE_ID, deviceId);
        }

        /** Adds a cookie id. */
        public Builder cookieId(String cookieId) {
            return identifier(IdentifierType.COOKIE_ID, cookieId);
        }

        /** Adds an identifier of another kind. */
        public Builder other(String value) {
            return identifier(IdentifierType.OTHER, value);
        }

        /** Adds an identifier of the given type; a {@code null} type is reported when emitting. */
        public Builder identifier(IdentifierType type, String value) {
            if (size == types.length) {
                types = Arrays.copyOf(types, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            types[size] = type;
            values[size] = value;
            size++;
            return this;
        }

        @Override
        public List<IdentifierType> types() {
            List<IdentifierType> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(types[i]);
            }
            return list;
        }

        int size() {
            return size;
        }

        IdentifierType typeAt(int index) {
            return types[index];
        }

        String valueAt(int index) {
            return values[index];
        }

        /** Identifier types only: a subject's values must never reach a log line. */
        @Override
        public String toString() {
            return "Subject" + types();
        }
    }

    /**
     * Identifiers pseudonymised before they reached the emitter; see {@link #pseudonymised(List)}.
     *
     * @param identifiers pseudonyms with their type and key id
     */
    record Pseudonymised(List<SubjectIdentifier> identifiers) implements Subject {

        @Override
        public List<IdentifierType> types() {
            return identifiers.stream().map(SubjectIdentifier::getType).toList();
        }

        /** Identifier types only, like {@link Builder#toString()}. */
        @Override
        public String toString() {
            return "Subject" + types();
        }
    }
}
