package io.blurfilter.cli.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts: the score histogram with the threshold marked, and the ROC curve. */
final class Charts {
    private Charts() {}

    static String histogram(long[] bins, double threshold) {
        int width = 640;
        int height = 220;
        int left = 44;
        int bottom = 28;
        int plotW = width - left - 10;
        int plotH = height - bottom - 12;
        long max = 1;
        for (long b : bins) {
            max = Math.max(max, b);
        }
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"histogram of blur scores\">", width, height, width, height));
        svg.append(f("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", width, height));
        double barW = (double) plotW / bins.length;
        for (int i = 0; i < bins.length; i++) {
            double h = (double) bins[i] / max * plotH;
            double x = left + i * barW;
            boolean blurred = (i + 0.5) / bins.length >= threshold;
            svg.append(f("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%.2f-%.2f: %d</title></rect>", x + 1, 12 + plotH - h, barW - 2, h,
                    blurred ? "#d9534f" : "#4a90d9", (double) i / bins.length, (double) (i + 1) / bins.length,
                    bins[i]));
        }
        axis(svg, left, 12, plotW, plotH);
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%d</text>", left - 4, 20, max));
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">0</text>", left - 4, 12 + plotH));
        for (int t = 0; t <= 10; t += 2) {
            svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.1f</text>",
                    left + plotW * t / 10.0, height - 10, t / 10.0));
        }
        double tx = left + plotW * threshold;
        svg.append(f("<line class=\"threshold\" x1=\"%.1f\" y1=\"8\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\""
                + " stroke-width=\"2\" stroke-dasharray=\"5,3\"/>", tx, tx, 12 + plotH));
        svg.append(f("<text x=\"%.1f\" y=\"10\" font-size=\"11\" dx=\"4\">threshold %s</text>", tx,
                trim(threshold)));
        return svg.append("</svg>").toString();
    }

    static String roc(List<double[]> points, double auc) {
        int size = 320;
        int margin = 36;
        int plot = size - 2 * margin;
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"ROC curve\">", size, size, size, size));
        svg.append(f("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", size, size));
        axis(svg, margin, margin, plot, plot);
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4,4\"/>",
                margin, margin + plot, margin + plot, margin));
        StringBuilder pts = new StringBuilder();
        for (double[] p : points) {
            pts.append(f("%.2f,%.2f ", margin + p[0] * plot, margin + plot - p[1] * plot));
        }
        svg.append("<polyline class=\"roc\" fill=\"none\" stroke=\"#d9534f\" stroke-width=\"2\" points=\"")
                .append(pts.toString().trim()).append("\"/>");
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">false positive rate</text>",
                margin + plot / 2, size - 6));
        svg.append(f("<text x=\"12\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">"
                + "true positive rate</text>", margin + plot / 2, margin + plot / 2));
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">AUC %.4f</text>",
                margin + plot - 4, margin + plot - 8, auc));
        return svg.append("</svg>").toString();
    }

    private static void axis(StringBuilder svg, int x, int y, int w, int h) {
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x, y + h, x + w, y + h));
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x, y, x, y + h));
    }

    static String trim(double v) {
        String s = f("%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
