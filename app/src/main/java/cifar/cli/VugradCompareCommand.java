package cifar.cli;

import cifar.UserError;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.study.AccuracyPlot;
import cifar.vugrad.study.Compare;
import cifar.vugrad.study.CompareFiles;
import cifar.vugrad.study.CompareResult;
import cifar.vugrad.study.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cifar vugrad compare}: the study's sigmoid-against-ReLU experiment. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare activations over repeated training runs, as in the study.",
      "Writes every repeat's validation accuracy per epoch (runs.csv), mean and std per epoch"
          + " and activation (summary.csv, also printed) and a plot with a ±1 std band"
          + " (accuracy.png)."
    })
public final class VugradCompareCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin VugradDataOptions data;
  @Mixin VugradTrainOptions training;

  @Option(
      names = "--activations", paramLabel = "NAME",
      split = ",",
      defaultValue = "sigmoid,relu",
      converter = ActivationConverter.class,
      description = "Activations to compare, comma-separated, from sigmoid, relu, tanh (default: ${DEFAULT-VALUE}).")
  List<Activation> activations;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Training runs per activation (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for runs.csv, summary.csv and accuracy.png.")
  Path out;

  @Override
  public void run() {
    UserError.requireAtLeast("--repeats", repeats, 1);
    VugradCommand.reportingInputErrors(this::compare);
  }

  private void compare() {
    PrintWriter console = spec.commandLine().getOut();
    CompareResult result;
    try (CompareFiles files = new CompareFiles(out)) {
      result =
          Compare.run(
              activations, repeats, training.settings(activations.get(0)), data::load,
              (activation, repeat, seed, epoch) -> {
                files.epochDone(activation, repeat, seed, epoch);
                if (epoch.epoch() == training.epochs) {
                  console.printf(
                      "%s repeat %d: validation accuracy %.4f after %d epochs%n",
                      activation.label(), repeat + 1, epoch.validationAccuracy(), epoch.epoch());
                  console.flush();
                }
              });
      files.writeSummary(result);
    }
    AccuracyPlot.save(result, out.resolve(CompareFiles.PLOT));
    console.print(SummaryTable.format(result));
    console.println("wrote " + out.resolve(CompareFiles.RUNS) + ", " + CompareFiles.SUMMARY + ", " + CompareFiles.PLOT);
  }
}
