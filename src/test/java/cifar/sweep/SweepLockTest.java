package cifar.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLockTest {
  private static final String HOST = "node-a";

  @TempDir Path tmp;

  private Path lockFile(String name) {
    return tmp.resolve(SweepLock.DIR).resolve(name);
  }

  /** Writes a lock file as another process would have. */
  private Path writeLock(String name, String host, long pid, Instant started, String shard)
      throws Exception {
    Path f = lockFile(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, new LockHolder(host, pid, started, shard).json());
    return f;
  }

  private List<String> lockNames() throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve(SweepLock.DIR))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void twoLocksOfOneShardConflictAndTheSecondNamesTheFirst() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (SweepLock first = SweepLock.acquire(tmp, Shard.ALL, HOST)) {
      assertEquals(lockFile("shard-1-of-1.lock"), first.file());
      assertTrue(first.notes().isEmpty());
      UserError e = assertThrows(UserError.class, () -> SweepLock.acquire(tmp, Shard.ALL, HOST));
      assertTrue(e.getMessage().startsWith("another sweep is training in this directory: "
          + first.file() + " is held by pid " + pid + " on host " + HOST + " (started "
          + ProcessHandle.current().info().startInstant().orElseThrow() + ", shard 1/1)"), e.getMessage());
      assertTrue(Files.exists(first.file()), "the refused sweep leaves the holder's lock alone");
    }
    assertEquals(List.of(), lockNames(), "released at the end");
    SweepLock.acquire(tmp, Shard.ALL, HOST).close(); // and free again
  }

  @Test
  void differentShardsOfOneCountCoexistButOverlappingSlicesConflict() throws Exception {
    try (SweepLock one = SweepLock.acquire(tmp, new Shard(1, 2, "t"), HOST);
        SweepLock two = SweepLock.acquire(tmp, new Shard(2, 2, "t"), HOST)) {
      assertEquals(List.of(lockFile("shard-1-of-2.lock"), lockFile("shard-2-of-2.lock")),
          List.of(one.file(), two.file()));
      UserError whole = assertThrows(UserError.class, () -> SweepLock.acquire(tmp, Shard.ALL, HOST));
      assertTrue(whole.getMessage().contains("shard-1-of-2.lock is held by"), whole.getMessage());
      UserError thirds = assertThrows(UserError.class,
          () -> SweepLock.acquire(tmp, new Shard(3, 3, "t"), HOST));
      assertTrue(thirds.getMessage().contains("which overlaps shard 3/3"), thirds.getMessage());
      assertEquals(List.of("shard-1-of-2.lock", "shard-2-of-2.lock"), lockNames(),
          "a refused sweep removes the lock it had created");
    }
  }

  @Test
  void aLockOfAProcessThatIsGoneIsTakenOverWithANote() throws Exception {
    Process done = new ProcessBuilder("true").start();
    Instant started = done.toHandle().info().startInstant().orElse(null);
    assertEquals(0, done.waitFor());
    assertFalse(ProcessHandle.of(done.pid()).map(ProcessHandle::isAlive).orElse(false));
    Path stale = writeLock("shard-1-of-1.lock", HOST, done.pid(), started, "1/1");
    // a crashed sweep of the whole directory blocks a shard too, until taken over
    try (SweepLock lock = SweepLock.acquire(tmp, new Shard(2, 2, "t"), HOST)) {
      assertEquals(1, lock.notes().size());
      assertTrue(lock.notes().get(0).startsWith("took over the stale lock " + stale + " of pid "
          + done.pid() + " on host " + HOST), lock.notes().get(0));
      assertEquals(List.of("shard-2-of-2.lock"), lockNames());
    }
    writeLock("shard-1-of-1.lock", HOST, done.pid(), started, "1/1");
    try (SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST)) {
      assertEquals(1, lock.notes().size(), "the same shard's stale lock is replaced by ours");
      assertEquals(ProcessHandle.current().pid(),
          LockHolder.parse(Files.readString(lock.file())).pid());
    }
  }

  @Test
  void aPidNowUsedByALaterProcessIsStale() throws Exception {
    Instant before = ProcessHandle.current().info().startInstant().orElseThrow()
        .minus(Duration.ofHours(1));
    writeLock("shard-1-of-1.lock", HOST, ProcessHandle.current().pid(), before, "1/1");
    try (SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST)) {
      assertEquals(1, lock.notes().size(), lock.notes().toString());
    }
  }

  @Test
  void aLiveLockOfAnotherProcessIsRefusedNamingItsHolder() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      Instant started = sleep.toHandle().info().startInstant().orElseThrow();
      Path held = writeLock("shard-1-of-1.lock", HOST, sleep.pid(), started, "1/1");
      String before = Files.readString(held);
      UserError e = assertThrows(UserError.class, () -> SweepLock.acquire(tmp, Shard.ALL, HOST));
      assertTrue(e.getMessage().contains(held + " is held by pid " + sleep.pid() + " on host "
          + HOST + " (started " + started + ", shard 1/1)"), e.getMessage());
      assertEquals(before, Files.readString(held));
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }

  @Test
  void aLockOfAnotherHostIsRefusedWithHowToRemoveIt() throws Exception {
    Path held = writeLock("shard-1-of-3.lock", "node-b", 4242, Instant.parse("2025-01-02T03:04:05Z"), "1/3");
    UserError e = assertThrows(UserError.class, () -> SweepLock.acquire(tmp, new Shard(1, 3, "t"), HOST));
    assertEquals(held + " is held by pid 4242 on host node-b (started 2025-01-02T03:04:05Z, shard 1/3),"
        + " which this host (node-a) cannot check: if you know that sweep is no longer running,"
        + " delete " + held + " and start again", e.getMessage());
    try (SweepLock other = SweepLock.acquire(tmp, new Shard(2, 3, "t"), HOST)) {
      assertTrue(other.notes().isEmpty(), "another shard of the same count is not held up");
    }
  }

  /** A process that takes the lock of a sweep directory and waits to be stopped. */
  static final class Holder {
    public static void main(String[] args) throws Exception {
      SweepLock.acquire(Path.of(args[0]), Shard.ALL, HOST);
      System.out.println("locked");
      Thread.sleep(60_000);
    }
  }

  @Test
  void aSweepStoppedWithSigtermOrCtrlCReleasesItsLock() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Holder.class.getName(), tmp.toString())
        .redirectErrorStream(true).start();
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      assertEquals("locked", line);
      assertEquals(List.of("shard-1-of-1.lock"), lockNames());
      p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(List.of(), lockNames(), "the shutdown hook deleted the lock");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void anUnreadableLockIsRefusedNotIgnored() throws Exception {
    Path f = lockFile("shard-1-of-1.lock");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "");
    UserError e = assertThrows(UserError.class, () -> SweepLock.acquire(tmp, Shard.ALL, HOST));
    assertTrue(e.getMessage().startsWith(f + " is not a lock this program can read"), e.getMessage());
  }
}
