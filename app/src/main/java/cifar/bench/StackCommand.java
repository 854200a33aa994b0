package cifar.bench;

import cifar.UserError;
import cifar.cli.DataDirOption;
import cifar.cli.ExitCodes;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.data.CifarLoader;
import cifar.engine.Threads;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code BenchMain stack}: K seeds of the baseline as K separate models against one stacked
 * model of K, in alternating turns in one process ({@link StackBench}).
 */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "stack",
    mixinStandardHelpOptions = true,
    description = {
      "Time K seeds of the baseline (batch 4) trained as K separate models and as one stacked"
          + " model, taking turns in one process; prints images/s per member and the ratio, then the"
          + " convs and the fc layers alone (forward and backward), each way."
    })
public final class StackCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataDirOption data;

  @Option(names = "--members", paramLabel = "K", split = ",", defaultValue = "3",
      description = "Stack sizes to time, e.g. 2,3,4 (default: ${DEFAULT-VALUE}).")
  List<Integer> members;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
      description = "libtorch threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--images", paramLabel = "N", defaultValue = "20000",
      description = "Train on the first N training images (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--turns", paramLabel = "N", defaultValue = "10",
      description = "Timed turns of each way (default: ${DEFAULT-VALUE}).")
  int turns;

  @Option(names = "--turn-steps", paramLabel = "N", defaultValue = "200",
      description = "Steps per model in a turn (default: ${DEFAULT-VALUE}).")
  int turnSteps;

  @Override
  public void run() {
    UserError.requireAtLeast("--images", images, 4);
    UserError.requireAtLeast("--turns", turns, 1);
    UserError.requireAtLeast("--turn-steps", turnSteps, 1);
    UserError.requireAtLeast("--threads", threads, 1);
    Threads.configure(threads); // before anything loads libtorch
    CifarDataset cifar = CifarLoader.load(data.dataDir());
    PrintWriter out = spec.commandLine().getOut();
    for (int k : members) {
      UserError.requireAtLeast("--members", k, 1);
      StackBench.Result r =
          StackBench.run(cifar, RunConfig.baseline(), k, images, turns, turnSteps);
      out.printf(Locale.ROOT, "K=%d  separate %8.1f  stacked %8.1f images/s per member"
          + "   stacked/separate %.3f%n", k, r.separate(), r.stacked(), r.ratio());
      for (StackPartsBench.Result p : StackPartsBench.run(k, turns, turnSteps)) {
        out.printf(Locale.ROOT, "K=%d  %-4s  separate %8.1f  stacked %8.1f us per step of K"
            + "   separate/stacked %.3f%n", k, p.part(), p.separateMicros(), p.stackedMicros(),
            p.separateMicros() / p.stackedMicros());
      }
      out.flush();
    }
  }
}
