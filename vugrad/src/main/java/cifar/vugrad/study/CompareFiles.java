package cifar.vugrad.study;

import cifar.vugrad.InputError;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.train.EpochResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The CSV files of a comparison: {@code runs.csv} gets one row per repeat and epoch as soon as
 * that epoch ends (so an interrupted study keeps what it computed), {@code summary.csv} the mean
 * and std per activation and epoch at the end.
 */
public final class CompareFiles implements Compare.Listener, AutoCloseable {
  public static final String RUNS = "runs.csv";
  public static final String SUMMARY = "summary.csv";
  public static final String PLOT = "accuracy.png";

  private final Path dir;
  private final Writer runs;

  public CompareFiles(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      runs = Files.newBufferedWriter(dir.resolve(RUNS));
      runs.write("activation,repeat,seed,epoch,validation_accuracy,running_loss\n");
      runs.flush();
    } catch (IOException e) {
      throw new InputError(dir + ": cannot write the comparison there: " + e.getMessage(), e);
    }
  }

  @Override
  public void epochDone(Activation activation, int repeat, long seed, EpochResult result) {
    write(
        String.format(
            Locale.ROOT, "%s,%d,%d,%d,%.6f,%.6f%n", activation.label(), repeat + 1, seed,
            result.epoch(), result.validationAccuracy(), result.runningLoss()));
  }

  /** Writes summary.csv: epoch, then mean and std for each activation. */
  public void writeSummary(CompareResult result) {
    StringBuilder csv = new StringBuilder("epoch");
    for (Activation a : result.activations()) {
      csv.append(',').append(a.label()).append("_mean,").append(a.label()).append("_std");
    }
    csv.append('\n');
    for (int epoch = 1; epoch <= result.epochs(); epoch++) {
      csv.append(epoch);
      for (int a = 0; a < result.activations().size(); a++) {
        MeanStd s = result.meanStd(a, epoch);
        csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", s.mean(), s.std()));
      }
      csv.append('\n');
    }
    try {
      Files.writeString(dir.resolve(SUMMARY), csv);
    } catch (IOException e) {
      throw new InputError(dir.resolve(SUMMARY) + ": cannot write: " + e.getMessage(), e);
    }
  }

  private void write(String line) {
    try {
      runs.write(line);
      runs.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(dir.resolve(RUNS) + ": cannot write", e);
    }
  }

  @Override
  public void close() {
    try {
      runs.close();
    } catch (IOException e) {
      throw new UncheckedIOException(dir.resolve(RUNS) + ": cannot close", e);
    }
  }
}
