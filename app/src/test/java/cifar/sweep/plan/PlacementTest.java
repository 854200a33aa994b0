package cifar.sweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
  @Test
  void workerITrainsOnGpuIModK() {
    List<String> gpus = List.of("gpu:0", "gpu:1", "gpu:2");
    assertEquals(List.of("gpu:0", "gpu:1", "gpu:2", "gpu:0", "gpu:1"), Placement.roundRobin(gpus, 5));
    assertEquals(List.of("gpu:0", "gpu:1"), Placement.roundRobin(gpus, 2));
    assertEquals(gpus, Placement.roundRobin(gpus, 3));
  }

  @Test
  void oneDeviceIsSharedByEveryWorker() {
    assertEquals(List.of("cpu", "cpu", "cpu"), Placement.roundRobin(List.of("cpu"), 3));
    assertEquals(List.of("cpu"), Placement.roundRobin(List.of("cpu"), 1));
  }

  @Test
  void noDeviceIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Placement.roundRobin(List.of(), 2));
  }
}
