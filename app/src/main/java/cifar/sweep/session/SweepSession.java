package cifar.sweep.session;

import cifar.search.Method;
import cifar.search.run.AshaQueue;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.RunQueue;
import cifar.sweep.run.SweepProgress;
import cifar.sweep.run.SweepRunner;
import cifar.sweep.run.Task;
import cifar.sweep.run.TimeLimit;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.ReportedRecords;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import cifar.training.Checkpoints;
import cifar.training.RunEstimator;
import cifar.training.RunExecutor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One invocation of a sweep on one machine: records the plan in the sweep directory, finds
 * what this shard still has to train, and trains it.
 *
 * @param plan the whole sweep
 * @param store the sweep directory
 * @param shard this process's slice
 * @param mine the runs of this shard
 * @param todo the runs of this shard without a record (or with a failed one, when rerun)
 * @param notes what changed since the last invocation, for the user
 * @param warnings the corrupt record files that were set aside, for the user
 * @param estimator the trainer's estimates, which order the runs, weigh their progress and
 *     keep a time limit
 */
public record SweepSession(SweepPlan plan, SweepStore store, Shard shard, List<PlannedRun> mine,
    List<PlannedRun> todo, List<String> notes, List<String> warnings, RunEstimator estimator) {

  /**
   * Writes or updates sweep.json, reads the records already there and sets corrupt record files
   * aside (see {@link SweepStore#setAside}).
   */
  public static SweepSession open(SweepPlan plan, Path dir, Shard shard, boolean rerunFailed,
      RunEstimator estimator) {
    SweepStore store = new SweepStore(dir);
    List<String> notes = new ArrayList<>(store.begin(plan));
    int unpacked = store.unpackReported();
    if (unpacked > 0) {
      notes.add(dir + " had no records/ folder: its " + unpacked + " record(s) from "
          + ReportedRecords.FILE + " were written back to " + SweepStore.RECORDS + "/");
    }
    MergedRecords done = MergedRecords.merge(store.readPlan(), List.of(dir));
    List<String> warnings = store.setAside(done.corrupt()); // their runs are missing: trained again
    List<PlannedRun> mine = plan.shard(shard);
    return new SweepSession(plan, store, shard, mine, SweepRunner.todo(mine, done, rerunFailed),
        notes, warnings, estimator);
  }

  /** Whether this is an ASHA search, whose runs its scheduler decides. */
  public boolean asha() {
    return plan.search() != null && plan.search().method() == Method.ASHA;
  }

  /** Whether training has anything to do: runs without a record, or an ASHA search not over. */
  public boolean hasWork() {
    if (asha()) {
      return !AshaQueue.open(plan, shard, store.dir(), MergedRecords.merge(store.readPlan(),
          List.of(store.dir())), TimeLimit.NONE, estimator).over();
    }
    return !todo.isEmpty();
  }

  /** Trains the runs still to do; each record is stored as soon as its run ends. */
  public List<RunRecord> train(RunExecutor executor, int parallel, PrintStream out, boolean terminal,
      String host) {
    return train(Collections.nCopies(Math.max(1, parallel), executor), out, terminal, host);
  }

  /** As {@link #train(RunExecutor, int, PrintStream, boolean, String)}, worker i on executor i. */
  public List<RunRecord> train(List<RunExecutor> workers, PrintStream out, boolean terminal,
      String host) {
    return train(workers, out, terminal, host, false);
  }

  /**
   * As {@link #train(List, PrintStream, boolean, String)}; with {@code keepCheckpoints} the
   * checkpoints of finished runs stay in {@code checkpoints/}.
   */
  public List<RunRecord> train(List<RunExecutor> workers, PrintStream out, boolean terminal,
      String host, boolean keepCheckpoints) {
    return train(workers, out, terminal, host, keepCheckpoints, TimeLimit.NONE);
  }

  /**
   * As {@link #train(List, PrintStream, boolean, String, boolean, TimeLimit, boolean)}, each
   * group of seeds stacked where the workers can.
   */
  public List<RunRecord> train(List<RunExecutor> workers, PrintStream out, boolean terminal,
      String host, boolean keepCheckpoints, TimeLimit limit) {
    return train(workers, out, terminal, host, keepCheckpoints, limit, true);
  }

  /**
   * Trains what the sweep still lacks, each record stored as soon as its run ends: the runs to
   * do, longest first with several workers (a search's in draw order, so that a time limit
   * stops it after a prefix of its trials); for ASHA, what its scheduler decides
   * ({@link AshaQueue}), whose trials' checkpoints are removed once it is complete.
   *
   * <p>A group of seeds ({@link SweepPlan#groups}) with a run to do trains as one stacked model
   * when {@code stack} is on and every worker can stack all its members ({@link
   * RunExecutor#stackLimit}); else its runs to do train one at a time, each a task of its own.
   *
   * @param limit no run starts that is not expected to end within it
   * @param stack whether groups of seeds may train stacked ({@code --no-stack} turns it off)
   */
  public List<RunRecord> train(List<RunExecutor> workers, PrintStream out, boolean terminal,
      String host, boolean keepCheckpoints, TimeLimit limit, boolean stack) {
    SweepRunner runner = new SweepRunner(plan, store, shard, host, Clock.systemUTC(),
        keepCheckpoints);
    long tick = terminal ? 1_000 : 10_000;
    if (asha()) {
      MergedRecords done = MergedRecords.merge(store.readPlan(), List.of(store.dir()));
      AshaQueue asha = AshaQueue.open(plan, shard, store.dir(), done, limit, estimator);
      List<PlannedRun> expected = asha.expected();
      long recorded = mine.stream().filter(r -> done.records().containsKey(r.id())).count();
      SweepProgress progress = new SweepProgress(out, terminal, System::nanoTime,
          (int) Math.max(expected.size(), recorded), (int) recorded,
          expected.stream().filter(r -> !done.records().containsKey(r.id())).toList(),
          estimator);
      List<RunRecord> records = runner.run(asha, workers.stream().map(asha::guard).toList(),
          progress, tick);
      if (asha.complete() && !keepCheckpoints) {
        asha.trials().forEach(t -> new Checkpoints(store.checkpoints(t.id())).delete());
      }
      return records;
    }
    List<Task> tasks = Task.of(shard.selectGroups(plan.groups()),
        todo.stream().map(PlannedRun::id).collect(Collectors.toSet()),
        g -> stack && stackable(g, workers));
    if (stack) {
      stackingNote(tasks).ifPresent(out::println);
    }
    SweepProgress progress = new SweepProgress(out, terminal, System::nanoTime, mine.size(),
        mine.size() - todo.size(), tasks.stream().flatMap(t -> t.runs().stream()).toList(),
        estimator);
    // With several workers, longest first: otherwise a long task started last trains alone.
    List<Task> order = workers.size() > 1 && plan.search() == null
        ? LongestFirst.order(tasks, t -> t.seconds(estimator)) : tasks;
    return runner.run(RunQueue.of(order, limit, estimator), workers, progress, tick);
  }

  /**
   * How the groups of seeds with work train: "note: 3 groups of seeds train as one stack each;
   * the runs of 1 train one at a time (the trainer cannot stack them)"; empty without such groups.
   */
  private static Optional<String> stackingNote(List<Task> tasks) {
    Map<Boolean, Set<String>> groups = tasks.stream().filter(t -> t.group().members().size() > 1)
        .collect(Collectors.partitioningBy(Task::stacked,
            Collectors.mapping(t -> t.group().key(), Collectors.toSet())));
    int stacked = groups.get(true).size();
    int alone = groups.get(false).size();
    if (stacked + alone == 0) {
      return Optional.empty();
    }
    return Optional.of("note: " + stacked + " group" + (stacked == 1 ? "" : "s") + " of seeds"
        + " train" + (stacked == 1 ? "s" : "") + " as one stack each"
        + (alone == 0 ? "" : "; the runs of " + alone + " train one at a time (the trainer cannot"
            + " stack them)"));
  }

  /** Whether every worker can train all of {@code group} as one stack. */
  private static boolean stackable(SeedGroup group, List<RunExecutor> workers) {
    return workers.stream().distinct()
        .allMatch(w -> w.stackLimit(group.first().config()) >= group.members().size());
  }
}
