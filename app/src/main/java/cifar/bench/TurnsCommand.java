package cifar.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import cifar.UserError;
import cifar.cli.ConfigOptions;
import cifar.cli.DataDirOption;
import cifar.cli.ExitCodes;
import cifar.cli.ThreadsOption;
import cifar.config.RunConfig;
import cifar.data.CifarLoader;
import cifar.engine.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code BenchMain turns} (scripts/bench-train.sh calls it with LOCKSTEP_PAIRS): train's step
 * timed in turns against PyTorch's loop, through scripts/bench/lockstep.py.
 */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "turns",
    mixinStandardHelpOptions = true,
    description = {
      "Train as train does (the recipe from the same options), in turns: one untimed turn, then"
          + " READY, then for every line read from standard input the next --turn-images images,"
          + " answered with TURN and their seconds.",
      "scripts/bench/lockstep.py takes turns between this and scripts/bench/blitz.py --lockstep."
          + " --epochs and the limits are not used: the turns go on until the input ends."
    })
public final class TurnsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin DataDirOption data;
  @Mixin ThreadsOption threads;

  @Option(names = "--turn-images", paramLabel = "N", defaultValue = "2000",
      description = "Images per turn, a whole number of batches (default: ${DEFAULT-VALUE}).")
  int turnImages;

  @Override
  public void run() {
    RunConfig run = config.resolve();
    UserError.requireAtLeast("--turn-images", turnImages, run.batchSize());
    if (turnImages % run.batchSize() != 0) {
      throw new UserError("--turn-images: value '" + turnImages
          + "' is not a whole number of batches of " + run.batchSize());
    }
    Threads.configure(Threads.forBatch(threads.threads(), run.batchSize())); // before libtorch loads
    PrintWriter out = spec.commandLine().getOut();
    try {
      TurnBench.run(CifarLoader.load(data.dataDir()), run, turnImages,
          new BufferedReader(new InputStreamReader(System.in, UTF_8)), out);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the turns from standard input", e);
    }
  }
}
