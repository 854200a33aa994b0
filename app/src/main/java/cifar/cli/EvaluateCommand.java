package cifar.cli;

import cifar.config.RunConfig;
import cifar.data.CifarLoader;
import cifar.data.CifarSplit;
import cifar.engine.Devices;
import cifar.engine.Threads;
import cifar.training.Evaluation;
import cifar.training.ExecutionOptions;
import cifar.training.RunDirectory;
import cifar.training.TrainedModel;
import cifar.training.TrainingProgress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cifar evaluate}: test accuracy of a trained run's saved parameters. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG, ExitCodes.BAD_INPUT},name = "evaluate", mixinStandardHelpOptions = true,
    description = "Rebuild a trained run's model from its config.yaml and model.params and report "
        + "its test accuracy, overall and per class: a `train` run directory (--run DIR), or a run "
        + "of a sweep (--sweep DIR --name NAME [--seed S]).")
public final class EvaluateCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  ModelChoice model;

  @Mixin DataDirOption data;
  @Mixin DeviceOptions device;
  @Mixin ThreadsOption threads;

  @Option(names = "--gpus", paramLabel = "K",
      description = "As for train: evaluate runs on the first of those GPUs (10,000 images are not"
          + " worth splitting), so a train command's device options work here unchanged.")
  String gpus;

  @Override
  public Integer call() {
    int threadCount = threads.threads();
    Threads.configure(threadCount);
    Devices.resolveAll(device.device, gpus); // a missing GPU fails before data is read
    RunDirectory dir = RunDirectory.open(model.dir());
    RunConfig config = dir.readConfig();
    CifarSplit test = CifarLoader.load(data.dataDir).test().limit(config.testLimit());
    Evaluation e = TrainedModel.evaluate(config, dir.parameters(), test,
        new ExecutionOptions(device.device, gpus, threadCount, TrainingProgress.NONE));
    for (int c = 0; c < e.perClass().size(); c++) {
      System.out.printf(Locale.ROOT, "Accuracy for class: %-10s is %.1f %%%n", CifarSplit.CLASSES[c],
          100 * e.perClass().get(c));
    }
    System.out.printf(Locale.ROOT, "Accuracy of the network on the %d test images: %.1f %%%n",
        test.size(), 100 * e.accuracy());
    return 0;
  }
}
