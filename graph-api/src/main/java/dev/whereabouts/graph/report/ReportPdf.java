package dev.whereabouts.graph.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The person's report as PDF: the same XHTML page ({@link PersonReportHtml}) laid out by
 * openhtmltopdf. Only the PDF's built-in fonts are used, so nothing is read from the network or the
 * machine's font folders; the route arrow, which they lack, is written {@code >}.
 */
public final class ReportPdf {

    /** Between the hops of a route in the PDF. */
    static final String ARROW = " > ";

    private ReportPdf() {}

    /** The report in the context's language, as PDF bytes. */
    public static byte[] render(AccessReport report, ReportContext context) {
        return fromXhtml(PersonReportHtml.render(report, context, ARROW));
    }

    /** Lays out a well-formed XHTML page. */
    static byte[] fromXhtml(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
