package dev.whereabouts.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one catalog file, each placed by its YAML path. */
final class Problems {

    private final String file;
    private final SourceMap source;
    private final List<CatalogProblem> problems = new ArrayList<>();

    Problems(String file, SourceMap source) {
        this.file = file;
        this.source = source;
    }

    /** A problem with the value at {@code path}. */
    void at(String path, String reason) {
        SourceMap.Position position = source.valueAt(path).orElse(new SourceMap.Position(0, 0));
        problems.add(new CatalogProblem(file, path, position.line(), position.column(), reason));
    }

    /** A problem with the key of {@code path} itself (an unknown key). */
    void atKey(String path, String reason) {
        SourceMap.Position position = source.keyAt(path).orElse(new SourceMap.Position(0, 0));
        problems.add(new CatalogProblem(file, path, position.line(), position.column(), reason));
    }

    void add(CatalogProblem problem) {
        problems.add(problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /** The problems in file order; those without a location last, in the order found. */
    List<CatalogProblem> list() {
        List<CatalogProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((CatalogProblem p) -> p.hasLocation() ? p.line() : Integer.MAX_VALUE)
                .thenComparingInt(CatalogProblem::column));
        return List.copyOf(sorted);
    }
}
