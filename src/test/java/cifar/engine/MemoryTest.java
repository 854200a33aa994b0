package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MemoryTest {
  @Test
  void residentMemoryGrowsWhenTheProcessTouchesMoreMemory() {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "Linux only");
    long before = Memory.residentMiB();
    byte[] block = new byte[256 << 20];
    for (int i = 0; i < block.length; i += 4096) {
      block[i] = 1; // touch every page so it becomes resident
    }
    long after = Memory.residentMiB();
    assertTrue(before > 0, "resident " + before);
    assertTrue(after >= before + 200, before + " MiB -> " + after + " MiB");
    assertTrue(block[4096] == 1);
  }
}
