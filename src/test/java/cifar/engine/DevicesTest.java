package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import cifar.UserError;
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
  void flavorComesFromDjlsCacheFolderName() {
    assertEquals("cpu", EngineInfo.flavor("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
    assertEquals("cu124", EngineInfo.flavor("/root/.djl.ai/pytorch/2.7.1-cu124-linux-x86_64"));
  }
}
