package dev.whereabouts.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;

/** Neo4j Community with Bolt, in a child JVM; readiness is a Cypher round trip over Bolt. */
final class Neo4jNodeProcess extends SupervisedNode {

    private final StackConfig config;

    Neo4jNodeProcess(StackConfig config, StackListener listener) {
        super("neo4j", listener, config.startTimeout());
        this.config = config;
    }

    URI boltUri() {
        return URI.create("bolt://" + config.host() + ":" + config.boltPort());
    }

    @Override
    String mainClass() {
        return "dev.whereabouts.stack.neo4j.Neo4jNode";
    }

    @Override
    String classpathName() {
        return "neo4j-node";
    }

    @Override
    List<String> jvmOptions() {
        return List.of(
                "-Xms256m",
                "-Xmx" + config.neo4jHeapMb() + "m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                // Neo4j reaches into the JDK for off-heap memory and fast I/O.
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+DebugNonSafepoints");
    }

    @Override
    List<String> arguments() {
        return List.of(
                config.dataDirectory().resolve("neo4j").toString(),
                config.host(),
                Integer.toString(config.boltPort()),
                Integer.toString(config.neo4jPageCacheMb()));
    }

    @Override
    Path logFile() {
        return config.dataDirectory().resolve("logs").resolve("neo4j.log");
    }

    @Override
    void awaitReady(Instant deadline, ChildJvm child) throws InterruptedException {
        Config driverConfig = Config.builder()
                .withLogging(Logging.none())
                .withConnectionTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .build();
        try (Driver driver = GraphDatabase.driver(boltUri(), AuthTokens.none(), driverConfig)) {
            while (true) {
                checkAlive(child);
                checkDeadline(deadline, child, "no Bolt answer on " + boltUri());
                try {
                    driver.executableQuery("RETURN 1").execute();
                    return;
                } catch (RuntimeException notYet) {
                    Thread.sleep(250);
                }
            }
        }
    }
}
