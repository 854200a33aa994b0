package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MemoryTest {
  @Test
  void residentMemoryGrowsWhenTheProcessTouchesMoreMemory() {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "Linux only");
    long before = Memory.residentMiB();
    // Off the heap, so the pages are fresh: a heap array could reuse pages already resident.
    ByteBuffer block = ByteBuffer.allocateDirect(256 << 20);
    for (int i = 0; i < block.capacity(); i += 4096) {
      block.put(i, (byte) 1); // touch every page so it becomes resident
    }
    long after = Memory.residentMiB();
    assertTrue(before > 0, "resident " + before);
    assertTrue(after >= before + 200, before + " MiB -> " + after + " MiB");
    assertTrue(block.get(4096) == 1);
  }
}
