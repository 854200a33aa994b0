package cifar.cli;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.data.CifarLoader;
import cifar.data.CifarSplit;
import cifar.engine.Devices;
import cifar.engine.Memory;
import cifar.engine.Threads;
import cifar.provenance.Machine;
import cifar.provenance.Provenance;
import cifar.sweep.Changes;
import cifar.training.Checkpoints;
import cifar.training.CnnRunExecutor;
import cifar.training.EpochMetrics;
import cifar.training.ExecutionOptions;
import cifar.training.RunDirectory;
import cifar.training.RunFiles;
import cifar.training.RunLog;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cifar train}: one run of the blitz CNN, written to a run directory. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:the run ended ok or diverged (a learning rate too high is a result)", "1:the run failed: its train.log has the stack trace", ExitCodes.BAD_INPUT},name = "train", mixinStandardHelpOptions = true,
    description = {
      "Train the PyTorch 60-minute-blitz CNN on CIFAR-10 with DJL on PyTorch.",
      "Writes config.yaml, metrics.json, per_class.csv, model.params and train.log to --out.",
      "A directory that already holds a run is refused (exit code 2) unless --force is given."
    })
public final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LogManager.getLogger(TrainCommand.class);

  @Mixin ConfigOptions config;
  @Mixin DataDirOption data;
  @Mixin DeviceOptions device;
  @Mixin ThreadsOption threads;

  @Option(names = "--gpus", paramLabel = "K",
      description = "Train data-parallel on the first K GPUs (or all), gpu:0..K-1: each batch is split"
          + " between them and the step equals one device's with the same batch and learning rate."
          + " Only with --device auto or gpu.")
  String gpus;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run directory to write (default: runs/train-<date>-<time>, in $"
          + Environment.RUNS_DIR + " instead of runs/ when set). It must not hold"
          + " a run already (config.yaml, metrics.json or model.params) unless --force is given.")
  Path out;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR (killed or stopped) from its last finished epoch, kept in"
          + " DIR/checkpoint/; the config is DIR/config.yaml, so no config options go with it. The"
          + " result equals an uninterrupted run's to the bit on the same machine and threads.")
  Path resume;

  @Option(names = "--keep-checkpoints",
      description = "Keep DIR/checkpoint/ when the run ends (by default it is removed; model.params stays).")
  boolean keepCheckpoints;

  @Option(names = "--force",
      description = "Train into an --out directory that holds a run: its config.yaml, metrics.json,"
          + " per_class.csv, model.params and train.log are deleted before the new run writes its"
          + " own (after the data has loaded).")
  boolean force;

  // metrics.json is rewritten after every epoch, so a killed run keeps its finished epochs.
  private final List<EpochMetrics> soFar = new ArrayList<>();

  @Override
  public Integer call() {
    RunDirectory resumed = resume == null ? null : resumable(resume);
    int requested = threads.threads();
    // reads files only: libtorch is not loaded yet
    RunConfig run = resumed != null ? resumed.readConfig() : config.resolve();
    Path target = resumed != null ? resumed.dir() : out != null ? out : Environment.runsDir(System.getenv()).resolve("train-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (!force && resumed == null) {
      RunDirectory.requireNoRun(target); // before libtorch or the data load
    }
    int threadCount = Threads.forBatch(requested, run.batchSize());
    Threads.configure(threadCount); // before anything loads libtorch
    Devices.resolveAll(device.device, gpus); // a missing GPU fails before data is loaded or files written
    // Bad data stops the run before its directory exists, so no half-made run is left behind.
    try (CnnRunExecutor executor = open(data.dataDir,
        new ExecutionOptions(device.device, gpus, threadCount, ProgressPrinter.forConsole()))) {
      Memory.releaseHeap(); // the data set's host copy is garbage now
      RunDirectory dir = resumed != null ? resumed
          : force ? RunDirectory.replace(target) : RunDirectory.create(target);
      if (resumed == null) {
        dir.writeConfig(run);
      }
      try (RunLog log = RunLog.open(dir.log(), dir.dir().toString())) {
        try {
          return train(executor, dir, run, log);
        } catch (RuntimeException e) {
          if (!(e instanceof UserError)) {
            LOG.error("train failed", e); // its stack trace into train.log, while it is open
          }
          throw e;
        }
      }
    }
  }

  /** Trains the run into its directory, saying what it does on the console and in its log. */
  private int train(CnnRunExecutor executor, RunDirectory dir, RunConfig run, RunLog log) {
    Checkpoints checkpoints = new Checkpoints(dir.checkpoints());
    String device = executor.devices().size() == 1 ? executor.device().toString()
        : executor.devices().stream().map(Devices::spec).toList() + " (data-parallel)";
    Provenance provenance = Provenance.of(executor.engine(), Machine.host(), Instant.now(), null);
    say(log, String.format(Locale.ROOT,
        "training %s on %s, %d intra-op thread(s): %d train, %d test images -> %s",
        Changes.describe(run.toMap()), device, Threads.intraOp(),
        limited(executor.trainSize(), run.trainLimit()),
        limited(executor.testSize(), run.testLimit()),
        dir.dir()));
    if (checkpoints.lastEpoch() > 0) {
      say(log, "resuming from the checkpoint of epoch " + checkpoints.lastEpoch() + " in "
          + checkpoints.dir());
    }
    RunResult result = executor.execute(run, m -> {
      say(log, RunLog.epochLine(m, run.epochs()) + ", resident memory " + Memory.residentMiB()
          + " MiB");
      dir.writeResult(partial(run, m), RunStatus.RUNNING, provenance);
    }, new RunFiles(dir.checkpoints(), dir.parameters()));
    dir.writeResult(result, result.status(), provenance.finished(Instant.now()));
    // only once the result is written, as the sweep removes them after the record
    if (result.status() != RunStatus.FAILED && !keepCheckpoints) {
      checkpoints.delete();
    }
    report(log, dir, result);
    return result.status() == RunStatus.FAILED ? 1 : 0;
  }

  /** The run directory {@code --resume} names, checked before anything loads. */
  private RunDirectory resumable(Path dir) {
    if (config.given() || out != null || force) {
      throw new UserError("--resume " + dir + " continues that run with its own config.yaml and"
          + " directory: leave out --out, --force and the config options");
    }
    RunDirectory d = RunDirectory.open(dir);
    if (new Checkpoints(d.checkpoints()).lastEpoch() == 0) {
      throw new UserError("--resume " + dir + ": no checkpoint in " + d.checkpoints()
          + " (the run finished, or stopped before its first epoch ended); train it again with"
          + " --out");
    }
    return d;
  }

  /**
   * Reads the data set and uploads it to the device. Only the executor is returned, so nothing
   * holds the host copy afterwards (not even a local variable of {@link #call}).
   */
  private static CnnRunExecutor open(Path dataDir, ExecutionOptions options) {
    return new CnnRunExecutor(CifarLoader.load(dataDir), options);
  }

  private static int limited(int size, int limit) {
    return limit <= 0 ? size : Math.min(limit, size);
  }

  private RunResult partial(RunConfig run, EpochMetrics m) {
    soFar.add(m);
    return new RunResult(run, RunStatus.OK, soFar, m.testAccuracy(), List.of(), List.of(), 0,
        null);
  }

  private static void report(RunLog log, RunDirectory dir, RunResult r) {
    if (r.status() != RunStatus.OK) {
      say(log, r.status() + ": " + r.error()
          + (r.status() == RunStatus.FAILED ? " (details in " + dir.log() + ")" : ""));
    }
    for (int c = 0; c < r.perClassAccuracy().size(); c++) {
      say(log, String.format(Locale.ROOT, "Accuracy for class: %-10s is %.1f %%",
          CifarSplit.CLASSES[c], 100 * r.perClassAccuracy().get(c)));
    }
    if (!Double.isNaN(r.testAccuracy())) {
      say(log, String.format(Locale.ROOT, "Accuracy of the network on the test images: %.1f %%",
          100 * r.testAccuracy()));
    }
    say(log, String.format(Locale.ROOT, "%s in %.1f s; run written to %s", r.status(),
        r.wallSeconds(), dir.dir()));
  }

  private static void say(RunLog log, String line) {
    System.out.println(line);
    log.line(line);
  }
}
