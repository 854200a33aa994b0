package cifar.sweep.run;

import cifar.config.RunConfig;
import cifar.sweep.RunIds;
import cifar.training.EpochMetrics;
import cifar.training.RunExecutor;
import cifar.training.RunFiles;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test double of the trainer: no training, but results that follow from the config, so the
 * sweep's scheduling, resuming, sharding and reporting can be checked quickly. Accuracy after
 * epoch e is 0.3 + 0.05 e + 0.001 seed + lr; runs with lr at or above {@link #DIVERGE_LR} diverge
 * in their second epoch; configs matching {@code failWhen} throw.
 */
public final class FakeExecutor implements RunExecutor {
  public static final double DIVERGE_LR = 0.1;

  private final Predicate<RunConfig> failWhen;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final long millisPerEpoch;
  final List<String> order = Collections.synchronizedList(new ArrayList<>());

  public FakeExecutor() {
    this(c -> false, 0);
  }

  public FakeExecutor(Predicate<RunConfig> failWhen, long millisPerEpoch) {
    this.failWhen = failWhen;
    this.millisPerEpoch = millisPerEpoch;
  }

  @Override
  public RunResult execute(RunConfig config, EpochListener progress, RunFiles files) {
    String id = RunIds.runId(config);
    calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    order.add(id);
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      if (failWhen.test(config)) {
        throw new IllegalStateException("simulated failure for " + config.fcActivation());
      }
      List<EpochMetrics> epochs = new ArrayList<>();
      for (int e = 1; e <= config.epochs(); e++) {
        sleep();
        if (config.learningRate() >= DIVERGE_LR && e == 2) {
          return new RunResult(config, RunStatus.DIVERGED, epochs, epochs.get(0).testAccuracy(),
              List.of(), List.of(), 0.01 * e, "loss became NaN in epoch 2");
        }
        EpochMetrics m = new EpochMetrics(e, 2.0 / e, 0.3 + 0.05 * e, accuracy(config, e), 0.01,
            1000.0 * config.batchSize());
        epochs.add(m);
        progress.epochDone(m);
      }
      return new RunResult(config, RunStatus.OK, epochs, accuracy(config, config.epochs()),
          Collections.nCopies(10, accuracy(config, config.epochs())), confusion(config),
          0.01 * config.epochs(), null);
    } finally {
      running.decrementAndGet();
    }
  }

  /** The accuracy this double reports for a config after epoch e. */
  public static double accuracy(RunConfig c, int e) {
    return 0.3 + 0.05 * e + 0.001 * c.seed() + c.learningRate();
  }

  /**
   * A confusion matrix of 100 test images per class whose diagonal is about the config's
   * accuracy, the rest spread over the next class (a report has something to draw).
   */
  public static List<List<Integer>> confusion(RunConfig c) {
    int right = (int) Math.round(100 * Math.min(1, accuracy(c, c.epochs())));
    List<List<Integer>> rows = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      Integer[] row = new Integer[10];
      Arrays.fill(row, 0);
      row[t] = right;
      row[(t + 1) % 10] = 100 - right;
      rows.add(List.of(row));
    }
    return rows;
  }

  /** How often each run id was trained. */
  public Map<String, Integer> calls() {
    Map<String, Integer> m = new ConcurrentHashMap<>();
    calls.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  public int maxRunning() {
    return maxRunning.get();
  }

  private void sleep() {
    if (millisPerEpoch > 0) {
      try {
        Thread.sleep(millisPerEpoch);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
    }
  }
}
