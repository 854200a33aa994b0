package cifar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigTest {

  @Test
  void baselineIsTheBlitzRecipe() {
    RunConfig b = RunConfig.baseline();
    assertEquals(List.of(6, 16), b.convChannels());
    assertEquals(List.of(120, 84), b.fcUnits());
    assertEquals("relu", b.fcActivation());
    assertEquals(0.001, b.learningRate());
    assertEquals(0.9, b.momentum());
    assertEquals(4, b.batchSize());
    assertEquals(5, b.epochs());
  }

  @Test
  void withParsesCommandLineStringsAndYamlObjects() {
    RunConfig c = RunConfig.baseline()
        .with("conv_channels", "15,20,25")
        .with("fc_units", List.of(275, 84))
        .with("lr", "0.005")
        .with("batch_size", 32)
        .with("fc_activation", "Tanh")
        .with("dropout", 0.2)
        .with("seed", "7");
    assertEquals(List.of(15, 20, 25), c.convChannels());
    assertEquals(List.of(275, 84), c.fcUnits());
    assertEquals(0.005, c.learningRate());
    assertEquals(32, c.batchSize());
    assertEquals("tanh", c.fcActivation());
    assertEquals(0.2, c.dropout());
    assertEquals(7L, c.seed());
  }

  @Test
  void everyActivationWordIsAcceptedAndNamesItsFunction() {
    assertEquals(List.of("relu", "tanh", "sigmoid"), ActivationFunction.words());
    for (ActivationFunction f : ActivationFunction.values()) {
      RunConfig c = RunConfig.baseline().with("fc_activation", " " + f.name() + " ");
      assertEquals(f.word(), c.fcActivation());
      assertEquals(f, c.fcActivationFunction());
    }
    assertEquals("relu, tanh or sigmoid", ConfigKey.FC_ACTIVATION.help());
  }

  @Test
  void aWordNoKeyCheckedNamesNoFunction() {
    RunConfig b = RunConfig.baseline();
    RunConfig unchecked = new RunConfig(b.convChannels(), b.kernelSize(), b.fcUnits(), "gelu",
        b.dropout(), b.learningRate(), b.momentum(), b.batchSize(), b.epochs(), b.seed(),
        b.trainLimit(), b.testLimit(), b.validation());
    ConfigException e = assertThrows(ConfigException.class, unchecked::fcActivationFunction);
    assertEquals("fc_activation", e.key());
    assertEquals("key 'fc_activation': value 'gelu' is not one of relu, tanh, sigmoid",
        e.getMessage());
  }

  @Test
  void mapRoundTripKeepsEveryKeyInOrder() {
    RunConfig c = RunConfig.baseline().with("lr", 0.01).with("conv_channels", "[20, 25]");
    assertEquals(c, RunConfig.fromMap(c.toMap()));
    assertEquals(ConfigKey.names(), List.copyOf(c.toMap().keySet()));
  }

  @Test
  void unknownKeySuggestsTheClosestOne() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> RunConfig.baseline().with("batchsize", 8));
    assertEquals("batchsize", e.key());
    assertTrue(e.getMessage().contains("did you mean 'batch_size'"), e.getMessage());
  }

  @Test
  void impossibleValuesNameTheKeyAndTheValue() {
    assertBad("lr", -0.1, "lr", "-0.1");
    assertBad("lr", "fast", "lr", "fast");
    assertBad("batch_size", 0, "batch_size", "must be between 1 and");
    assertBad("batch_size", 2.5, "batch_size", "whole number");
    assertBad("dropout", 1.0, "dropout", "below 1");
    assertBad("momentum", -0.5, "momentum", "-0.5");
    assertBad("fc_activation", "rellu", "fc_activation", "did you mean 'relu'");
    assertBad("conv_channels", "6,x", "conv_channels", "'x'");
    assertBad("conv_channels", List.of(), "conv_channels", "at least 1");
    assertBad("epochs", 0, "epochs", "must be between 1");
    assertBad("seed", -1, "seed", "0 or more");
  }

  private static void assertBad(String key, Object value, String... fragments) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> RunConfig.baseline().with(key, value));
    assertEquals(key, e.key());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing in: " + e.getMessage());
    }
  }
}
