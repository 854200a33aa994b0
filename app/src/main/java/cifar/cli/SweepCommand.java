package cifar.cli;

import cifar.provenance.Machine;
import ai.djl.util.cuda.CudaUtils;
import cifar.UserError;
import cifar.config.Suggest;
import cifar.engine.Devices;
import cifar.report.SweepReport;
import cifar.report.table.ProvenanceCheck;
import cifar.search.Method;
import cifar.search.run.SearchListing;
import cifar.sweep.file.SweepDefinition;
import cifar.sweep.file.SweepFileReader;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroups;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.TimeLimit;
import cifar.sweep.run.TrainerFactory;
import cifar.sweep.session.PlanListing;
import cifar.sweep.session.SweepSession;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.SweepLock;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunEstimator;
import cifar.training.RunExecutor;
import cifar.training.RunStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cifar sweep}: trains every run of one or more sweep files, resumably, and reports. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:every run of this shard ended ok or diverged", "1:a run failed: it is recorded with its error, its log in OUT/models/<id>/train.log", "2:bad input, or another sweep holds this shard of OUT (its holder is named)"},
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Train every run of the sweep files (default: hyperparams/study.yaml) and write the results"
          + " table, plots and report.html (the whole report in one page for a browser).",
      "Each finished run is stored at once in OUT/records/<id>.json and its model in"
          + " OUT/models/<id>/; running the same command again skips recorded runs, and runs that"
          + " were in flight continue from their last finished epoch (OUT/checkpoints/<id>/), so an"
          + " interrupted sweep resumes where it stopped and loses no finished epoch.",
      "A record file that is corrupt (it does not parse, or its id does not match its name or"
          + " config) is named in a warning, moved to OUT/records/corrupt/ and its run trained again.",
      "While it trains, OUT/locks/shard-I-of-N.lock keeps a second sweep of the same or an"
          + " overlapping shard out of OUT (it stops, naming the holder); the lock of a process"
          + " that is gone on this host is taken over, and so is one of another host whose"
          + " heartbeat (refreshed every " + SweepLock.HEARTBEAT_SECONDS + " s) stands still for "
          + SweepLock.TIMEOUT_SECONDS + " s. --dry-run takes no lock.",
      "A sweep file with search: draws its trials from a space and trains them by random search"
          + " or ASHA (promotions continue each trial's checkpoints; OUT/search/ logs ASHA's"
          + " decisions, so a rerun takes it up where it stopped), ranks them on the last training"
          + " images held out, and writes search.md and best.yaml instead of the results table."
    })
public final class SweepCommand implements Callable<Integer> {
  /**
   * Runs trained at the same time when --parallel is not given: on a CPU, one run per core with
   * one libtorch thread each; on GPUs, one run per GPU (per group of K GPUs with --gpus K). At
   * batch 4 two single-threaded runs side by side train far more images per second in total than
   * one run on two threads, because a batch-4 step is too small for two threads to share and
   * libgomp's threads sleep and wake between its tiny kernels (measured:
   * docs/benchmarks/JOURNAL.md, "Why two single-threaded runs at once").
   */
  static int defaultParallel(String device, String gpus, int cores, int gpuCount) {
    boolean cpu = "cpu".equalsIgnoreCase(device == null ? "auto" : device.trim())
        || (gpus == null && gpuCount == 0);
    return cpu ? Math.max(1, cores) : Devices.groupsForRuns(device, gpus, gpuCount).size();
  }

  static final Path DEFAULT_FILE = Path.of("hyperparams", "study.yaml");

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "Sweep files (YAML). Default: ${DEFAULT-VALUE}. Several files make one sweep.",
      defaultValue = "hyperparams/study.yaml")
  List<Path> files = new ArrayList<>();

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
      description = "Seeds per config (at least 1): the config's seed (1 unless the file sets it) and the next N-1. Default: ${DEFAULT-VALUE}.")
  int repeats;

  @Option(names = "--epochs", paramLabel = "E",
      description = "Epochs for every run (at least 1), instead of the file's (changes the run ids).")
  Integer epochs;

  @Option(names = "--train-limit", paramLabel = "N",
      description = "Train every run on the first N training images only, N at least 1 (changes the run ids).")
  Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N",
      description = "Evaluate every run on the first N test images only, N at least 1 (changes the run ids).")
  Integer testLimit;

  @Mixin DataDirOption data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Sweep directory for records, table and plots. Default: runs/<sweep name>, in $"
          + Environment.RUNS_DIR + " instead of runs/ when set.")
  Path out;

  @Option(names = "--parallel", paramLabel = "P",
      description = "Runs trained at once in this process (at least 1); the cores (--cores) are divided between them."
          + " Default: one run per core with 1 thread each on a CPU (the fastest at small batches),"
          + " one run per GPU on GPUs. --device auto with several GPUs spreads them over all the"
          + " GPUs; a CPU or one chosen GPU is shared by them.")
  Integer parallel;

  @Option(names = "--cores", paramLabel = "N",
      description = "Cores to use in total, at least 1 (default: all the JVM sees); each run gets N / P threads.")
  Integer cores;

  /**
   * What {@code --cores} was called before; refused, not read as {@code --cores}, since on every
   * other command {@code --threads} is libtorch's threads ({@link ThreadsOption}), and not read
   * as those either, since an old script's "cores in total" would then be taken per process.
   */
  @Option(names = "--threads", paramLabel = "N", hidden = true)
  Integer threads;

  @Mixin DeviceOptions devices;

  @Option(names = "--gpus", paramLabel = "K",
      description = "Train each run data-parallel on K GPUs (or all), as train --gpus K does: the GPUs"
          + " are cut into groups of K (gpu:0..K-1, gpu:K..2K-1, ...) and parallel runs go to the groups"
          + " in turn; the default --parallel is one run per group. Without --gpus each run trains on"
          + " one GPU and --parallel P spreads runs over the GPUs.")
  String gpus;

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Train only shard I of N (counted from 1, e.g. 2/4): a fixed slice of the runs by id."
          + " Without it, JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm) pick the shard.")
  String shard;

  @Option(names = "--shard-count", paramLabel = "N",
      description = "Number of shards (at least 1) for JOB_COMPLETION_INDEX (also from CIFAR_SHARD_COUNT), or instead of SLURM_ARRAY_TASK_COUNT.")
  Integer shardCount;

  @Option(names = "--rerun-failed", description = "Also rerun runs recorded as failed (diverged runs are results and stay).")
  boolean rerunFailed;

  @Option(names = "--keep-checkpoints",
      description = "Keep finished runs' per-epoch checkpoints in OUT/checkpoints/<id>/ (by default"
          + " they are removed once the run's record is stored; its model stays in OUT/models/<id>/).")
  boolean keepCheckpoints;

  @Option(names = "--no-stack",
      description = "Train every run alone, one at a time. By default the seeds of one config"
          + " (--repeats) are cut into groups of up to " + SeedGroups.MAX_MEMBERS + " in plan order,"
          + " and each group trains as one stacked model where the trainer can (every kernel of a"
          + " step shared; not with --gpus), its records naming the group. Groups are dealt to"
          + " shards whole either way; a search trains every run alone.")
  boolean noStack;

  @Option(names = "--dry-run", description = "List every run with its id, its group of seeds and"
      + " whether it is recorded, then stop (with --shard, exactly the runs that shard trains);"
      + " for a search, every trial it draws and what it will spend.")
  boolean dryRun;

  @Option(names = "--json", description = "With --dry-run: the listing as one JSON document, every"
      + " run with its full config, its record's status (null: it would be trained) and its group"
      + " of seeds (null: a run of its own).")
  boolean json;

  @Option(names = "--time-limit", paramLabel = "MINUTES",
      description = "For a search: start no run that is expected to end more than MINUTES from now"
          + " (estimated per config, corrected by how long this process's runs took); runs in flight"
          + " finish, and a rerun continues the search.")
  Double timeLimit;

  @Option(names = "--method", paramLabel = "M",
      description = "For a sweep file with search: random or asha instead of the file's method, on the"
          + " same trials; the sweep is then named NAME-M (its directory runs/NAME-M).")
  String method;

  @Spec CommandSpec spec;

  private final TrainerFactory trainer;
  /** The runs are the CNN's, whoever trains them (tests train them with a cheap executor). */
  private final RunEstimator estimator = CnnEstimator.CNN;
  private TimeLimit limit = TimeLimit.NONE;

  /** The command line's sweep, on the CNN trainer. */
  public SweepCommand() {
    this(new CnnTrainer());
  }

  /** A sweep on the given trainer (tests use a cheap one). */
  public SweepCommand(TrainerFactory trainer) {
    this.trainer = trainer;
  }

  @Override
  public Integer call() {
    PrintStream console = System.out;
    checkCounts();
    // from the command's start: the data's loading counts against a search's time limit too
    limit = timeLimit == null ? TimeLimit.NONE : TimeLimit.minutes(timeLimit, System::nanoTime);
    List<SweepDefinition> definitions = files.stream().map(f -> SweepFileReader.read(f, estimator))
        .map(this::withMethod).toList();
    SweepPlan plan = SweepPlan.of(definitions, new Overrides(repeats, epochs, trainLimit, testLimit));
    if (json && !dryRun) {
      throw new UserError("--json lists the runs of --dry-run: add --dry-run");
    }
    // JSON on standard output must stay parseable: the notes go to standard error then
    plan.notes().forEach(n -> (json ? System.err : console).println("note: " + n));
    Shard slice = shard != null ? Shard.parse(shard) : Shard.fromEnvironment(System.getenv(), shardCount);
    Path dir = out != null ? out : Environment.runsDir(System.getenv()).resolve(plan.name());
    List<PlannedRun> mine = plan.shard(slice);
    if (dryRun) {
      MergedRecords recorded = new SweepStore(dir).recordsFor(plan);
      console.print(plan.search() != null ? SearchListing.render(plan, slice, recorded, estimator)
          : json ? PlanListing.json(plan, slice, mine, recorded, !noStack)
          : PlanListing.render(plan, slice, mine, recorded, !noStack));
      return 0;
    }
    checkSearchOptions(plan);
    String host = Machine.host();
    try (SweepLock lock = SweepLock.acquire(dir, slice, host,
        waiting -> console.println("note: " + waiting))) {
      lock.notes().forEach(n -> console.println("note: " + n));
      return trainAndReport(plan, slice, dir, mine, host, console);
    }
  }

  /**
   * Refuses what a search cannot do: a time limit for runs and grids (they train every run),
   * and for ASHA data-parallel runs (they write no checkpoints to promote from) and
   * --rerun-failed (a failed job has ended its rung).
   */
  private void checkSearchOptions(SweepPlan plan) {
    if (timeLimit != null && !(timeLimit > 0)) {
      throw new UserError("--time-limit: value '" + timeLimit + "' must be a positive number of minutes");
    }
    if (plan.search() == null) {
      if (timeLimit != null) {
        throw new UserError("--time-limit applies to searches; a sweep of runs and grids trains them all");
      }
      return;
    }
    if (plan.search().method() == Method.ASHA && gpus != null) {
      throw new UserError("--gpus " + gpus + ": ASHA continues trials from their checkpoints,"
          + " which data-parallel runs do not write yet");
    }
    if (plan.search().method() == Method.ASHA && rerunFailed) {
      throw new UserError("--rerun-failed: under ASHA a failed job has ended its rung (it is"
          + " never promoted); move its record away to train it again");
    }
  }

  /** The definition with {@code --method}'s method, if given; only a search has one. */
  private SweepDefinition withMethod(SweepDefinition d) {
    if (method == null) {
      return d;
    }
    List<String> words = Arrays.stream(Method.values()).map(Method::word).toList();
    Method m = Arrays.stream(Method.values()).filter(x -> x.word().equals(method.trim()))
        .findFirst().orElseThrow(() -> new UserError("--method: value '" + method + "' is not a"
            + " search method" + Suggest.didYouMean(method, words) + "; allowed: "
            + String.join(", ", words)));
    if (d.search() == null) {
      throw new UserError("--method " + method + ": " + d.file() + " has no 'search:' (runs and"
          + " grids train every run)");
    }
    return d.withMethod(m);
  }

  /**
   * Stops on a count that makes no sense, before any file is read. A limit of 0 means "all" in a
   * config, but on the command line that is what leaving the option out says.
   */
  private void checkCounts() {
    if (threads != null) {
      throw new UserError("--threads " + threads + ": the cores a sweep uses in total are --cores"
          + " N now (each run gets N / P threads); --threads is PyTorch's threads of one process,"
          + " as on train");
    }
    UserError.requireAtLeast("--repeats", repeats, 1);
    UserError.requireAtLeastIfGiven("--epochs", epochs, 1);
    UserError.requireAtLeastIfGiven("--train-limit", trainLimit, 1);
    UserError.requireAtLeastIfGiven("--test-limit", testLimit, 1);
    UserError.requireAtLeastIfGiven("--shard-count", shardCount, 1);
    UserError.requireAtLeastIfGiven("--parallel", parallel, 1);
    UserError.requireAtLeastIfGiven("--cores", cores, 1);
  }

  /** Trains what this shard still lacks, then writes the report; under the shard's lock. */
  private int trainAndReport(SweepPlan plan, Shard slice, Path dir, List<PlannedRun> mine,
      String host, PrintStream console) {
    SweepSession session = SweepSession.open(plan, dir, slice, rerunFailed, estimator);
    session.notes().forEach(n -> console.println("note: " + n));
    session.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    int total = cores != null ? cores : Runtime.getRuntime().availableProcessors();
    int runsAtOnce = parallel != null ? parallel
        : defaultParallel(devices.device, gpus, total, CudaUtils.getGpuCount());
    int perRun = Math.max(1, total / runsAtOnce);
    String where = slice.count() > 1 ? " in shard " + slice.label() + " (" + slice.source() + ")" : "";
    String how = String.format("in %s (%d at once, %d thread%s each)", dir, runsAtOnce, perRun,
        perRun == 1 ? "" : "s");
    if (session.asha()) {
      console.printf("search %s (asha): %d trials%s, %d of their runs recorded; ASHA decides what"
          + " to train %s%n", plan.name(), mine.stream().map(PlannedRun::checkpointKey).distinct()
          .count(), where, mine.size() - session.todo().size(), how);
    } else {
      console.printf("sweep %s: %d runs%s, %d already recorded, %d to train %s%n", plan.name(),
          mine.size(), where, mine.size() - session.todo().size(), session.todo().size(), how);
    }
    if (session.hasWork()) {
      train(session, runsAtOnce, perRun, host, console);
    }
    SweepReport report = SweepReport.of(dir, List.of(), estimator);
    report.write(dir);
    console.println();
    console.print(report.markdown());
    ProvenanceCheck.lines(report.merged()).forEach(console::println);
    console.println("\nwrote " + report.written(dir));
    boolean failed = mine.stream().map(r -> report.merged().records().get(r.id()))
        .anyMatch(r -> r != null && r.status() == RunStatus.FAILED);
    return failed ? 1 : 0;
  }

  private void train(SweepSession session, int runsAtOnce, int perRun, String host,
      PrintStream console) {
    boolean terminal = System.console() != null;
    List<RunExecutor> workers = trainer.openWorkers(
        new TrainerFactory.Settings(data.dataDir, devices.device, gpus, perRun, runsAtOnce, terminal));
    try {
      session.train(workers, console, terminal, host, keepCheckpoints, limit, !noStack);
    } finally {
      // workers may share an executor: close each one once
      for (RunExecutor executor : new LinkedHashSet<>(workers)) {
        if (executor instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            console.println("warning: closing the trainer failed: " + e);
          }
        }
      }
    }
  }
}
