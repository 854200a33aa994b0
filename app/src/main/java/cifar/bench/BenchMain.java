package cifar.bench;

import cifar.cli.ExitCodes;
import cifar.cli.UserErrorHandler;
import cifar.cli.VersionProvider;
import cifar.launch.Relaunch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' own command line, apart from the product's ({@link cifar.cli.Main} does not
 * list it): {@code java -cp cifar.jar cifar.bench.BenchMain <subcommand>}, or {@code scripts/cifar
 * bench <subcommand>} for the same JVM options and allocator as {@code train}. The scripts in
 * scripts/bench* call it.
 */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, "2:an unknown command or option"},
    name = "cifar-bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Time train's step and vugrad's epoch; the scripts in scripts/bench* run these.",
    subcommands = {
      TurnsCommand.class,
      StepCommand.class,
      StackCommand.class,
      VugradBenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BenchMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Relaunch.ifNeeded(args); // tcmalloc, as scripts/cifar gives it: see cifar.launch
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BenchMain());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
