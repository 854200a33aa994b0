package cifar.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The element-wise non-linearities of the CNN, each by the word that YAML sweep files,
 * {@code --set fc_activation=...}, config.yaml and run records use. The one list of them:
 * {@link ConfigKey#FC_ACTIVATION} accepts these words, {@code cifar.model.BlitzNet} makes their
 * DJL blocks and the training loop's direct forward their libtorch calls.
 */
public enum ActivationFunction {
  RELU,
  TANH,
  SIGMOID;

  /** The word users write: "relu", "tanh", "sigmoid". */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The function whose word is exactly {@code word} (lowercase, no blanks), if there is one. */
  public static Optional<ActivationFunction> byWord(String word) {
    return Arrays.stream(values()).filter(f -> f.word().equals(word)).findFirst();
  }

  /** Every word, in the order above. */
  public static List<String> words() {
    return Arrays.stream(values()).map(ActivationFunction::word).toList();
  }
}
