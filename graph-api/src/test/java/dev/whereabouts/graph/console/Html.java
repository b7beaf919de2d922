package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the console's pages in HTTP-level tests: entities decoded, a table's rows, a link's target. */
final class Html {

    private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);

    private Html() {}

    /** The page with the entities the templates write decoded, so assertions read as the browser shows it. */
    static String decoded(String html) {
        return html.replace("&#x3D;", "=")
                .replace("&#x60;", "`")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The body rows of the (decoded) table with this class. */
    static List<String> rows(String html, String tableClass) {
        int start = html.indexOf("<table class=\"" + tableClass + "\"");
        assertThat(start).as("table " + tableClass).isGreaterThanOrEqualTo(0);
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>") + "<tbody>".length());
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(body);
        while (row.find()) {
            rows.add(row.group(0));
        }
        return rows;
    }

    /** The one row of the table that contains {@code marker}. */
    static String row(String html, String tableClass, String marker) {
        List<String> matching =
                rows(html, tableClass).stream().filter(r -> r.contains(marker)).toList();
        assertThat(matching).as("rows of " + tableClass + " with " + marker).hasSize(1);
        return matching.get(0);
    }

    /** The target of the link whose text is {@code text}, entities decoded. */
    static String link(String html, String text) {
        Matcher link = Pattern.compile("<a href=\"([^\"]*)\"[^>]*>" + Pattern.quote(text) + "</a>")
                .matcher(html);
        assertThat(link.find()).as("a link reading " + text).isTrue();
        return decoded(link.group(1));
    }
}
