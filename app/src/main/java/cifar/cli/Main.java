package cifar.cli;

import cifar.launch.Relaunch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command line of the project: {@code java -jar cifar.jar <subcommand>}.
 *
 * <p>Each job lives in its own annotated subcommand class; this root only wires them together
 * and prints help when called with nothing to do.
 */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, "2:an unknown command or option"},
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
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Relaunch.ifNeeded(args); // tcmalloc, as scripts/cifar gives it: see cifar.launch
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    // picocli hides its completion command; listed, people find `source <(cifar
    // generate-completion)` in the help, as README.md gives it
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    // picocli's own commands list their exit codes too, as ours do
    for (String own : List.of("generate-completion", "help")) {
      cli.getSubcommands().get(own).getCommandSpec().usageMessage()
          .exitCodeListHeading(ExitCodes.HEADING)
          .exitCodeList(new TreeMap<>(Map.of("0", "done", "2", "an unknown command or option")));
    }
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
