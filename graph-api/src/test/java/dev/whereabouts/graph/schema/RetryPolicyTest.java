package dev.whereabouts.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

class RetryPolicyTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void shouldRetryTransientFailuresUntilTheWorkSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        String result = FAST.call(
                "write",
                () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "deadlock");
                    }
                    return "done";
                },
                retries::incrementAndGet);
        assertThat(result).isEqualTo("done");
        assertThat(retries).hasValue(2);
    }

    @Test
    void shouldGiveUpAfterTheBoundWithTheLastRetriableFailure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> FAST.call(
                        "write",
                        () -> {
                            attempts.incrementAndGet();
                            throw new ServiceUnavailableException("down");
                        },
                        () -> {}))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void shouldNotRetryAFailureThatIsTheRecordsFault() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> FAST.call(
                        "write",
                        () -> {
                            attempts.incrementAndGet();
                            throw new ClientException("Neo.ClientError.Schema.ConstraintValidationFailed", "violates");
                        },
                        () -> {}))
                .isInstanceOf(ClientException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldDoubleTheBackoffUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
