package cifar.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's log gets its own thread's lines, stack traces included, and no one else's. */
class RunLogTest {
  private static final Logger PROJECT = LogManager.getLogger("cifar.sweep.SomeClass");
  private static final Logger DJL = LogManager.getLogger("ai.djl.pytorch.SomeClass");

  @Test
  void twoRunsSideBySideEachLogTheirOwnThread(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    Thread second = new Thread(() -> {
      try (RunLog log = RunLog.open(b, "run-b")) {
        log.line("b says hello");
        PROJECT.warn("b warns");
      }
    });
    try (RunLog log = RunLog.open(a, "run-a")) {
      second.start();
      second.join();
      log.line("a says hello");
      PROJECT.info("a informs");
      DJL.warn("djl warns on a's thread");
      DJL.info("djl's info is below log4j2.xml's level for ai.djl");
      PROJECT.error("a failed", new IllegalStateException("the cause"));
    }
    PROJECT.warn("after a's log closed");
    String logA = Files.readString(a);
    String logB = Files.readString(b);
    assertTrue(logA.contains("a says hello") && logA.contains("a informs")
        && logA.contains("djl warns on a's thread"), logA);
    assertTrue(logA.contains("java.lang.IllegalStateException: the cause")
        && logA.contains("\tat cifar.training.RunLogTest"), "the stack trace: " + logA);
    assertFalse(logA.contains("b says") || logA.contains("b warns"), logA);
    assertFalse(logA.contains("below log4j2.xml's level") || logA.contains("after a's log"), logA);
    assertTrue(logB.contains("b says hello") && logB.contains("b warns"), logB);
    assertFalse(logB.contains("a says") || logB.contains("the cause"), logB);
  }

  @Test
  void aLogReopenedForAResumedRunKeepsItsEarlierLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("train.log");
    try (RunLog log = RunLog.open(file, "r")) {
      log.line("epoch 1");
    }
    try (RunLog log = RunLog.open(file, "r")) {
      log.line("epoch 2");
    }
    String text = Files.readString(file);
    assertTrue(text.contains("epoch 1") && text.contains("epoch 2"), text);
  }
}
