package io.github.splice4j.eval;

import java.util.List;

/** A self-contained HTML page (inline CSS and SVG, no scripts or external files) that a person opens in a browser. */
public final class HtmlReport {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    /**
     * @param title the page title
     */
    public HtmlReport(String title) {
        this.title = title;
        body.append("<h1>").append(esc(title)).append("</h1>\n");
    }

    /**
     * @param text a section heading
     * @return this report
     */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    /**
     * @param text a paragraph (escaped)
     * @return this report
     */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /**
     * @param headers column headers
     * @param rows cells (escaped)
     * @return this report
     */
    public HtmlReport table(List<String> headers, List<List<String>> rows) {
        body.append("<table><tr>");
        headers.forEach(h -> body.append("<th>").append(esc(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(esc(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /**
     * @param svg an SVG document, embedded inline
     * @return this report
     */
    public HtmlReport figure(String svg) {
        body.append("<figure>").append(svg).append("</figure>\n");
        return this;
    }

    /** @return the HTML document */
    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                + "th{background:#f3f3f3}figure{margin:1em 0}</style></head>\n<body>\n" + body + "</body></html>\n";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
