package cifar.sweep.run;

import cifar.sweep.Durations;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.store.RunRecord;
import cifar.training.EpochMetrics;
import cifar.training.RunEstimator;
import cifar.training.RunStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Progress of a whole sweep: runs done out of the total, the runs training now with their epoch,
 * and an estimate of the time left. A line for every finished run; in between, a status line
 * that a terminal overwrites in place and a log (not a terminal) gets every few seconds.
 *
 * <p>The estimate counts work: each epoch weighs what {@link LongestFirst#seconds} expects it to
 * take (a batch-32 epoch is lighter than a batch-4 one, a wide net's heavier), and the time left
 * is the time so far per unit of work done, times the work left. Weighting matters because a
 * parallel sweep trains its longest runs first: counting bare epochs would overestimate then.
 */
public final class SweepProgress {
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanos;
  private final long start;
  private final int total;
  private final int skipped;
  private final RunEstimator estimator;
  private final double workToTrain;
  private final Map<String, String> running = new ConcurrentHashMap<>();
  private final Map<String, Double> workOfRunning = new ConcurrentHashMap<>();
  private int finished;
  private double workFinished;

  /**
   * @param total runs in this shard of the sweep
   * @param skipped runs of it that already have a record
   * @param toTrain the runs still to train (with a group of seeds trained again as a whole,
   *     its members that keep their records too)
   * @param estimator what weighs their epochs
   */
  public SweepProgress(PrintStream out, boolean terminal, LongSupplier nanos, int total,
      int skipped, List<PlannedRun> toTrain, RunEstimator estimator) {
    this.out = out;
    this.terminal = terminal;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.total = total;
    this.skipped = skipped;
    this.estimator = estimator;
    this.workToTrain = toTrain.stream().mapToDouble(this::seconds).sum();
  }

  public void started(PlannedRun run) {
    running.put(run.id(), label(run) + " (epoch 0/" + run.config().epochs() + ")");
    workOfRunning.put(run.id(), 0.0);
  }

  public void epoch(PlannedRun run, EpochMetrics m) {
    running.put(run.id(), label(run) + " (epoch " + m.epoch() + "/" + run.config().epochs() + ")");
    workOfRunning.put(run.id(), m.epoch() * seconds(run) / run.config().epochs());
  }

  /** Prints the finished run's line. */
  public synchronized void finished(PlannedRun run, RunRecord r) {
    running.remove(run.id());
    workOfRunning.remove(run.id());
    finished++;
    workFinished += seconds(run);
    // a search ranks on the held-out images: that is the accuracy to show
    String accuracy = r.validationAccuracy() != null
        ? String.format(Locale.ROOT, "%.1f%% validation accuracy", 100 * r.validationAccuracy())
        : String.format(Locale.ROOT, "%.1f%% test accuracy", 100 * r.testAccuracy());
    String what = r.status() == RunStatus.FAILED
        ? "FAILED: " + r.error() + (r.log() == null ? "" : " (stack trace in " + r.log() + ")")
        : accuracy + ", " + Durations.format(r.wallSeconds())
            + (r.status() == RunStatus.DIVERGED ? ", DIVERGED: " + r.error() : "");
    clearLine();
    out.printf(Locale.ROOT, "[%d/%d] %s %s: %s%n", skipped + finished, total, r.id(), label(run), what);
    out.flush();
  }

  /**
   * A run that trained again with its group of seeds but keeps the record it had: it leaves the
   * status line and counts as work done, but not as a run finished: the runs done are those
   * recorded.
   */
  public synchronized void kept(PlannedRun run) {
    running.remove(run.id());
    workOfRunning.remove(run.id());
    workFinished += seconds(run);
    clearLine();
    out.printf(Locale.ROOT, "      %s %s: trained again with its stack, its record kept%n",
        run.id(), label(run));
    out.flush();
  }

  /** Prints the status line (called every second or so by a timer). */
  public synchronized void tick() {
    if (terminal) {
      out.print("\r\033[K" + statusLine());
    } else {
      out.println(statusLine());
    }
    out.flush();
  }

  /** Ends the status line on a terminal. */
  public synchronized void close() {
    clearLine();
    out.flush();
  }

  /** "3/11 runs done (2 skipped), training: a seed 1 (epoch 2/5); 5m12s elapsed, about 14m left". */
  synchronized String statusLine() {
    double elapsed = (nanos.getAsLong() - start) / 1e9;
    double trained = workFinished + workOfRunning.values().stream().mapToDouble(Double::doubleValue).sum();
    String eta = trained == 0 ? "time left unknown yet"
        : "about " + Durations.format(elapsed / trained * Math.max(0, workToTrain - trained)) + " left";
    String now = running.isEmpty() ? "" : ", training: "
        + running.values().stream().sorted().collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "sweep: %d/%d runs done%s%s; %s elapsed, %s",
        skipped + finished, total, skipped > 0 ? " (" + skipped + " from earlier)" : "", now,
        Durations.format(elapsed), eta);
  }

  private double seconds(PlannedRun run) {
    return LongestFirst.seconds(run.config(), estimator);
  }

  /** "baseline seed 2"; an ASHA trial's run by its rung: "trial-007 to 3 epochs". */
  private static String label(PlannedRun run) {
    return run.trial() != null ? run.name() + " to " + run.config().epochs() + " epochs"
        : run.name() + " seed " + run.seed();
  }

  private void clearLine() {
    if (terminal) {
      out.print("\r\033[K");
    }
  }
}
