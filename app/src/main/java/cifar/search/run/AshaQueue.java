package cifar.search.run;

import cifar.UserError;
import cifar.search.Search;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.RunQueue;
import cifar.sweep.run.Task;
import cifar.sweep.run.TimeLimit;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.training.RunEstimator;
import cifar.training.RunExecutor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ASHA search handed out to a sweep's workers: each free worker takes what {@link Asha}
 * decides, a promotion or a new trial, or waits while nothing can be decided until a job in
 * flight ends. Every decision and every end is written to the shard's {@link AshaLog} before the
 * worker trains, so the search survives {@code kill -9}:
 *
 * <ul>
 *   <li>opening replays the log against the records, and refuses a log whose decisions the
 *       records no longer give (the same records always make the same promotions);
 *   <li>a job started before the kill and recorded since ends at once; one without a record is
 *       handed out again first, and continues from its checkpoint;
 *   <li>a job ASHA decides that already has a record (trained under a log that was moved away)
 *       ends with that record instead of training again.
 * </ul>
 *
 * With shards, each shard is an ASHA search of its own trials (those of its slice), with its own
 * log; a trial is promoted against the trials of its shard only.
 */
public final class AshaQueue implements RunQueue {
  private final List<Trial> trials;
  private final Map<String, Integer> byName = new HashMap<>();
  private final List<Integer> rungs;
  private final int eta;
  private final Asha asha;
  private final Map<String, RunRecord> records;
  private final Path file;
  private final TimeLimit limit;
  private final RunEstimator estimator;
  private final Deque<Asha.Job> again = new ArrayDeque<>();
  private AshaLog log;
  private boolean closed;

  private AshaQueue(List<Trial> trials, Search search, MergedRecords merged, Path file,
      AshaLog log, TimeLimit limit, RunEstimator estimator) {
    this.trials = List.copyOf(trials);
    for (int i = 0; i < trials.size(); i++) {
      byName.put(trials.get(i).name(), i);
    }
    this.rungs = search.rungs();
    this.eta = search.reductionFactor();
    this.asha = new Asha(trials.size(), rungs.size(), eta);
    this.records = new HashMap<>(merged.records());
    this.file = file;
    this.log = log;
    this.limit = limit;
    this.estimator = estimator;
  }

  /**
   * The search of {@code shard} in {@code sweepDir}, taken up from its log.
   *
   * @param merged the records already in the sweep directory
   * @param estimator what a job is expected to take, for the time limit
   * @throws UserError when the log does not replay against the records
   */
  public static AshaQueue open(SweepPlan plan, Shard shard, Path sweepDir, MergedRecords merged,
      TimeLimit limit, RunEstimator estimator) {
    Set<String> mine = plan.shard(shard).stream().map(PlannedRun::checkpointKey)
        .collect(Collectors.toSet());
    List<Trial> trials = Trial.of(plan).stream().filter(t -> mine.contains(t.id())).toList();
    Path file = AshaLog.file(sweepDir, shard);
    AshaQueue q = new AshaQueue(trials, plan.search(), merged, file, AshaLog.read(file, shard),
        limit, estimator);
    q.replay();
    return q;
  }

  /** This shard's trials, in draw order. */
  public List<Trial> trials() {
    return trials;
  }

  /** Puts the log's decisions and ends back into ASHA, checking each against the records. */
  private void replay() {
    List<AshaLog.Event> events = log.events();
    for (int i = 0; i < events.size(); i++) {
      AshaLog.Event e = events.get(i);
      Asha.Job job = job(e, i);
      if (e.event().equals("start")) {
        Optional<Asha.Job> now = asha.next();
        if (!now.equals(Optional.of(job))) {
          throw new UserError(file + ": event " + (i + 1) + " starts " + e.trial() + " to "
              + e.epochs() + " epochs, where the records make ASHA decide " + describe(now)
              + "; the log does not belong to these records: move it away to decide again"
              + " from the records");
        }
        asha.started(job);
      } else {
        RunRecord r = records.get(run(job).id());
        if (r == null) {
          throw new UserError(file + ": event " + (i + 1) + ": " + e.trial() + " ended "
              + e.epochs() + " epochs, but its record " + run(job).id() + " is not there; move"
              + " the log away to decide again from the records");
        }
        asha.ended(job, Score.of(r));
      }
    }
    for (Asha.Job j : asha.running()) {
      RunRecord r = records.get(run(j).id());
      if (r != null) {
        end(j, r); // recorded just before the process died
      } else {
        again.add(j); // died while training: continues from its checkpoint
      }
    }
  }

  @Override
  public synchronized Task take() throws InterruptedException {
    while (true) {
      if (closed) {
        return null;
      }
      if (!again.isEmpty()) {
        return Task.single(run(again.poll()));
      }
      Optional<Asha.Job> next = asha.next();
      if (next.isEmpty()) {
        if (asha.running().isEmpty()) {
          closed = true;
          write(log.end(AshaLog.COMPLETE));
          notifyAll();
          return null;
        }
        wait();
        continue;
      }
      Asha.Job job = next.get();
      RunRecord done = records.get(run(job).id());
      if (done != null) {
        start(job);
        end(job, done);
        continue;
      }
      if (!limit.fits(seconds(job))) {
        closed = true;
        write(log.end(AshaLog.TIME_LIMIT));
        notifyAll();
        return null;
      }
      start(job);
      return Task.single(run(job));
    }
  }

  /** A trial's rungs continue one another, so ASHA hands out single runs ({@link Task#single}). */
  @Override
  public synchronized void finished(Task task, List<RunRecord> stored) {
    PlannedRun run = task.runs().get(0);
    RunRecord record = stored.get(0);
    Asha.Job job = new Asha.Job(byName.get(run.name()), rungs.indexOf(run.config().epochs()));
    records.put(run.id(), record);
    limit.observe(seconds(job), record.wallSeconds());
    end(job, record);
    notifyAll();
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Whether the search has nothing left to train: nothing to hand out again or to decide. */
  public synchronized boolean over() {
    return again.isEmpty() && asha.over();
  }

  /** Whether the search ended because nothing was left to train. */
  public synchronized boolean complete() {
    return AshaLog.COMPLETE.equals(log.ended());
  }

  /** The executor each worker trains with: promotions must continue from a checkpoint. */
  public RunExecutor guard(RunExecutor worker) {
    return new PromotionGuard(worker, rungs);
  }

  /**
   * Runs standing in for what the search will train, for the progress line's count and time
   * left: every trial's first rung, and ⌊n/η⌋ of the n trials of each rung the next rung.
   */
  public List<PlannedRun> expected() {
    List<PlannedRun> out = new ArrayList<>();
    int n = trials.size();
    for (int k = 0; k < rungs.size(); k++, n /= eta) {
      for (int t = 0; t < n; t++) {
        out.add(trials.get(t).rungs().get(k));
      }
    }
    return out;
  }

  private void start(Asha.Job job) {
    asha.started(job);
    write(log.with(new AshaLog.Event("start", trials.get(job.trial()).name(),
        rungs.get(job.rung()))));
  }

  private void end(Asha.Job job, RunRecord record) {
    asha.ended(job, Score.of(record));
    write(log.with(new AshaLog.Event("end", trials.get(job.trial()).name(),
        rungs.get(job.rung()))));
  }

  private void write(AshaLog next) {
    log = next;
    log.write(file);
  }

  private PlannedRun run(Asha.Job job) {
    return trials.get(job.trial()).rungs().get(job.rung());
  }

  /** Estimated seconds of the epochs a job trains: those of its rung beyond the rung before. */
  private double seconds(Asha.Job job) {
    PlannedRun run = run(job);
    int before = job.rung() == 0 ? 0 : rungs.get(job.rung() - 1);
    return LongestFirst.seconds(run.config(), estimator) * (run.config().epochs() - before)
        / run.config().epochs();
  }

  private Asha.Job job(AshaLog.Event e, int i) {
    Integer trial = byName.get(e.trial());
    int rung = rungs.indexOf(e.epochs());
    if (trial == null || rung < 0 || !(e.event().equals("start") || e.event().equals("end"))) {
      throw new UserError(file + ": event " + (i + 1) + " (" + e + ") is not a job of this"
          + " search's trials and rungs " + rungs + "; move the log away to decide again from"
          + " the records");
    }
    return new Asha.Job(trial, rung);
  }

  private String describe(Optional<Asha.Job> job) {
    return job.map(j -> "to start " + trials.get(j.trial()).name() + " to " + rungs.get(j.rung())
        + " epochs").orElse("nothing more");
  }
}
