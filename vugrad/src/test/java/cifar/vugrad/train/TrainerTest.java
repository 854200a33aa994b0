package cifar.vugrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.InputError;
import cifar.vugrad.data.Synth;
import cifar.vugrad.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** vugrad's recipe on the synthetic task (hidden 8, batch 128, lr 0.01, 20 epochs). */
  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"SIGMOID", "RELU"})
  void synthReachesAtLeast95Percent(Activation activation) {
    List<EpochResult> seen = new ArrayList<>();
    List<EpochResult> results =
        new Trainer(Synth.load(4), TrainSettings.synthDefaults(activation, 4)).run(seen::add);
    assertEquals(results, seen);
    assertEquals(20, results.size());
    EpochResult last = results.get(19);
    assertTrue(last.validationAccuracy() >= 0.95, activation + ": " + last);
    assertTrue(last.runningLoss() < results.get(0).runningLoss(), "the loss goes down");
  }

  @Test
  void impossibleSettingsAreInputErrors() {
    InputError e =
        assertThrows(InputError.class, () -> new TrainSettings(Activation.RELU, 8, 0, 128, 0.01, 1));
    assertTrue(e.getMessage().contains("epochs") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(InputError.class, () -> new TrainSettings(Activation.RELU, 8, 1, 128, -1, 1));
    assertThrows(InputError.class, () -> new TrainSettings(Activation.RELU, 8, 1, 128, Double.NaN, 1));
  }
}
