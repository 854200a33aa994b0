package cifar.cli;

import cifar.UserError;
import cifar.engine.Devices;
import cifar.engine.Threads;
import cifar.predict.Prediction;
import cifar.predict.PredictionsJson;
import cifar.predict.Predictor;
import cifar.training.ExecutionOptions;
import cifar.training.RunDirectory;
import cifar.training.TrainedModel;
import cifar.training.TrainingProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cifar predict}: the classes a trained run gives to your own images. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:every image was classified", "1:one or more paths gave no image (each named in an error line)", ExitCodes.BAD_INPUT},name = "predict", mixinStandardHelpOptions = true,
    description = {
      "Classify PNG or JPEG images of any size with a trained run's model: each image is resized"
          + " to 32×32 as torchvision's Resize((32, 32)) does (Pillow's antialiased bilinear) and"
          + " normalised as in training; one line per image gives the top K classes with their"
          + " probabilities.",
      "A directory stands for the PNG and JPEG files in it. A path that gives no image (missing,"
          + " not an image, undecodable, a directory without images) is named in a one-line error"
          + " and the other images are still classified."
    })
public final class PredictCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  ModelChoice model;

  @Parameters(paramLabel = "IMAGE", arity = "1..*",
      description = "PNG or JPEG files, or directories of them.")
  List<Path> images = new ArrayList<>();

  @Option(names = "--top", paramLabel = "K", defaultValue = "3",
      description = "Classes to show per image, 1 to 10 (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--json", description = "Print one JSON document instead of lines (failures"
      + " are in it too, and still on standard error).")
  boolean json;

  @Mixin DeviceOptions devices;
  @Mixin ThreadsOption threadsOption;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (top < 1 || top > 10) {
      throw new UserError("--top: value '" + top + "' must be between 1 and 10");
    }
    int threads = threadsOption.threads();
    Threads.configure(threads);
    Devices.resolveAll(devices.device, null); // a missing GPU fails before anything is read
    RunDirectory dir = RunDirectory.open(model.dir());
    List<Prediction> predicted = new ArrayList<>();
    List<Predictor.Failure> failed = new ArrayList<>();
    try (TrainedModel trained = TrainedModel.load(dir.readConfig(), dir.parameters(),
        new ExecutionOptions(devices.device, threads, TrainingProgress.NONE))) {
      new Predictor(trained, top).run(images, new Predictor.Listener() {
        @Override
        public void predicted(Prediction p) {
          predicted.add(p);
          if (!json) {
            System.out.println(p.line());
          }
        }

        @Override
        public void failed(Predictor.Failure f) {
          failed.add(f);
          spec.commandLine().getErr().println("error: " + f.file() + ": " + f.problem());
        }
      });
    }
    if (json) {
      System.out.print(PredictionsJson.write(dir.dir().toString(), top, predicted, failed));
    }
    return failed.isEmpty() ? 0 : 1;
  }
}
