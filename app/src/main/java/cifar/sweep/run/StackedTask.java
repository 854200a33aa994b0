package cifar.sweep.run;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.sweep.Changes;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.sweep.store.RunRecord;
import cifar.training.RunDirectory;
import cifar.training.RunExecutor;
import cifar.training.RunExecutor.EpochListener;
import cifar.training.RunLog;
import cifar.training.RunResult;
import cifar.training.StackFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A group of seeds trained together as one stacked model ({@link RunExecutor#executeStacked}),
 * for {@link SweepRunner}. Its records are written together once the group ends, only for the
 * members that lack one ({@link Task#toRecord}); a member trained again because a resume retrains
 * its whole group keeps its record, model and log as they were. The group's checkpoints live in
 * {@code checkpoints/<group key>/} and go once every member is recorded as finished. A group
 * whose training throws is recorded FAILED for each member, as a run that throws is.
 */
final class StackedTask {
  private static final Logger LOG = LogManager.getLogger(StackedTask.class);

  private final SweepRunner runner;
  private final Task task;
  private final SeedGroup group;
  private final RunExecutor executor;
  private final SweepProgress progress;

  StackedTask(SweepRunner runner, Task task, RunExecutor executor, SweepProgress progress) {
    this.runner = runner;
    this.task = task;
    this.group = task.group();
    this.executor = executor;
    this.progress = progress;
  }

  /** Trains the group and stores the records it lacks, in member order. */
  List<RunRecord> train() {
    List<PlannedRun> members = task.runs();
    members.forEach(progress::started);
    long t0 = System.nanoTime();
    Instant started = runner.clock().instant();
    List<Path> parameters = new ArrayList<>();
    List<Path> logFiles = new ArrayList<>();
    for (PlannedRun m : members) {
      // a recorded member's model stays as it is: it gets no parameter file
      RunDirectory model = task.toRecord().contains(m) ? runner.model(m) : null;
      parameters.add(model == null ? null : model.parameters());
      if (model != null) {
        logFiles.add(model.log());
      }
    }
    StackFiles files = new StackFiles(runner.checkpoints(group.key()), parameters);
    List<RunResult> results = trainLogged(logFiles, files, t0);
    List<RunRecord> records = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      PlannedRun m = members.get(i);
      if (task.toRecord().contains(m)) {
        RunRecord r = runner.store(task, m, results.get(i), executor, started);
        records.add(r);
        progress.finished(m, r);
      } else {
        progress.kept(m);
      }
    }
    runner.removeCheckpoints(files.checkpoints(), records);
    return records;
  }

  /**
   * Trains the group with one log for all of it, in the train.log of each member to record:
   * the members share every step, so each one's story is the group's.
   */
  private List<RunResult> trainLogged(List<Path> logFiles, StackFiles files, long t0) {
    List<RunLog> logs = new ArrayList<>();
    try {
      for (Path f : logFiles) {
        // every log listens to the group's key: a line said once reaches all of them
        logs.add(RunLog.open(f, group.key()));
      }
      RunLog log = logs.get(0);
      List<PlannedRun> members = task.runs();
      log.line("training " + group.first().name() + " seeds " + members.stream()
          .map(m -> Long.toString(m.seed())).collect(Collectors.joining(", "))
          + " as one stack (" + group.key() + ": " + String.join(", ", group.ids()) + "): "
          + Changes.describe(group.first().config().toMap()));
      List<EpochListener> listeners = members.stream().map(m -> (EpochListener) e -> {
        progress.epoch(m, e);
        log.line(m.id() + " seed " + m.seed() + ": " + RunLog.epochLine(e, m.config().epochs()));
      }).toList();
      List<RunResult> results = execute(listeners, files, t0);
      for (int i = 0; i < members.size(); i++) {
        log.line(members.get(i).id() + " seed " + members.get(i).seed() + ": "
            + SweepRunner.ending(results.get(i)));
      }
      return results;
    } finally {
      logs.forEach(RunLog::close);
    }
  }

  private List<RunResult> execute(List<EpochListener> listeners, StackFiles files, long t0) {
    List<PlannedRun> members = task.runs();
    List<RunConfig> configs = members.stream().map(PlannedRun::config).toList();
    try {
      List<RunResult> results = executor.executeStacked(configs, listeners, files);
      if (results.size() != members.size()) {
        throw new IllegalStateException("the trainer returned " + results.size()
            + " results for a group of " + members.size());
      }
      return results;
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException e) {
      // on the group's thread: the stack trace goes into every member's log
      LOG.warn("group {} ({} seeds {}) failed", group.key(), group.first().name(),
          members.stream().map(PlannedRun::seed).toList(), e);
      return members.stream().map(m -> SweepRunner.failed(m, t0, e)).toList();
    }
  }
}
