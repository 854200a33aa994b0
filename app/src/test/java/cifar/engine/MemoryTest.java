package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.EnvironmentDependent;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** glibc's memory as the process sees it: resident size, and what a trim gives back. */
@EnvironmentDependent
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
   * below glibc's mmap threshold, so they come from its heap), written, then all freed but every
   * 16th, then trimmed. The blocks left in place (the last one among them) keep free() from
   * handing the top of the heap back by itself, which made a first version of this test depend
   * on how much free() had already returned; between them lie runs of 15 free blocks, whole
   * pages that only a trim gives back.
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
    for (int i = 0; i < blocks.length; i++) {
      if (i % 16 != 15) {
        Native.free(blocks[i]);
      }
    }
    long freed = Memory.residentMiB();
    boolean released = Memory.trimNative();
    long trimmed = Memory.residentMiB();
    for (int i = 15; i < blocks.length; i += 16) {
      Native.free(blocks[i]);
    }
    String sizes = full + " MiB used, " + freed + " MiB after free, " + trimmed + " MiB after the trim";
    assertTrue(released, "malloc_trim released nothing: " + sizes);
    assertTrue(freed >= full - 20, "free() gave memory back by itself: " + sizes);
    assertTrue(trimmed <= freed - 60, sizes);
  }
}
