package dev.whereabouts.graph.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset pagination for every list: {@code limit} (1 to {@value #MAX_LIMIT}, default {@value
 * #DEFAULT_LIMIT}) and an opaque {@code cursor} from the previous page's {@code nextCursor}. The
 * cursor is the sort key of the last item (base64url of a JSON array), so pages stay stable while
 * new items arrive. Lists computed in memory (the drift report) use {@code offset} instead.
 */
public final class Pagination {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One page of a list.
     *
     * @param items      the items
     * @param nextCursor where the next page starts; null on the last page
     * @param limit      the page size asked for
     */
    public record Page<T>(List<T> items, String nextCursor, int limit) {}

    /**
     * What the client asked for.
     *
     * @param limit  page size
     * @param cursor the decoded sort key of the previous page's last item
     */
    public record PageRequest(int limit, Optional<List<String>> cursor) {

        /** Cursor part {@code i}, e.g. the id of the last item. */
        public Optional<String> key(int i) {
            return cursor.map(c -> c.get(i));
        }

        /** Cursor part {@code i} as a number (for timestamp sort keys). */
        public Optional<Long> number(int i) {
            return key(i).map(Long::parseLong);
        }

        /** Cursor part {@code i} as a number; 400 naming the cursor when it is not one. */
        public Optional<Long> numberOrBadCursor(int i) {
            try {
                return number(i);
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter(
                        "cursor", "is not a cursor of this list; pass nextCursor of the previous page");
            }
        }
    }

    private Pagination() {}

    /** Reads {@code limit} and {@code cursor}; 400 naming the parameter when bad. */
    public static PageRequest from(Request request, int cursorParts) {
        int limit = request.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<String> raw = request.query("cursor");
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return new PageRequest(limit, Optional.empty());
        }
        return new PageRequest(limit, Optional.of(decode(raw.get(), cursorParts)));
    }

    /** Reads {@code offset} (0 to 1,000,000, default 0). */
    public static int offset(Request request) {
        return request.queryInt("offset", 0, 0, 1_000_000);
    }

    static List<String> decode(String cursor, int parts) {
        try {
            List<String> decoded =
                    JSON.readValue(Base64.getUrlDecoder().decode(cursor), new TypeReference<List<String>>() {});
            if (decoded.size() != parts || decoded.stream().anyMatch(p -> p == null)) {
                throw ProblemException.badParameter(
                        "cursor", "is not a cursor of this list; pass nextCursor of the previous page");
            }
            return decoded;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ProblemException.badParameter(
                    "cursor", "is not a cursor of this list; pass nextCursor of the previous page");
        }
    }

    public static String encode(List<String> parts) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(JSON.writeValueAsString(parts).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The page from items fetched with {@code limit + 1}: the extra item only says there is more.
     *
     * @param sortKey the sort key of an item, which becomes the next cursor
     */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, List<String>> sortKey) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null, limit);
        }
        List<T> items = new ArrayList<>(fetched.subList(0, limit));
        return new Page<>(items, encode(sortKey.apply(items.get(limit - 1))), limit);
    }

    /** A page of an in-memory list by offset; {@code nextCursor} holds the next offset as text. */
    public static <T> Page<T> offsetPage(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = Math.min(from + limit, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null, limit);
    }
}
