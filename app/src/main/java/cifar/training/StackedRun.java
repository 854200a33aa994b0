package cifar.training;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cifar.UserError;
import cifar.config.RunConfig;
import cifar.engine.Memory;
import cifar.model.SeededDropout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One group of K runs trained together ({@link RunExecutor#executeStacked}), the stacked
 * counterpart of {@link CnnRunExecutor#execute}'s body and in its order: build, resume from the
 * newest checkpoint, train epoch by epoch (evaluate, checkpoint, report), save. Every member's
 * result is kept apart: its epochs, its last evaluation, and its end, DIVERGED at the epoch its
 * loss stopped being finite while the others train on.
 */
final class StackedRun {
  private static final Logger LOG = LogManager.getLogger(StackedRun.class);

  private final List<RunConfig> configs;
  private final List<RunExecutor.EpochListener> listeners;
  private final StackFiles files;
  private final int k;
  private final long start = System.nanoTime();
  private final List<List<EpochMetrics>> epochs = new ArrayList<>();
  private final Evaluation[] last; // each member's last good epoch's (null: none)
  private final String[] errors; // why each diverged member stopped (null: it trains on)
  private final RunResult[] ended; // each diverged member's result, made when it diverged

  StackedRun(List<RunConfig> configs, List<RunExecutor.EpochListener> listeners, StackFiles files) {
    StackedModel.requireOneConfig(configs);
    if (listeners.size() != configs.size() || files.parameters().size() != configs.size()) {
      throw new IllegalArgumentException(configs.size() + " runs, " + listeners.size()
          + " listeners and " + files.parameters().size() + " parameter files");
    }
    this.configs = List.copyOf(configs);
    this.listeners = List.copyOf(listeners);
    this.files = files;
    this.k = configs.size();
    this.last = new Evaluation[k];
    this.errors = new String[k];
    this.ended = new RunResult[k];
    for (int i = 0; i < k; i++) {
      epochs.add(new ArrayList<>());
    }
  }

  /** Trains the group on {@code train}, evaluates on {@code test}; one result per member. */
  List<RunResult> train(DeviceSplit train, DeviceSplit test, NDManager manager,
      TrainingProgress steps) {
    RunConfig config = configs.get(0);
    Checkpoints checkpoints = files.checkpoints() == null ? null
        : new Checkpoints(files.checkpoints());
    try (NDManager run = manager.newSubManager()) {
      StackedModel model = StackedModel.build(configs, run);
      StackedEpochLoop loop = new StackedEpochLoop(model, config, run);
      HeldOut split = HeldOut.of(train, config, run); // the same split for every member
      DeviceSplit trainRun = split.train();
      DeviceSplit testRun = test.limit(config.testLimit(), run);
      int done = checkpoints == null ? 0 : resume(checkpoints, model, loop, run);
      List<SplittableRandom> shuffles = new ArrayList<>();
      for (RunConfig c : configs) {
        shuffles.add(TrainingEpoch.shuffleAfter(c.seed(), trainRun.size(), done));
      }
      try (StackedEpochCursor cursor = new StackedEpochCursor(loop, trainRun, shuffles, run)) {
        for (int i = 0; i < k; i++) {
          if (errors[i] != null) {
            cursor.markDiverged(i);
          }
        }
        for (int e = done + 1; e <= config.epochs() && !cursor.allDiverged(); e++) {
          cursor.start(steps, e, config.epochs());
          cursor.steps(Long.MAX_VALUE);
          List<TrainingEpoch.Outcome> o = cursor.finish();
          List<Evaluation> tests = StackedEvaluation.of(model, testRun);
          List<Evaluation> held = split.validation() == null ? null
              : StackedEvaluation.of(model, split.validation());
          Memory.trimNative();
          List<Integer> reported = epoch(e, o, tests, held);
          if (checkpoints != null) {
            checkpoint(e, model).write(checkpoints, tensors(model, loop));
          }
          for (int i : reported) {
            listeners.get(i).epochDone(epochs.get(i).get(epochs.get(i).size() - 1));
          }
        }
      }
      model.copyToMembers();
      List<RunResult> out = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        Path file = files.parameters().get(i);
        if (ended[i] == null && file != null) {
          CnnRunExecutor.save(model.member(i), file);
        }
        out.add(ended[i] != null ? ended[i] : result(i, RunStatus.OK, null));
      }
      return out;
    } catch (EngineException e) {
      LOG.error("stacked runs failed in the engine", e);
      List<RunResult> out = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        out.add(ended[i] != null ? ended[i]
            : result(i, RunStatus.FAILED, "engine: " + e.getMessage()));
      }
      return out;
    }
  }

  /**
   * Books epoch {@code e}: a member still training either diverged in it (its result is made
   * now) or gets its metrics. Returns the members whose listeners hear of the epoch.
   */
  private List<Integer> epoch(int e, List<TrainingEpoch.Outcome> outcomes, List<Evaluation> tests,
      List<Evaluation> held) {
    List<Integer> reported = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      TrainingEpoch.Outcome o = outcomes.get(i);
      if (errors[i] != null) {
        continue;
      }
      if (o.diverged()) {
        errors[i] = "loss became " + o.loss() + " in epoch " + e + " (learning rate "
            + configs.get(i).learningRate() + " too high?)";
        ended[i] = result(i, RunStatus.DIVERGED, errors[i]);
        continue;
      }
      last[i] = tests.get(i);
      epochs.get(i).add(new EpochMetrics(e, o.loss(), o.accuracy(), last[i].accuracy(),
          o.seconds(), o.images() / o.seconds(), held == null ? null : held.get(i).accuracy()));
      reported.add(i);
    }
    return reported;
  }

  private RunResult result(int i, RunStatus status, String error) {
    return CnnRunExecutor.result(configs.get(i), status, epochs.get(i), last[i], start, error);
  }

  /** The group's state after epoch {@code e}: every member's, as its own run would keep it. */
  private StackedCheckpoint checkpoint(int e, StackedModel model) {
    List<Checkpoints.State> members = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Evaluation ev = last[i];
      members.add(new Checkpoints.State(configs.get(i), e, epochs.get(i), e,
          model.dropouts(i).stream().map(SeededDropout::drawn).toList(),
          ev == null ? List.of() : ev.perClass(), ev == null ? List.of() : ev.confusion()));
    }
    return new StackedCheckpoint(e, members, Arrays.asList(errors.clone()));
  }

  private static NDList tensors(StackedModel model, StackedEpochLoop loop) {
    NDList out = new NDList();
    out.addAll(model.arrays());
    out.addAll(loop.optimizer().state());
    return out;
  }

  /** Puts the newest checkpoint back, if any; returns the epochs it had finished. */
  private int resume(Checkpoints checkpoints, StackedModel model, StackedEpochLoop loop,
      NDManager run) {
    Optional<Checkpoints.Read<StackedCheckpoint>> read =
        StackedCheckpoint.latest(checkpoints, configs, run);
    if (read.isEmpty()) {
      return 0;
    }
    StackedCheckpoint saved = read.get().state();
    NDList t = read.get().tensors();
    int n = model.arrays().size();
    if (t.size() != 2 * n) {
      throw new UserError("checkpoint of epoch " + saved.epoch() + " in " + checkpoints.dir()
          + " holds " + t.size() + " tensors; this group has " + 2 * n);
    }
    loop.optimizer().restore(t.subList(0, n), t.subList(n, 2 * n));
    for (int i = 0; i < k; i++) {
      Checkpoints.State s = saved.members().get(i);
      List<SeededDropout> dropouts = model.dropouts(i);
      for (int d = 0; d < dropouts.size(); d++) {
        dropouts.get(d).skip(s.dropoutDraws().get(d));
      }
      epochs.get(i).addAll(s.epochs());
      if (!s.epochs().isEmpty()) {
        last[i] = new Evaluation(s.epochs().get(s.epochs().size() - 1).testAccuracy(),
            s.perClassAccuracy(), s.confusion());
      }
      s.epochs().forEach(listeners.get(i)::epochDone);
      errors[i] = saved.errors().get(i);
      if (errors[i] != null) {
        ended[i] = result(i, RunStatus.DIVERGED, errors[i]);
      }
    }
    return saved.epoch();
  }
}
