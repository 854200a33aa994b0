package cifar.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.config.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunIdsTest {
  /**
   * The ids below were computed outside Java, with
   * {@code printf '%s' '<json>' | sha256sum | cut -c1-12}; a change of JVM, of Double.toString or
   * of map order must not change them, or every sweep directory would lose its records.
   */
  @Test
  void idIsStableAcrossJvmsForALiteralConfig() {
    assertEquals("{\"conv_channels\":[6,16],\"kernel_size\":5,\"fc_units\":[120,84],"
        + "\"fc_activation\":\"relu\",\"dropout\":0,\"lr\":0.001,\"momentum\":0.9,\"batch_size\":4,"
        + "\"epochs\":5,\"seed\":1,\"train_limit\":0,\"test_limit\":0}",
        RunIds.canonicalJson(RunIds.identity(RunConfig.baseline())));
    assertEquals("ea9194e0dec8", RunIds.runId(RunConfig.baseline()));
    // a validation split is a key added later: absent at 0, a new id when asked for
    assertEquals("ea9194e0dec8", RunIds.runId(RunConfig.baseline().with("validation", 0)));
    assertTrue(RunIds.canonicalJson(RunIds.identity(RunConfig.baseline().with("validation", 5000)))
        .endsWith(",\"test_limit\":0,\"validation\":5000}"));
    assertNotEquals("ea9194e0dec8", RunIds.runId(RunConfig.baseline().with("validation", 5000)));

    Map<String, Object> literal = new LinkedHashMap<>();
    literal.put("conv_channels", List.of(15, 20, 25));
    literal.put("kernel_size", 5);
    literal.put("fc_units", List.of(120, 84));
    literal.put("fc_activation", "relu");
    literal.put("dropout", 0.2);
    literal.put("lr", 0.001);
    literal.put("momentum", 0.9);
    literal.put("batch_size", 4);
    literal.put("epochs", 5);
    literal.put("seed", 2L);
    literal.put("train_limit", 0);
    literal.put("test_limit", 0);
    assertEquals("27af0225e84d", RunIds.runId(RunConfig.fromMap(literal)));
    assertEquals("27af0225e84d", RunIds.runId(RunConfig.baseline()
        .with("conv_channels", "15,20,25").with("dropout", "0.2").with("seed", "2")));
  }

  @Test
  void seedsGiveDifferentRunIdsButOneConfigId() {
    RunConfig a = RunConfig.baseline();
    RunConfig b = a.with("seed", 2L);
    assertNotEquals(RunIds.runId(a), RunIds.runId(b));
    assertEquals(RunIds.configId(a), RunIds.configId(b));
    assertNotEquals(RunIds.configId(a), RunIds.configId(a.with("lr", 0.002)));
  }

  @Test
  void everyKeyTakesPartInTheId() {
    RunConfig base = RunConfig.baseline();
    List<RunConfig> changed = List.of(base.with("epochs", 1), base.with("train_limit", 100),
        base.with("test_limit", 100), base.with("momentum", 0.8), base.with("kernel_size", 3),
        base.with("fc_units", List.of(120)), base.with("fc_activation", "tanh"));
    for (RunConfig c : changed) {
      assertNotEquals(RunIds.runId(base), RunIds.runId(c), c.toString());
    }
  }

  @Test
  void numbersArePlainDecimals() {
    assertEquals("0.001", RunIds.number(0.001));
    assertEquals("0", RunIds.number(0.0));
    assertEquals("0.0000001", RunIds.number(1e-7));
    assertEquals("0.3", RunIds.number(0.1 + 0.2), "rounding to 15 digits hides binary noise");
    assertEquals("128", RunIds.number(128.0));
  }
}
