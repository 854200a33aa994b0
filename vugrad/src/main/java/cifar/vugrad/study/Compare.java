package cifar.vugrad.study;

import cifar.vugrad.data.Dataset;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.train.EpochResult;
import cifar.vugrad.train.TrainSettings;
import cifar.vugrad.train.Trainer;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The study's experiment: train the same MLP with each activation, several times, and keep the
 * validation accuracy after every epoch. Repeat r of every activation uses seed {@code seed + r}
 * for its data and initial weights, so the activations see the same draws.
 */
public final class Compare {
  /** Hears about every finished epoch, so results reach disk as soon as they exist. */
  public interface Listener {
    void epochDone(Activation activation, int repeat, long seed, EpochResult result);
  }

  private Compare() {}

  public static CompareResult run(
      List<Activation> activations,
      int repeats,
      TrainSettings settings,
      LongFunction<Dataset> dataForSeed,
      Listener listener) {
    double[][][] accuracy = new double[activations.size()][repeats][settings.epochs()];
    for (int r = 0; r < repeats; r++) {
      long seed = settings.seed() + r;
      Dataset data = dataForSeed.apply(seed);
      for (int a = 0; a < activations.size(); a++) {
        Activation activation = activations.get(a);
        TrainSettings run = settings.withActivation(activation).withSeed(seed);
        int repeat = r;
        double[] row = accuracy[a][r];
        new Trainer(data, run)
            .run(
                epoch -> {
                  row[epoch.epoch() - 1] = epoch.validationAccuracy();
                  listener.epochDone(activation, repeat, seed, epoch);
                });
      }
    }
    return new CompareResult(List.copyOf(activations), repeats, settings.epochs(), accuracy);
  }
}
