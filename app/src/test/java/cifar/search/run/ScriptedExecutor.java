package cifar.search.run;

import cifar.config.RunConfig;
import cifar.json.Json;
import cifar.sweep.RunIds;
import cifar.sweep.plan.LongestFirst;
import cifar.training.CnnEstimator;
import cifar.training.EpochMetrics;
import cifar.training.RunExecutor;
import cifar.training.RunFiles;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * A cheap trainer for searches: no network, but the checkpoint layout of the real one
 * ({@code epoch-K.json} beside {@code epoch-K.state}, older ones removed), so a trial asked for
 * more epochs continues after its last checkpoint, and a validation accuracy after each epoch
 * from a script (the test accuracy ranks the other way round, so using it would show). It counts every epoch it trains per trial, and can be killed (an Error, as
 * the JVM dying) after a number of epochs, once their checkpoint is written.
 */
final class ScriptedExecutor implements RunExecutor {
  /** Thrown to stop the process as a kill would: nothing after it runs. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("killed");
    }
  }

  private final BiFunction<RunConfig, Integer, Double> validation;
  private final ToLongFunction<RunConfig> millisPerEpoch;
  private final Map<String, AtomicInteger> trained = new ConcurrentHashMap<>();
  private final AtomicInteger epochs = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong();
  private volatile int killAfter = Integer.MAX_VALUE;

  /**
   * @param validation the validation accuracy of a config after an epoch
   * @param millisPerEpoch how long an epoch of a config takes
   */
  ScriptedExecutor(BiFunction<RunConfig, Integer, Double> validation,
      ToLongFunction<RunConfig> millisPerEpoch) {
    this.validation = validation;
    this.millisPerEpoch = millisPerEpoch;
  }

  /** Dies once this many epochs have been trained (counting from now). */
  ScriptedExecutor killAfter(int moreEpochs) {
    killAfter = epochs.get() + moreEpochs;
    return this;
  }

  /** The key of a trial: its config with the epoch count left out. */
  static String trial(RunConfig c) {
    return RunIds.runId(c.with("epochs", 1));
  }

  @Override
  public RunResult execute(RunConfig config, EpochListener progress, RunFiles files) {
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      List<EpochMetrics> done = latest(files.checkpoints());
      done.forEach(progress::epochDone);
      double seconds = 0;
      for (int e = done.size() + 1; e <= config.epochs(); e++) {
        sleep(millisPerEpoch.applyAsLong(config));
        double epochSeconds = LongestFirst.seconds(config, CnnEstimator.CNN) / config.epochs();
        clock.addAndGet((long) (epochSeconds * 1e9));
        seconds += epochSeconds;
        double v = validation.apply(config, e);
        EpochMetrics m = new EpochMetrics(e, 1.0 / e, v, 1 - v, epochSeconds,
            LongestFirst.images(config) / epochSeconds, v);
        done.add(m);
        write(files.checkpoints(), done);
        trained.computeIfAbsent(trial(config), k -> new AtomicInteger()).incrementAndGet();
        if (epochs.incrementAndGet() >= killAfter) {
          throw new Killed();
        }
        progress.epochDone(m);
      }
      EpochMetrics last = done.get(done.size() - 1);
      return new RunResult(config, RunStatus.OK, done, last.testAccuracy(),
          Collections.nCopies(10, last.testAccuracy()), List.of(), seconds, null);
    } finally {
      running.decrementAndGet();
    }
  }

  /** Epochs trained per trial, by {@link #trial}. */
  Map<String, Integer> trained() {
    Map<String, Integer> m = new ConcurrentHashMap<>();
    trained.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /**
   * A clock that each trained epoch moves on by what {@link LongestFirst} estimates for it, as if
   * the machine trained exactly that fast; the records' wall times agree with it.
   */
  long nanos() {
    return clock.get();
  }

  int maxRunning() {
    return maxRunning.get();
  }

  private static List<EpochMetrics> latest(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        return new ArrayList<>();
      }
      int last = 0;
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          String n = p.getFileName().toString();
          if (n.matches("epoch-\\d+\\.json")) {
            last = Math.max(last, Integer.parseInt(n.substring(6, n.length() - 5)));
          }
        }
      }
      if (last == 0) {
        return new ArrayList<>();
      }
      return new ArrayList<>(Json.GSON.fromJson(Files.readString(dir.resolve("epoch-" + last
          + ".json")), new TypeToken<List<EpochMetrics>>() {}.getType()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, List<EpochMetrics> done) {
    int e = done.size();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("epoch-" + e + ".state"), "");
      Files.writeString(dir.resolve("epoch-" + e + ".json"), Json.GSON.toJson(done));
      Files.deleteIfExists(dir.resolve("epoch-" + (e - 1) + ".json"));
      Files.deleteIfExists(dir.resolve("epoch-" + (e - 1) + ".state"));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
    }
  }
}
