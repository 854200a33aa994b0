package cifar.cli;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.training.RunDirectory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Option;

/**
 * The options that decide a {@link RunConfig}, shared by commands that train. Applied in this
 * order, later winning: the baseline recipe, {@code --config FILE}, the named options
 * ({@code --epochs} ...), then {@code --set key=value}.
 */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML map of config keys, e.g. 'conv_channels: [20, 25]'.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set one config key (repeatable), e.g. --set fc_units=120,84 --set dropout=0.2.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--epochs", paramLabel = "E", description = "Passes over the training set (default 5).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B", description = "Training mini-batch size (default 4).")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "LR", description = "SGD learning rate (default 0.001).")
  Double lr;

  @Option(names = "--seed", paramLabel = "S", description = "Seed for initialisation, shuffling and dropout (default 1).")
  Long seed;

  @Option(names = "--train-limit", paramLabel = "N",
      description = "Train on the first N training images only (default: all).")
  Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N",
      description = "Evaluate on the first N test images only (default: all).")
  Integer testLimit;

  /** Whether any of these options was given. */
  boolean given() {
    return configFile != null || !sets.isEmpty() || epochs != null || batchSize != null
        || lr != null || seed != null || trainLimit != null || testLimit != null;
  }

  /** The recipe these options describe. */
  public RunConfig resolve() {
    RunConfig c = RunConfig.baseline();
    if (configFile != null) {
      c = RunDirectory.applyYaml(c, readYaml(configFile), configFile);
    }
    c = setIf(c, "epochs", epochs);
    c = setIf(c, "batch_size", batchSize);
    c = setIf(c, "lr", lr);
    c = setIf(c, "seed", seed);
    c = setIf(c, "train_limit", trainLimit);
    c = setIf(c, "test_limit", testLimit);
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--set: '" + s + "' is not key=value");
      }
      c = c.with(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return c;
  }

  private static RunConfig setIf(RunConfig c, String key, Object value) {
    return value == null ? c : c.with(key, value);
  }

  private static Object readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("--config: file " + file + " does not exist");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml().load(in);
    } catch (IOException | YAMLException e) {
      throw new UserError(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }
}
