package cifar.sweep.run;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.sweep.RunIds;
import cifar.training.EpochMetrics;
import cifar.training.RunExecutor;
import cifar.training.RunFiles;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import cifar.training.StackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test double of a trainer that stacks seeds: runs alone as {@link FakeExecutor} trains them,
 * and groups whose every result depends on the whole group (its members' seeds, in order), as a
 * stacked model's digits do, so a test sees when a group was trained other than whole and in
 * order. A member whose seed is {@link #DIVERGE_SEED} diverges in its second epoch while the
 * others go on; a group with a config matching {@code failWhen} throws, and one matching {@code
 * userErrorWhen} throws a {@link UserError}. Each group writes a checkpoint file into its
 * checkpoint directory and a parameter file for each member given one.
 */
public final class StackingExecutor implements RunExecutor {
  public static final long DIVERGE_SEED = 99;

  private final int limit;
  private final Predicate<RunConfig> failWhen;
  private final Predicate<RunConfig> userErrorWhen;
  private final FakeExecutor alone = new FakeExecutor();
  private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
  private final List<StackFiles> files = Collections.synchronizedList(new ArrayList<>());

  /** @param limit what {@link #stackLimit} says for every config */
  public StackingExecutor(int limit) {
    this(limit, c -> false, c -> false);
  }

  public StackingExecutor(int limit, Predicate<RunConfig> failWhen,
      Predicate<RunConfig> userErrorWhen) {
    this.limit = limit;
    this.failWhen = failWhen;
    this.userErrorWhen = userErrorWhen;
  }

  @Override
  public int stackLimit(RunConfig config) {
    return limit;
  }

  @Override
  public RunResult execute(RunConfig config, EpochListener progress, RunFiles runFiles) {
    return alone.execute(config, progress, runFiles);
  }

  @Override
  public List<RunResult> executeStacked(List<RunConfig> configs, List<EpochListener> progress,
      StackFiles stackFiles) {
    if (configs.size() > limit) {
      throw new IllegalArgumentException(configs.size() + " runs, more than " + limit);
    }
    groups.add(configs.stream().map(RunIds::runId).toList());
    files.add(stackFiles);
    if (userErrorWhen.test(configs.get(0))) {
      throw new UserError("simulated user error");
    }
    write(stackFiles.checkpoints().resolve("epoch-1.json"));
    if (failWhen.test(configs.get(0))) {
      throw new IllegalStateException("simulated stack failure");
    }
    // every member's digits depend on the whole group, in order
    double mix = 0;
    for (int i = 0; i < configs.size(); i++) {
      mix += (i + 1) * configs.get(i).seed() * 1e-7;
    }
    List<RunResult> results = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      RunConfig c = configs.get(i);
      List<EpochMetrics> epochs = new ArrayList<>();
      RunStatus status = RunStatus.OK;
      for (int e = 1; e <= c.epochs(); e++) {
        if (c.seed() == DIVERGE_SEED && e == 2) {
          status = RunStatus.DIVERGED;
          break;
        }
        EpochMetrics m = new EpochMetrics(e, 2.0 / e + mix, 0.3 + 0.05 * e,
            FakeExecutor.accuracy(c, e) + mix, 0.01, 1000.0 * c.batchSize());
        epochs.add(m);
        progress.get(i).epochDone(m);
      }
      double last = epochs.get(epochs.size() - 1).testAccuracy();
      results.add(status == RunStatus.OK
          ? new RunResult(c, status, epochs, last, Collections.nCopies(10, last),
              FakeExecutor.confusion(c), 0.02 * c.epochs(), null)
          : new RunResult(c, status, epochs, last, List.of(), List.of(), 0.02,
              "loss became NaN in epoch 2"));
      if (stackFiles.parameters().get(i) != null) {
        write(stackFiles.parameters().get(i));
      }
    }
    return results;
  }

  /** The groups trained stacked, each as its member ids in the order given. */
  public List<List<String>> groups() {
    return List.copyOf(groups);
  }

  /** The files each stacked group was given, in the order of {@link #groups}. */
  public List<StackFiles> files() {
    return List.copyOf(files);
  }

  /** The runs trained alone, in the order they started. */
  public List<String> alone() {
    return List.copyOf(alone.order);
  }

  private static void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
