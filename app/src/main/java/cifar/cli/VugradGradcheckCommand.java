package cifar.cli;

import cifar.vugrad.check.GradCheck;
import cifar.vugrad.check.GradCheckReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cifar vugrad gradcheck}: every op's backward against central differences. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:every op's backward is within the tolerance", "1:one or more are not (marked FAILED)", ExitCodes.BAD_INPUT},
    name = "gradcheck",
    mixinStandardHelpOptions = true,
    description = {
      "Check every op's backward against central finite differences.",
      "Runs each op (and a whole MLP loss) on random inputs in double precision, prints each"
          + " one's largest error, and exits with 1 if any is above the tolerance."
    })
public final class VugradGradcheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Random inputs per op (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<GradCheckReport.Row> rows = GradCheckReport.run(seed, Math.max(1, seeds));
    out.printf(Locale.ROOT, "%-20s %12s  %s%n", "op", "max error", "result");
    int failed = 0;
    for (GradCheckReport.Row row : rows) {
      out.printf(
          Locale.ROOT, "%-20s %12.3e  %s%n", row.name(), row.maxError(), row.passed() ? "ok" : "FAILED");
      failed += row.passed() ? 0 : 1;
    }
    out.printf(
        Locale.ROOT,
        "error = |analytic − numeric| / max(1, |analytic|, |numeric|), step %.0e, tolerance %.0e%n",
        GradCheck.STEP, GradCheck.TOLERANCE);
    out.println(failed == 0 ? "all " + rows.size() + " passed" : failed + " of " + rows.size() + " FAILED");
    return failed == 0 ? 0 : 1;
  }
}
