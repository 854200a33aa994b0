package cifar.cli;

import cifar.vugrad.data.Dataset;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.train.Trainer;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cifar vugrad train}: vugrad's train_mlp.py. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train vugrad's MLP and print the running loss and validation accuracy of every epoch.")
public final class VugradTrainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin VugradDataOptions data;
  @Mixin VugradTrainOptions training;

  @Option(
      names = "--activation", paramLabel = "NAME",
      defaultValue = "sigmoid",
      converter = ActivationConverter.class,
      description = "Non-linearity of the hidden layer: sigmoid, relu or tanh (default: ${DEFAULT-VALUE}).")
  Activation activation;

  @Override
  public void run() {
    VugradCommand.reportingInputErrors(this::train);
  }

  private void train() {
    PrintWriter out = spec.commandLine().getOut();
    Dataset dataset = data.load(training.seed);
    out.printf(
        Locale.ROOT, "## data: %d training, %d validation instances; classes %s / %s%n",
        dataset.train().size(), dataset.validation().size(),
        Arrays.toString(dataset.train().classCounts(dataset.numClasses())),
        Arrays.toString(dataset.validation().classCounts(dataset.numClasses())));
    out.flush();
    new Trainer(dataset, training.settings(activation))
        .run(
            epoch -> {
              out.printf(
                  Locale.ROOT, "epoch %03d  running loss %.4f  validation accuracy %.4f  (%.2f s)%n",
                  epoch.epoch(), epoch.runningLoss(), epoch.validationAccuracy(), epoch.seconds());
              out.flush();
            });
  }
}
