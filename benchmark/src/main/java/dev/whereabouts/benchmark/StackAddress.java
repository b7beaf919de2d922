package dev.whereabouts.benchmark;

import java.net.URI;

/**
 * Where a phase finds Kafka, the schema registry and Neo4j: an embedded stack the benchmark started
 * for the phase, or a running one given on the command line.
 *
 * @param bootstrapServers Kafka
 * @param registryUrl      the schema registry
 * @param boltUri          Neo4j over Bolt (null when a running stack was given without it)
 */
record StackAddress(String bootstrapServers, URI registryUrl, URI boltUri) {}
