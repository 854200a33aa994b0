package cifar.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import cifar.UserError;
import cifar.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code BenchMain vugrad} (scripts/bench-vugrad.sh calls it): vugrad's two timings. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "vugrad",
    mixinStandardHelpOptions = true,
    description = "Time one synthetic epoch and one MNIST-shaped batch (median after a warm-up).")
public final class VugradBenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "15", description = "Timed repeats (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "60", description = "Untimed repeats first, so that the JIT has"
      + " compiled the hot loops (default: ${DEFAULT-VALUE}, about a second of synthetic epochs; with 10 the"
      + " synthetic epoch measured 19%% slower than in steady state).")
  int warmup;

  @Option(names = "--synthetic-only", description = "Time the full synthetic epoch only (a few"
      + " seconds): one line, for comparing builds by hand.")
  boolean syntheticOnly;

  @Option(names = "--lockstep", description = "Warm up, print READY, then for every line read from"
      + " standard input time --repeats synthetic epochs and print TURN and their median in seconds:"
      + " how scripts/bench/lockstep.py takes turns with numpy vugrad's epoch.")
  boolean lockstep;

  @Override
  public void run() {
    UserError.requireAtLeast("--repeats", repeats, 1);
    UserError.requireAtLeast("--warmup", warmup, 0);
    PrintWriter out = spec.commandLine().getOut();
    if (lockstep) {
      try {
        VugradBench.lockstep(warmup, repeats, new BufferedReader(new InputStreamReader(System.in, UTF_8)), out);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the lockstep turns from standard input", e);
      }
      return;
    }
    report(out, "synthetic epoch (train + validation), hidden 8, batch 128",
        VugradBench.synthEpoch(warmup, repeats));
    if (syntheticOnly) {
      return;
    }
    report(out, "synthetic epoch, training pass only", VugradBench.synthTrainPass(warmup, repeats));
    report(out, "MNIST-shaped batch 784->3136->10, batch 128, forward+backward",
        VugradBench.mnistBatch(Math.max(2, warmup / 3), repeats));
  }

  private static void report(PrintWriter out, String what, VugradBench.Timing t) {
    out.printf(
        Locale.ROOT, "%-62s median %8.2f ms wall (min %.2f, max %.2f), %8.2f ms thread CPU, n=%d%n",
        what, 1000 * t.medianWall(), 1000 * t.wall()[0], 1000 * t.wall()[t.wall().length - 1],
        1000 * t.medianCpu(), t.wall().length);
    out.flush();
  }
}
