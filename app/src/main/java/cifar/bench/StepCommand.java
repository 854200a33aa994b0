package cifar.bench;

import cifar.UserError;
import cifar.cli.DataDirOption;
import cifar.cli.ExitCodes;
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
 * {@code BenchMain step} (scripts/bench-step.sh calls it): the batch-4 step with DJL's block
 * forward against the direct one, interleaved in one process.
 */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "step",
    mixinStandardHelpOptions = true,
    description = {
      "Time the batch-4 training step with the forward pass through DJL's Block.forward and"
          + " through one libtorch call per layer, taking turns in one process, on 1 thread.",
      "Both train the baseline from seed 1 on the same images; their losses must agree to the"
          + " last digit."
    })
public final class StepCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataDirOption data;

  @Option(names = "--images", paramLabel = "N", defaultValue = "20000",
      description = "Train on the first N training images (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "2", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--chunk", paramLabel = "N", defaultValue = "100",
      description = "Steps each variant takes before the other's turn (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Override
  public void run() {
    UserError.requireAtLeast("--images", images, 4);
    UserError.requireAtLeast("--epochs", epochs, 1);
    UserError.requireAtLeast("--chunk", chunk, 1);
    Threads.configure(1); // before anything loads libtorch: batch 4 trains fastest on 1 thread
    List<StepBench.Result> results =
        StepBench.run(CifarLoader.load(data.dataDir()), images, epochs, chunk);
    PrintWriter out = spec.commandLine().getOut();
    for (StepBench.Result r : results) {
      out.printf(Locale.ROOT, "%-7s %8.1f images/s   last epoch: loss %.10f, accuracy %.4f%n",
          r.variant(), r.imagesPerSecond(), r.loss(), r.accuracy());
    }
    out.printf(Locale.ROOT, "direct/block %.3f%n",
        results.get(1).imagesPerSecond() / results.get(0).imagesPerSecond());
    out.flush();
  }
}
