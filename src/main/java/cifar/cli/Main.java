package cifar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command line of the project: {@code java -jar cifar.jar <subcommand>}.
 *
 * <p>Each job lives in its own annotated subcommand class; this root only wires them together
 * and prints help when called with nothing to do.
 */
@Command(
    name = "cifar",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Rerun the PyTorch 60-minute-blitz CIFAR-10 study on the JVM (DJL on PyTorch), and study"
          + " backprop with vugrad, a small autodiff engine in plain Java."
    },
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      InfoCommand.class,
      VugradCommand.class,
      SweepCommand.class,
      ReportCommand.class,
      StepBenchCommand.class,
      BenchTurnsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
