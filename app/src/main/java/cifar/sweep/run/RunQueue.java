package cifar.sweep.run;

import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.store.RunRecord;
import cifar.training.RunEstimator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where a sweep's workers take their runs from, one at a time, and where they report each run's
 * record. The runs of a grid are known in advance ({@link #of}); a search's scheduler decides
 * the next run from the records so far, and may make a worker wait for one
 * ({@code cifar.search.run.AshaQueue}).
 */
public interface RunQueue {
  /** The next run to train, waiting while none can be given yet; null when none is left. */
  PlannedRun take() throws InterruptedException;

  /** Told that a run taken from here has ended and its record is stored. */
  void finished(PlannedRun run, RunRecord record);

  /** Hands out nothing more (something stopped the sweep) and wakes workers waiting in take. */
  void close();

  /**
   * The given runs in order, each once, until one would not end within {@code limit} by the
   * estimates of {@code estimator}.
   */
  static RunQueue of(List<PlannedRun> runs, TimeLimit limit, RunEstimator estimator) {
    ConcurrentLinkedQueue<PlannedRun> queue = new ConcurrentLinkedQueue<>(runs);
    return new RunQueue() {
      private volatile boolean closed;

      @Override
      public synchronized PlannedRun take() {
        PlannedRun next = queue.peek();
        if (closed || next == null) {
          return null;
        }
        if (!limit.fits(LongestFirst.seconds(next.config(), estimator))) {
          closed = true;
          return null;
        }
        return queue.poll();
      }

      @Override
      public void finished(PlannedRun run, RunRecord record) {
        limit.observe(LongestFirst.seconds(run.config(), estimator), record.wallSeconds());
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
