package io.github.splice4j.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, dependency-free SVG line chart: series of (x, y) points with markers and labels, optional
 * horizontal reference lines, linear or logarithmic x. Enough for sweep curves in reports.
 */
public final class SvgLineChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    private record Series(String name, double[] x, double[] y) {
    }

    private record Reference(String name, double y) {
    }

    /**
     * @param title the title
     * @param xLabel the x-axis label
     * @param yLabel the y-axis label
     * @param logX whether x is logarithmic
     */
    public SvgLineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    /**
     * @param name legend name
     * @param x x values
     * @param y y values
     * @return this chart
     */
    public SvgLineChart series(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /**
     * @param name legend name
     * @param y the level
     * @return this chart
     */
    public SvgLineChart reference(String name, double y) {
        references.add(new Reference(name, y));
        return this;
    }

    /** @return the SVG document */
    public String render() {
        int w = 640;
        int h = 400;
        int left = 70;
        int right = 170;
        int top = 40;
        int bottom = 55;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xMin = Math.min(xMin, tx(s.x[i]));
                xMax = Math.max(xMax, tx(s.x[i]));
                yMin = Math.min(yMin, s.y[i]);
                yMax = Math.max(yMax, s.y[i]);
            }
        }
        for (Reference r : references) {
            yMin = Math.min(yMin, r.y);
            yMax = Math.max(yMax, r.y);
        }
        if (!(xMax > xMin)) {
            xMin -= 1;
            xMax += 1;
        }
        double pad = Math.max(0.02, (yMax - yMin) * 0.1);
        yMin -= pad;
        yMax += pad;
        double fxMin = xMin;
        double fxMax = xMax;
        double fyMin = yMin;
        double fyMax = yMax;
        java.util.function.DoubleUnaryOperator px = v -> left + (tx(v) - fxMin) / (fxMax - fxMin) * (w - left - right);
        java.util.function.DoubleUnaryOperator py = v -> top + (fyMax - v) / (fyMax - fyMin) * (h - top - bottom);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", left,
                esc(title)));
        // axes and ticks
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left,
                h - bottom, w - right, h - bottom));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top,
                left, h - bottom));
        for (int t = 0; t <= 5; t++) {
            double yv = yMin + (yMax - yMin) * t / 5;
            double yy = py.applyAsDouble(yv);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left,
                    yy, w - right, yy));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3f</text>%n", left - 6,
                    yy + 4, yv));
            double xt = xMin + (xMax - xMin) * t / 5;
            double xv = logX ? Math.pow(10, xt) : xt;
            double xx = left + (xt - xMin) / (xMax - xMin) * (w - left - right);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xx,
                    h - bottom + 18, fmt(xv)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (left + w - right) / 2, h - 12, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", (top + h - bottom) / 2, (top + h - bottom) / 2, esc(yLabel)));
        int legend = top;
        for (int k = 0; k < references.size(); k++) {
            Reference r = references.get(k);
            String colour = "#555";
            double yy = py.applyAsDouble(r.y);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-dasharray=\"6 4\"/>%n", left, yy, w - right, yy, colour));
            legend = legendEntry(sb, w - right + 12, legend, colour, r.name + String.format(Locale.ROOT, " (%.3f)", r.y), true);
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x[i]), py.applyAsDouble(s.y[i])));
            }
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    pts.toString().strip(), colour));
            for (int i = 0; i < s.x.length; i++) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                        px.applyAsDouble(s.x[i]), py.applyAsDouble(s.y[i]), colour));
            }
            legend = legendEntry(sb, w - right + 12, legend, colour, s.name, false);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static int legendEntry(StringBuilder sb, int x, int y, String colour, String text, boolean dashed) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                x, y + 8, x + 18, y + 8, colour, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 24, y + 12, esc(text)));
        return y + 20;
    }

    private double tx(double v) {
        return logX ? Math.log10(Math.max(v, 1e-12)) : v;
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
