package cifar.cli;

import cifar.UserError;
import cifar.vugrad.InputError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cifar vugrad}: the autodiff engine's own commands. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, "2:an unknown subcommand or option"},
    name = "vugrad",
    mixinStandardHelpOptions = true,
    description = {
      "Backprop with nothing hidden: vugrad's autodiff engine in plain Java, an MLP trained "
          + "with it, and the study of sigmoid against ReLU."
    },
    subcommands = {
      VugradTrainCommand.class,
      VugradCompareCommand.class,
      VugradGradcheckCommand.class
    })
public final class VugradCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs a subcommand's work, turning vugrad's own {@link InputError} (vugrad knows nothing of
   * this command line) into a {@link UserError}: one line on stderr and exit code 2.
   */
  static void reportingInputErrors(Runnable work) {
    try {
      work.run();
    } catch (InputError e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
