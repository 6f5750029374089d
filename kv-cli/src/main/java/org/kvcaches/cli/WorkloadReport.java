package org.kvcaches.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a measured workload ({@code bench} or {@code stats}): throughput and latency
 * percentiles per kind of operation, and what each tier of the store did, as a table or as JSON.
 */
final class WorkloadReport {
    private final String command;
    private final String store;
    private final String workloadText;
    private final Map<String, Object> workload;
    private final double seconds;
    private final Map<String, LatencyRecorder> operations;
    private final long notFound;
    private final List<Map<String, Object>> tiers;

    /**
     * @param command the command that ran ({@code bench}, {@code stats})
     * @param store the store's description
     * @param workloadText the workload in one human line
     * @param workload the workload's parameters for JSON
     * @param seconds how long the measured part took
     * @param operations a latency recorder per kind of operation, in display order
     * @param notFound reads that found no value
     * @param tiers {@link Tiers#report} rows
     */
    WorkloadReport(String command, String store, String workloadText, Map<String, Object> workload, double seconds,
                   Map<String, LatencyRecorder> operations, long notFound, List<Map<String, Object>> tiers) {
        this.command = command;
        this.store = store;
        this.workloadText = workloadText;
        this.workload = workload;
        this.seconds = seconds;
        this.operations = operations;
        this.notFound = notFound;
        this.tiers = tiers;
    }

    private LatencyRecorder total() {
        LatencyRecorder all = new LatencyRecorder();
        operations.values().forEach(all::add);
        return all;
    }

    private double perSecond(long count) {
        return seconds > 0 ? count / seconds : 0;
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("store", store);
        root.put("workload", workload);
        root.put("seconds", seconds);
        LatencyRecorder total = total();
        root.put("operations", total.count());
        root.put("opsPerSecond", perSecond(total.count()));
        root.put("notFound", notFound);
        Map<String, Object> ops = new LinkedHashMap<>();
        operations.forEach((name, recorder) -> ops.put(name, latency(recorder)));
        ops.put("total", latency(total));
        root.put("latency", ops);
        root.put("tiers", tiers);
        return root;
    }

    private Map<String, Object> latency(LatencyRecorder recorder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", recorder.count());
        m.put("opsPerSecond", perSecond(recorder.count()));
        m.put("meanNs", recorder.mean());
        m.put("p50Ns", recorder.percentile(0.50));
        m.put("p99Ns", recorder.percentile(0.99));
        m.put("p999Ns", recorder.percentile(0.999));
        m.put("maxNs", recorder.max());
        return m;
    }

    void printText(PrintStream out) {
        out.println("store     " + store);
        out.println("workload  " + workloadText);
        out.printf(Locale.ROOT, "measured  %.1f s%s%n", seconds, notFound > 0 ? ", " + Units.count(notFound) + " reads found no value" : "");
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"op", "count", "ops/s", "mean", "p50", "p99", "p99.9", "max"});
        Map<String, LatencyRecorder> shown = new LinkedHashMap<>(operations);
        shown.values().removeIf(r -> r.count() == 0);
        if (shown.size() > 1 || shown.isEmpty()) {
            shown.put("total", total());
        }
        shown.forEach((name, r) -> rows.add(new String[] {name, Units.count(r.count()), Units.rate(perSecond(r.count())),
            Units.nanos(r.mean()), Units.nanos(r.percentile(0.50)), Units.nanos(r.percentile(0.99)),
            Units.nanos(r.percentile(0.999)), Units.nanos(r.max())}));
        table(out, rows, 1);
        out.println();
        boolean chain = tiers.size() > 1;
        List<String[]> tierRows = new ArrayList<>();
        tierRows.add(chain ? new String[] {"tier", "store", "reads", "hits", "hit ratio", "fills", "errors"}
                : new String[] {"tier", "store", "reads"});
        for (Map<String, Object> tier : tiers) {
            boolean cache = "cache".equals(tier.get("role"));
            Object ratio = tier.get("hitRatio");
            String[] row = {String.valueOf(tier.get("tier")),
                (String) tier.get("store") + (cache ? "" : "  (authoritative)"),
                Units.count((Long) tier.get("reads")),
                cache ? Units.count((Long) tier.get("hits")) : "",
                cache ? (ratio == null ? "-" : Units.percent((Double) ratio)) : "",
                cache ? Units.count((Long) tier.get("fills")) : "",
                cache ? Units.count((Long) tier.get("errors")) : ""};
            tierRows.add(chain ? row : java.util.Arrays.copyOf(row, 3));
        }
        table(out, tierRows, 2);
        for (Map<String, Object> tier : tiers) {
            if ("cache".equals(tier.get("role"))) {
                out.println("tier " + tier.get("tier") + ": consistency probe " + tier.get("probe") + "; breaker "
                        + String.valueOf(tier.get("breaker")).toLowerCase(java.util.Locale.ROOT) + " (opened " + tier.get("breakerOpened")
                        + " times, " + tier.get("deadlineFallbacks") + " reads past the read deadline); " + tier.get("peerInvalidations") + " keys invalidated by other processes, "
                        + tier.get("linkLosses") + " notification link losses");
            }
        }
        out.flush();
    }

    /** Left-aligns the first {@code textColumns} columns of a table, right-aligns the numbers. */
    private static void table(PrintStream out, List<String[]> rows, int textColumns) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c < textColumns ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
