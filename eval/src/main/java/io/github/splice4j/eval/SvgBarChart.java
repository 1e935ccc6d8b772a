package io.github.splice4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A grouped bar chart with interval whiskers, as SVG: e.g. per-group accuracy before and after an intervention. */
public final class SvgBarChart {
    private static final String[] COLOURS = {"#7f7f7f", "#1f77b4", "#d62728", "#2ca02c"};
    private final String title;
    private final String yLabel;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, double[] values, double[] low, double[] high) {
    }

    /**
     * @param title the title
     * @param yLabel the y-axis label
     * @param categories the bar groups, left to right
     */
    public SvgBarChart(String title, String yLabel, List<String> categories) {
        this.title = title;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
    }

    /**
     * @param name legend name
     * @param values one value per category (0–1)
     * @param low interval lower ends (NaN for none)
     * @param high interval upper ends
     * @return this chart
     */
    public SvgBarChart series(String name, double[] values, double[] low, double[] high) {
        series.add(new Series(name, values.clone(), low.clone(), high.clone()));
        return this;
    }

    /** @return the SVG document */
    public String render() {
        int w = Math.max(560, 110 * categories.size() + 300);
        int h = 360;
        int left = 60;
        int right = 240;
        int top = 40;
        int bottom = 70;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h, w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", left,
                esc(title)));
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            double y = top + plotH * (1 - v);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", left, y, left + plotW, y, left - 6, y + 4, v));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" "
                + "text-anchor=\"middle\">%s</text>%n", top + plotH / 2, top + plotH / 2, esc(yLabel)));
        double slot = plotW / categories.size();
        double bar = Math.min(40, (slot - 16) / Math.max(1, series.size()));
        for (int c = 0; c < categories.size(); c++) {
            double x0 = left + slot * c + (slot - bar * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                Series se = series.get(s);
                double v = se.values[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                double x = x0 + s * bar;
                double y = top + plotH * (1 - v);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        x, y, bar - 2, plotH * v, COLOURS[s % COLOURS.length]));
                if (!Double.isNaN(se.low[c])) {
                    double cx = x + (bar - 2) / 2;
                    double yl = top + plotH * (1 - se.low[c]);
                    double yh = top + plotH * (1 - se.high[c]);
                    sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
                            cx, yl, cx, yh, cx - 4, yl, cx + 4, yl, cx - 4, yh, cx + 4, yh));
                }
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%.2f</text>%n",
                        x + (bar - 2) / 2, y - 3, v));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    left + slot * c + slot / 2, top + plotH + 18, esc(categories.get(c))));
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n", left,
                top + plotH, left + plotW, top + plotH));
        for (int s = 0; s < series.size(); s++) {
            double y = top + 20 * s;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", left + plotW + 16, y, COLOURS[s % COLOURS.length],
                    left + plotW + 36, y + 12, esc(series.get(s).name)));
        }
        return sb.append("</svg>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
