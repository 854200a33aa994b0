package cifar.cli;

import cifar.vugrad.nn.Activation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "sigmoid", "relu" or "tanh" (any case) into an {@link Activation}. */
final class ActivationConverter implements ITypeConverter<Activation> {
  @Override
  public Activation convert(String value) {
    try {
      return Activation.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
