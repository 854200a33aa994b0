package cifar.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines one training run of the blitz CNN: architecture, optimiser and data
 * budget. Two runs with equal configs (seed included) are the same run; the sweep derives a run's
 * id from {@link #toMap()}.
 *
 * <p>Where the run executes (device, threads) is deliberately not part of it: the same run on a
 * GPU or a CPU is still the same experiment.
 *
 * <p>Values are set by key, with the same names in YAML sweep files and in {@code train --set
 * key=value}; {@link ConfigKey} holds those names, their types and their valid ranges.
 *
 * @param convChannels output channels of each 5×5 conv layer, e.g. [6, 16] or [15, 20, 25]
 * @param kernelSize conv kernel size (square)
 * @param fcUnits units of each hidden fully connected layer, e.g. [120, 84]
 * @param fcActivation activation after each hidden FC layer, by its word ({@link
 *     ActivationFunction#word}): relu, tanh or sigmoid
 * @param dropout dropout probability after each hidden FC layer (0 = none)
 * @param learningRate SGD learning rate
 * @param momentum SGD momentum
 * @param batchSize training mini-batch size
 * @param epochs passes over the training set
 * @param seed seed for initialisation, shuffling and dropout
 * @param trainLimit use only the first N training images (0 = all)
 * @param testLimit use only the first N test images (0 = all)
 * @param validation hold out the last N training images (0 = none): never trained on, evaluated
 *     after every epoch like the test images, so a search can rank configs without the test set
 */
public record RunConfig(
    List<Integer> convChannels,
    int kernelSize,
    List<Integer> fcUnits,
    String fcActivation,
    double dropout,
    double learningRate,
    double momentum,
    int batchSize,
    int epochs,
    long seed,
    int trainLimit,
    int testLimit,
    int validation) {

  public RunConfig {
    convChannels = List.copyOf(convChannels);
    fcUnits = List.copyOf(fcUnits);
  }

  /** The study's baseline: the PyTorch 60-minute-blitz recipe. */
  public static RunConfig baseline() {
    return new RunConfig(List.of(6, 16), 5, List.of(120, 84), ActivationFunction.RELU.word(), 0.0,
        0.001, 0.9, 4, 5, 1L, 0, 0, 0);
  }

  /**
   * The function {@link #fcActivation} names.
   *
   * @throws ConfigException when it names none (only a config made without {@link ConfigKey},
   *     which checks every value, can hold such a word)
   */
  public ActivationFunction fcActivationFunction() {
    return ActivationFunction.byWord(fcActivation).orElseThrow(() -> new ConfigException(
        ConfigKey.FC_ACTIVATION.key(), "key '" + ConfigKey.FC_ACTIVATION.key() + "': value '"
            + fcActivation + "' is not one of " + String.join(", ", ActivationFunction.words())));
  }

  /**
   * Returns a copy with one key changed. The value may be a String (as typed on a command line)
   * or an already-typed object (as parsed from YAML).
   *
   * @throws ConfigException naming the key and the value when the key is unknown or the value is
   *     of the wrong type or out of range
   */
  public RunConfig with(String key, Object value) {
    Map<String, Object> m = toMap();
    ConfigKey k = ConfigKey.byName(key);
    m.put(k.key(), k.parse(value));
    return fromMap(m);
  }

  /** All keys with their values, in a fixed order; the canonical form used for run ids. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      m.put(k.key(), k.get(this));
    }
    return m;
  }

  /**
   * Builds a config from a map of typed values (as produced by {@link #toMap()}); a key missing
   * from it (a map written before the key existed) keeps the baseline's value.
   */
  @SuppressWarnings("unchecked")
  public static RunConfig fromMap(Map<String, Object> given) {
    Map<String, Object> m = baseline().toMap();
    m.putAll(given);
    return new RunConfig(
        (List<Integer>) m.get(ConfigKey.CONV_CHANNELS.key()),
        (Integer) m.get(ConfigKey.KERNEL_SIZE.key()),
        (List<Integer>) m.get(ConfigKey.FC_UNITS.key()),
        (String) m.get(ConfigKey.FC_ACTIVATION.key()),
        (Double) m.get(ConfigKey.DROPOUT.key()),
        (Double) m.get(ConfigKey.LR.key()),
        (Double) m.get(ConfigKey.MOMENTUM.key()),
        (Integer) m.get(ConfigKey.BATCH_SIZE.key()),
        (Integer) m.get(ConfigKey.EPOCHS.key()),
        (Long) m.get(ConfigKey.SEED.key()),
        (Integer) m.get(ConfigKey.TRAIN_LIMIT.key()),
        (Integer) m.get(ConfigKey.TEST_LIMIT.key()),
        (Integer) m.get(ConfigKey.VALIDATION.key()));
  }
}
