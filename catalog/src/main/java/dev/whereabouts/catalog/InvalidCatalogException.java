package dev.whereabouts.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog file could not be loaded; carries every problem found, not just the first. */
public final class InvalidCatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Enough lines to see the pattern; the full list is in {@link #problems()}. */
    private static final int PROBLEMS_IN_MESSAGE = 20;

    private final transient List<CatalogProblem> problems;

    public InvalidCatalogException(List<CatalogProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order as far as it is known. */
    public List<CatalogProblem> problems() {
        return problems;
    }

    private static String message(List<CatalogProblem> problems) {
        String shown =
                problems.stream().limit(PROBLEMS_IN_MESSAGE).map(p -> "  " + p).collect(Collectors.joining("\n"));
        String more = problems.size() > PROBLEMS_IN_MESSAGE
                ? "\n  ... and " + (problems.size() - PROBLEMS_IN_MESSAGE) + " more"
                : "";
        return "invalid catalog, " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n" + shown
                + more;
    }
}
