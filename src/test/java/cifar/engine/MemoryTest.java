package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
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

  /**
   * Memory freed into glibc's heaps stays resident until trimmed: 128 MiB in small blocks (each
   * below glibc's mmap threshold, so they come from its heap), written and freed, then trimmed.
   */
  @Test
  void trimmingGivesFreedNativeMemoryBack() {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "Linux only");
    long[] blocks = new long[128 * 1024];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = Native.malloc(1024);
      for (int offset = 0; offset < 1024; offset += 256) {
        new Pointer(blocks[i]).setByte(offset, (byte) 1); // make the pages resident
      }
    }
    long full = Memory.residentMiB();
    for (long block : blocks) {
      Native.free(block);
    }
    long freed = Memory.residentMiB();
    assertTrue(Memory.trimNative(), "malloc_trim released nothing");
    long trimmed = Memory.residentMiB();
    assertTrue(trimmed <= freed - 100, full + " MiB used, " + freed + " MiB after free, "
        + trimmed + " MiB after the trim");
  }
}
