package cifar.sweep.run;

import cifar.sweep.store.RunRecord;
import cifar.training.RunEstimator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where a sweep's workers take what they train from, one {@link Task} at a time (a group of
 * seeds or a run), and where they report its records. The tasks of a grid are known in advance
 * ({@link #of}); a search's scheduler decides the next run from the records so far, and may make
 * a worker wait for one ({@code cifar.search.run.AshaQueue}).
 */
public interface RunQueue {
  /** The next task to train, waiting while none can be given yet; null when none is left. */
  Task take() throws InterruptedException;

  /** Told that a task taken from here has ended and its records (of {@code task.toRecord()}) are stored. */
  void finished(Task task, List<RunRecord> records);

  /** Hands out nothing more (something stopped the sweep) and wakes workers waiting in take. */
  void close();

  /**
   * The given tasks in order, each once, until one would not end within {@code limit} by the
   * estimates of {@code estimator} ({@link Task#seconds}: a group counts as all its runs).
   */
  static RunQueue of(List<Task> tasks, TimeLimit limit, RunEstimator estimator) {
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    return new RunQueue() {
      private volatile boolean closed;

      @Override
      public synchronized Task take() {
        Task next = queue.peek();
        if (closed || next == null) {
          return null;
        }
        if (!limit.fits(next.seconds(estimator))) {
          closed = true;
          return null;
        }
        return queue.poll();
      }

      @Override
      public void finished(Task task, List<RunRecord> records) {
        // a stacked group's members train at once: the group took as long as its longest record
        limit.observe(task.seconds(estimator),
            records.stream().mapToDouble(RunRecord::wallSeconds).max().orElse(Double.NaN));
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
