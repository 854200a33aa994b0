package cifar.sweep.run;

import cifar.sweep.plan.LongestFirst;
import java.util.function.LongSupplier;

/**
 * A wall-time budget for a search ({@code sweep --time-limit}): a run starts only when its
 * training is expected to end within the limit, so the search ends by then rather than start a
 * run it cannot finish (runs in flight finish; a rerun continues the search). A run is expected
 * to take {@link LongestFirst}'s estimate times how much longer than estimated this process's
 * runs have taken so far (the machine may be busier, or the runs share its memory bandwidth).
 */
public final class TimeLimit {
  /** No limit. */
  public static final TimeLimit NONE = new TimeLimit(Long.MAX_VALUE, () -> 0);

  private final long endNanos;
  private final LongSupplier nanos;
  private double estimated;
  private double taken;
  private boolean reached;

  private TimeLimit(long endNanos, LongSupplier nanos) {
    this.endNanos = endNanos;
    this.nanos = nanos;
  }

  /** A limit {@code minutes} from now on the clock {@code nanos}. */
  public static TimeLimit minutes(double minutes, LongSupplier nanos) {
    return new TimeLimit(nanos.getAsLong() + (long) (minutes * 60e9), nanos);
  }

  /** Whether a run estimated at {@code seconds} is expected to end within the limit. */
  public synchronized boolean fits(double seconds) {
    if (endNanos == Long.MAX_VALUE) {
      return true;
    }
    double slower = estimated > 0 ? taken / estimated : 1;
    boolean fits = nanos.getAsLong() + seconds * slower * 1e9 <= endNanos;
    reached |= !fits;
    return fits;
  }

  /** A run estimated at {@code estimatedSeconds} took {@code seconds}. */
  public synchronized void observe(double estimatedSeconds, double seconds) {
    if (estimatedSeconds > 0 && Double.isFinite(seconds)) {
      estimated += estimatedSeconds;
      taken += seconds;
    }
  }

  /** Whether the limit has kept a run from starting. */
  public synchronized boolean reached() {
    return reached;
  }
}
