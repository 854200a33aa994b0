package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import cifar.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicesTest {
  @Test
  void autoTakesTheFirstGpuWhenThereIsOne() {
    assertEquals(Device.cpu(), Devices.resolve("auto", 0));
    assertEquals(Device.gpu(0), Devices.resolve("auto", 2));
    assertEquals(Device.cpu(), Devices.resolve("CPU", 2));
    assertEquals(Device.gpu(1), Devices.resolve("gpu:1", 2));
  }

  @Test
  void aGpuThatIsNotThereIsAClearErrorNotACpuRun() {
    UserError e = assertThrows(UserError.class, () -> Devices.resolve("gpu", 0));
    assertTrue(e.getMessage().contains("--device gpu") && e.getMessage().contains("sees 0 GPUs"),
        e.getMessage());
    UserError e2 = assertThrows(UserError.class, () -> Devices.resolve("gpu:2", 2));
    assertTrue(e2.getMessage().contains("gpu:0..1"), e2.getMessage());
  }

  @Test
  void unknownSpecsAreRejected() {
    UserError e = assertThrows(UserError.class, () -> Devices.resolve("tpu", 0));
    assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
  }

  @Test
  void gpusKIsTheFirstKGpusAndAllIsEveryOne() {
    assertEquals(List.of(Device.gpu(0), Device.gpu(1)), Devices.resolveAll("auto", "2", 4));
    assertEquals(List.of(Device.gpu(0), Device.gpu(1), Device.gpu(2)),
        Devices.resolveAll("gpu", "all", 3));
    assertEquals(List.of(Device.gpu(0)), Devices.resolveAll("auto", "1", 1));
    assertEquals(List.of(Device.gpu(1)), Devices.resolveAll("gpu:1", null, 2));
    assertEquals(List.of(Device.cpu()), Devices.resolveAll("cpu", null, 2));
  }

  @Test
  void moreGpusThanThereAreNamesTheCountAndWhatDjlSees() {
    UserError e = assertThrows(UserError.class, () -> Devices.resolveAll("auto", "4", 2));
    assertTrue(e.getMessage().startsWith("--gpus 4: DJL sees 2 GPUs")
        && e.getMessage().contains("gpu:0..1"), e.getMessage());
    UserError none = assertThrows(UserError.class, () -> Devices.resolveAll("auto", "2", 0));
    assertTrue(none.getMessage().contains("--gpus 2: DJL sees 0 GPUs"), none.getMessage());
    UserError all = assertThrows(UserError.class, () -> Devices.resolveAll("auto", "all", 0));
    assertTrue(all.getMessage().contains("--gpus all: DJL sees no GPU"), all.getMessage());
  }

  @Test
  void gpusContradictingDeviceOrNotACountIsAnError() {
    UserError cpu = assertThrows(UserError.class, () -> Devices.resolveAll("cpu", "2", 2));
    assertTrue(cpu.getMessage().contains("--gpus 2 cannot be combined with --device cpu"),
        cpu.getMessage());
    assertThrows(UserError.class, () -> Devices.resolveAll("gpu:1", "2", 2));
    for (String bad : List.of("0", "-1", "two", "")) {
      UserError e = assertThrows(UserError.class, () -> Devices.resolveAll("auto", bad, 2));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void sweepsSpreadOverEveryGpuUnlessTold() {
    assertEquals(List.of(Device.gpu(0), Device.gpu(1)), Devices.forRuns("auto", null, 2));
    assertEquals(List.of(Device.gpu(0)), Devices.forRuns("auto", null, 1));
    assertEquals(List.of(Device.cpu()), Devices.forRuns("auto", null, 0));
    assertEquals(List.of(Device.cpu()), Devices.forRuns("cpu", null, 4));
    assertEquals(List.of(Device.gpu(3)), Devices.forRuns("gpu:3", null, 4));
    assertEquals(List.of(Device.gpu(0), Device.gpu(1)), Devices.forRuns("auto", "2", 4));
    assertEquals("gpu:1", Devices.spec(Device.gpu(1)));
    assertEquals("cpu", Devices.spec(Device.cpu()));
  }

  @Test
  void withGpusKEachSweepRunTrainsOnAGroupOfKGpus() {
    Device g0 = Device.gpu(0);
    Device g1 = Device.gpu(1);
    Device g2 = Device.gpu(2);
    Device g3 = Device.gpu(3);
    assertEquals(List.of(List.of(g0, g1), List.of(g2, g3)), Devices.groupsForRuns("auto", "2", 4));
    // 5 GPUs in groups of 2: the fifth stays idle rather than give one run a single GPU.
    assertEquals(List.of(List.of(g0, g1), List.of(g2, g3)), Devices.groupsForRuns("gpu", "2", 5));
    assertEquals(List.of(List.of(g0, g1, g2, g3)), Devices.groupsForRuns("auto", "all", 4));
    // Without --gpus: one device per run, as before.
    assertEquals(List.of(List.of(g0), List.of(g1)), Devices.groupsForRuns("auto", null, 2));
    assertEquals(List.of(List.of(Device.cpu())), Devices.groupsForRuns("auto", null, 0));
    assertEquals(List.of(List.of(g3)), Devices.groupsForRuns("gpu:3", null, 4));
    UserError e = assertThrows(UserError.class, () -> Devices.groupsForRuns("auto", "3", 2));
    assertTrue(e.getMessage().contains("--gpus 3"), e.getMessage());
  }
}
