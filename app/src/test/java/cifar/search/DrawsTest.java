package cifar.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.util.RandomUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A search's trials follow from its seed alone: the same on every call, machine and order. */
class DrawsTest {
  private static Space space() {
    Map<String, Distribution> keys = new LinkedHashMap<>();
    keys.put("lr", new Real(0.0005, 0.01, true));
    keys.put("batch_size", new Choice(List.of(4, 8, 16)));
    keys.put("conv_channels", new PerLayer(new Choice(List.of(2, 3)), new IntRange(8, 48, true)));
    return new Space(keys);
  }

  @Test
  void theSameSeedDrawsTheSameTrialsWhateverElseDrewInBetween() {
    Map<String, Object> first = Draws.trial(space(), 1, 3);
    RandomUtils.RANDOM.nextLong(); // someone else in the process draws from DJL's generator
    Draws.trial(space(), 1, 9);
    assertEquals(first, Draws.trial(space(), 1, 3));
    // pinned: a change of the seeding or of DJL's drawing would move every published search
    assertEquals("{lr=0.00224, batch_size=8, conv_channels=[36, 9]}",
        Draws.trial(space(), 1, 1).toString());
  }

  @Test
  void otherSeedsAndOtherTrialsDrawOtherValues() {
    assertNotEquals(Draws.trial(space(), 1, 1), Draws.trial(space(), 2, 1));
    assertNotEquals(Draws.trial(space(), 1, 1), Draws.trial(space(), 1, 2));
  }

  @Test
  void addingAKeyLeavesTheOtherKeysDrawsAlone() {
    Map<String, Distribution> more = new LinkedHashMap<>();
    more.put("dropout", new Real(0, 0.4, false));
    more.putAll(space().keys());
    Map<String, Object> wider = Draws.trial(new Space(more), 5, 4);
    wider.remove("dropout");
    assertEquals(Draws.trial(space(), 5, 4), wider);
  }
}
