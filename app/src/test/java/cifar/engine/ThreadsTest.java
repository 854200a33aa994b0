package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadsTest {
  @Test
  void smallBatchesTrainOnOneThreadUnlessTheUserAsks() {
    assertEquals(1, Threads.forBatch(0, 4));
    assertEquals(1, Threads.forBatch(0, Threads.SMALL_BATCH));
    assertEquals(0, Threads.forBatch(0, Threads.SMALL_BATCH + 1), "libtorch's default: one per core");
    assertEquals(2, Threads.forBatch(2, 4), "an explicit --threads always wins");
    assertEquals(3, Threads.forBatch(3, 128));
  }
}
