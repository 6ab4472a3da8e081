package dev.crier.audit.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a small bar chart, drawn by the template as inline SVG (no script, nothing to build): stacked
 * columns (one per category, one segment per series) or horizontal bars (one per category). Written here because a
 * chart library would bring a JavaScript build or a raster image; a screen reader gets the same numbers from the
 * table the page shows under each chart. Plain Java, whole pixels.
 */
public record BarChart(int width, int height, List<Bar> bars, List<Label> labels) {

    /** One rectangle; {@code title} is its tooltip (and what a pointer user hovers to read). */
    public record Bar(int x, int y, int width, int height, String fill, String title) {
    }

    /** One piece of text; {@code anchor} is the SVG text-anchor (start, middle, end). */
    public record Label(int x, int y, String text, String anchor) {
    }

    private static final int PLOT_HEIGHT = 160;
    private static final int BOTTOM = 40;
    private static final int LEFT = 40;
    private static final int TOP = 12;

    /**
     * Columns for {@code categories}, each stacking {@code values[category][series]} in the order of {@code series}
     * with the colours {@code fills}; the axis shows 0 and the tallest column's total.
     */
    public static BarChart stacked(List<String> categories, List<String> series, List<String> fills, long[][] values) {
        long max = 1;
        for (long[] column : values) {
            long total = 0;
            for (long v : column) {
                total += v;
            }
            max = Math.max(max, total);
        }
        int step = Math.max(14, Math.min(48, 560 / Math.max(1, categories.size())));
        int barWidth = Math.max(8, step * 2 / 3);
        int width = LEFT + step * Math.max(1, categories.size()) + 8;
        int baseline = TOP + PLOT_HEIGHT;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        labels.add(new Label(LEFT - 6, baseline, "0", "end"));
        labels.add(new Label(LEFT - 6, TOP + 10, Long.toString(max), "end"));
        int every = Math.max(1, (categories.size() + 5) / 6);
        for (int c = 0; c < categories.size(); c++) {
            int x = LEFT + c * step + (step - barWidth) / 2;
            int top = baseline;
            for (int s = 0; s < series.size(); s++) {
                long v = values[c][s];
                if (v == 0) {
                    continue;
                }
                int h = (int) Math.max(1, Math.round((double) v * PLOT_HEIGHT / max));
                top -= h;
                bars.add(new Bar(x, top, barWidth, h, fills.get(s), categories.get(c) + ": " + v + " " + series.get(s)));
            }
            if (c % every == 0 || c == categories.size() - 1) {
                labels.add(new Label(x + barWidth / 2, baseline + 16, categories.get(c), "middle"));
            }
        }
        bars.add(0, new Bar(LEFT, baseline, width - LEFT, 1, "#4a4a4a", "axis"));
        return new BarChart(width, baseline + BOTTOM - 16, List.copyOf(bars), List.copyOf(labels));
    }

    /** One horizontal bar per category, the longest the largest value, each labelled with its name and value. */
    public static BarChart horizontal(List<String> categories, long[] values, String fill) {
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        int labelWidth = 180;
        int plot = 360;
        int row = 24;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            int y = TOP + c * row;
            int w = (int) Math.max(1, Math.round((double) values[c] * plot / max));
            labels.add(new Label(labelWidth - 8, y + 15, categories.get(c), "end"));
            bars.add(new Bar(labelWidth, y + 3, w, row - 8, fill, categories.get(c) + ": " + values[c]));
            labels.add(new Label(labelWidth + w + 6, y + 15, Long.toString(values[c]), "start"));
        }
        return new BarChart(labelWidth + plot + 60, TOP * 2 + row * Math.max(1, categories.size()), List.copyOf(bars),
                List.copyOf(labels));
    }
}
