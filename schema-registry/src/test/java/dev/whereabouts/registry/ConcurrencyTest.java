package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent clients: mutations are serialised, so ids and versions stay consistent. */
class ConcurrencyTest {

    static final int THREADS = 8;
    static final String USER = aRecord("User").field("name", "string").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void shouldYieldOneIdWhenSameSchemaRegisteredConcurrently() throws Exception {
        List<Integer> ids = concurrently(thread -> registry.client().register("users-value", USER));

        assertThat(new HashSet<>(ids)).containsExactly(1);
        assertJson(registry.client().get("/subjects/users-value/versions"), 200, "[1]");
    }

    @Test
    void shouldYieldOneIdWhenSameSchemaRegisteredConcurrentlyUnderManySubjects() throws Exception {
        List<Integer> ids = concurrently(thread -> registry.client().register("s" + thread, USER));

        assertThat(new HashSet<>(ids)).containsExactly(1);
        assertThat(registry.client().get("/schemas/ids/1/versions").json()).hasSize(THREADS);
    }

    @Test
    void shouldAssignDistinctIdsWhenDifferentSchemasRegisteredConcurrently() throws Exception {
        List<Integer> ids = concurrently(thread -> registry.client()
                .register(
                        "users-value",
                        aRecord("User")
                                .field("name", "string")
                                .field("f" + thread, "int", "0")
                                .build()));

        Set<Integer> expected = new HashSet<>();
        for (int id = 1; id <= THREADS; id++) {
            expected.add(id);
        }
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(registry.client().get("/subjects/users-value/versions").json())
                .hasSize(THREADS);
        registry.restart();
        for (int thread = 0; thread < THREADS; thread++) {
            assertThat(registry.client()
                            .register(
                                    "users-value",
                                    aRecord("User")
                                            .field("name", "string")
                                            .field("f" + thread, "int", "0")
                                            .build()))
                    .isEqualTo(ids.get(thread));
        }
    }

    /** Runs {@code task} once per thread, all released at the same moment. */
    private static List<Integer> concurrently(IntFunction<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int index = thread;
                Callable<Integer> call = () -> {
                    start.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
