package cifar.sweep.run;

import cifar.UserError;
import cifar.provenance.Provenance;
import cifar.sweep.Changes;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import cifar.training.Checkpoints;
import cifar.training.RunDirectory;
import cifar.training.RunExecutor;
import cifar.training.RunFiles;
import cifar.training.RunLog;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Trains the runs of a sweep that have no record yet, {@code parallel} tasks at a time (a run
 * alone here, a group of seeds stacked in {@link StackedTask}), and stores each record as soon
 * as its task ends. A run that diverges or fails is recorded as such and the sweep goes on; only
 * a {@link UserError} (a problem with the command itself, such as a missing GPU) stops it, after
 * the tasks in flight have been recorded.
 */
public final class SweepRunner {
  private static final Logger LOG = LogManager.getLogger(SweepRunner.class);

  private final SweepPlan plan;
  private final SweepStore store;
  private final Shard shard;
  private final String host;
  private final Clock clock;
  private final boolean keepCheckpoints;

  /**
   * @param keepCheckpoints keep a finished run's checkpoints (by default they are removed once
   *     its record is stored; its model stays either way)
   */
  public SweepRunner(SweepPlan plan, SweepStore store, Shard shard, String host, Clock clock,
      boolean keepCheckpoints) {
    this.plan = plan;
    this.store = store;
    this.shard = shard;
    this.host = host;
    this.clock = clock;
    this.keepCheckpoints = keepCheckpoints;
  }

  /** The runs of this shard that still need training, in plan order. */
  public static List<PlannedRun> todo(List<PlannedRun> shardRuns, MergedRecords done, boolean rerunFailed) {
    return shardRuns.stream().filter(r -> {
      RunRecord rec = done.records().get(r.id());
      return rec == null || (rerunFailed && !rec.finished());
    }).toList();
  }

  /**
   * Trains the tasks {@code queue} hands out, one worker thread per element of {@code workers}
   * (worker i on executor i, so a sweep can place its workers on different GPUs), until it has
   * none left; each task's records are stored, then reported to the queue.
   *
   * @return the records written, in the order their tasks finished
   */
  public List<RunRecord> run(RunQueue queue, List<RunExecutor> workers, SweepProgress progress,
      long tickMillis) {
    List<RunRecord> written = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> stop = new AtomicReference<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sweep-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(progress::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers.size(); w++) {
      RunExecutor executor = workers.get(w);
      Thread t = new Thread(() -> {
        try {
          Task task;
          while (stop.get() == null && (task = queue.take()) != null) {
            List<RunRecord> r = task.stacked()
                ? new StackedTask(this, task, executor, progress).train()
                : List.of(trainOne(task, executor, progress));
            written.addAll(r);
            queue.finished(task, r);
          }
        } catch (RuntimeException | Error e) {
          // a problem with the command itself (or the JVM): stop taking new runs
          stop.compareAndSet(null, e);
          queue.close();
        } catch (InterruptedException e) {
          stop.compareAndSet(null, new IllegalStateException("interrupted", e));
          queue.close();
        }
      }, "sweep-worker-" + (w + 1));
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for runs", e);
    } finally {
      ticker.shutdownNow();
      progress.close();
    }
    if (stop.get() instanceof RuntimeException e) {
      throw e;
    }
    if (stop.get() instanceof Error e) {
      throw e;
    }
    return List.copyOf(written);
  }

  private RunRecord trainOne(Task task, RunExecutor executor, SweepProgress progress) {
    PlannedRun run = task.runs().get(0);
    progress.started(run);
    long t0 = System.nanoTime();
    Instant started = clock.instant();
    RunResult result;
    RunDirectory model = model(run);
    RunFiles files = new RunFiles(store.checkpoints(run.checkpointKey()), model.parameters());
    try (RunLog log = RunLog.open(model.log(), run.id())) {
      log.line("training " + run.name() + " seed " + run.seed() + " (" + run.id() + "): "
          + Changes.describe(run.config().toMap()));
      try {
        result = executor.execute(run.config(), m -> {
          progress.epoch(run, m);
          log.line(RunLog.epochLine(m, run.config().epochs()));
        }, files);
      } catch (UserError e) {
        throw e;
      } catch (RuntimeException e) {
        // on the run's thread: the stack trace goes into its log, which the record names
        LOG.warn("run {} ({} seed {}) failed", run.id(), run.name(), run.seed(), e);
        result = failed(run, t0, e);
      }
      log.line(ending(result));
    }
    RunRecord record = store(task, run, result, executor, started);
    // A search trial's checkpoints outlive its run: a later promotion continues them.
    if (run.trial() == null) {
      removeCheckpoints(files.checkpoints(), List.of(record));
    }
    progress.finished(run, record);
    return record;
  }

  /**
   * The run's model directory, with its config: a run directory (config.yaml, model.params,
   * train.log) that evaluate reads.
   */
  RunDirectory model(PlannedRun run) {
    RunDirectory model = RunDirectory.create(store.model(run.id()));
    model.writeConfig(run.config());
    return model;
  }

  /** The result of a run whose training threw {@code e}, {@code t0} nanoseconds in. */
  static RunResult failed(PlannedRun run, long t0, RuntimeException e) {
    return new RunResult(run.config(), RunStatus.FAILED, List.of(), Double.NaN, List.of(),
        List.of(), (System.nanoTime() - t0) / 1e9, e.toString());
  }

  /** The last line of a run's log: how it ended, in how long. */
  static String ending(RunResult result) {
    return result.status() + (result.error() == null ? "" : ": " + result.error())
        + String.format(Locale.ROOT, " in %.1f s", result.wallSeconds());
  }

  /** Stores {@code run}'s record, its provenance naming its group. */
  RunRecord store(Task task, PlannedRun run, RunResult result, RunExecutor executor,
      Instant started) {
    Provenance provenance = Provenance.of(executor.engine(), host, started, clock.instant())
        .inStack(task.provenance(run));
    RunRecord record = RunRecord.of(plan, run, result, shard, provenance);
    store.write(record);
    return record;
  }

  /**
   * Removes checkpoints whose runs are all recorded as finished, unless they are to be kept; a
   * failed run keeps them for --rerun-failed.
   */
  void removeCheckpoints(Path dir, List<RunRecord> records) {
    if (!keepCheckpoints && records.stream().allMatch(RunRecord::finished)) {
      new Checkpoints(dir).delete();
    }
  }

  Clock clock() {
    return clock;
  }

  /** Where the checkpoints of the group {@code key} go. */
  Path checkpoints(String key) {
    return store.checkpoints(key);
  }
}
