package io.github.splice4j.cli;

import io.github.splice4j.ProgressListener;

/** Progress on standard error, at most about once a second, and always at the end. */
final class StderrProgress implements ProgressListener {
    private final String what;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    StderrProgress(String what) {
        this.what = what;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        String pct = total > 0 ? String.format(" (%.1f%%)", 100.0 * done / total) : "";
        System.err.printf("%s: %d/%d%s, %.1f s, %.0f/s%n", what, done, total, pct, seconds,
                seconds > 0 ? done / seconds : 0.0);
    }
}
