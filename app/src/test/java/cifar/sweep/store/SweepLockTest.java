package cifar.sweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.json.Json;
import cifar.sweep.plan.Shard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  /** A lease of milliseconds, so that tests need not wait for minutes. */
  private static final Lease FAST = new Lease(Duration.ofMillis(50), Duration.ofSeconds(10));

  /** Writes a lock file as another process would have. */
  private Path writeLock(String name, LockHolder holder) throws Exception {
    return writeLock(name, holder.json());
  }

  private Path writeLock(String name, String content) throws Exception {
    Path f = lockFile(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    return f;
  }

  private static Instant heartbeatOf(Path lock) throws Exception {
    return LockHolder.parse(Files.readString(lock)).heartbeat();
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
    LockHolder gone = new LockHolder(HOST, done.pid(), started, "1/1", Instant.now());
    Path stale = writeLock("shard-1-of-1.lock", gone);
    // a crashed sweep of the whole directory blocks a shard too, until taken over
    try (SweepLock lock = SweepLock.acquire(tmp, new Shard(2, 2, "t"), HOST)) {
      assertEquals(1, lock.notes().size());
      assertTrue(lock.notes().get(0).startsWith("took over the stale lock " + stale + " of pid "
          + done.pid() + " on host " + HOST), lock.notes().get(0));
      assertEquals(List.of("shard-2-of-2.lock"), lockNames());
    }
    writeLock("shard-1-of-1.lock", gone);
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
    writeLock("shard-1-of-1.lock",
        new LockHolder(HOST, ProcessHandle.current().pid(), before, "1/1", Instant.now()));
    try (SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST)) {
      assertEquals(1, lock.notes().size(), lock.notes().toString());
    }
  }

  @Test
  void aLiveLockOfAnotherProcessIsRefusedNamingItsHolder() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      Instant started = sleep.toHandle().info().startInstant().orElseThrow();
      // an old heartbeat: on this host the process decides, not the lease
      Path held = writeLock("shard-1-of-1.lock", new LockHolder(HOST, sleep.pid(), started, "1/1",
          Instant.now().minus(Duration.ofHours(1))));
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
  void aLockOfAnotherHostWhoseHeartbeatIsOldIsTakenOverWithANote() throws Exception {
    Instant started = Instant.parse("2025-01-02T03:04:05Z");
    Path stale = writeLock("shard-1-of-3.lock", new LockHolder("node-b", 4242, started, "1/3",
        Instant.now().minus(Duration.ofMinutes(10))));
    List<String> waits = new ArrayList<>();
    try (SweepLock lock = SweepLock.acquire(tmp, new Shard(1, 3, "t"), HOST, waits::add)) {
      assertEquals(List.of("took over the stale lock " + stale + " of pid 4242 on host node-b"
          + " (started 2025-01-02T03:04:05Z, shard 1/3), its last heartbeat is 10 min old, and a"
          + " lock of another host is stale after 90 s"), lock.notes());
      assertEquals(List.of(), waits, "an old heartbeat is not waited for");
      LockHolder now = LockHolder.parse(Files.readString(lock.file()));
      assertEquals(HOST, now.host());
      assertEquals(List.of("shard-1-of-3.lock"), lockNames());
    }
  }

  @Test
  void aLockWrittenBeforeHeartbeatsCountsItsStartTimeAsItsHeartbeat() throws Exception {
    Path stale = writeLock("shard-1-of-1.lock", "{\n  \"host\": \"node-b\",\n  \"pid\": 4242,\n"
        + "  \"started\": \"2025-01-02T03:04:05Z\",\n  \"shard\": \"1/1\"\n}\n");
    try (SweepLock lock = SweepLock.acquire(tmp, new Shard(2, 4, "t"), HOST)) {
      assertEquals(1, lock.notes().size(), lock.notes().toString());
      assertTrue(lock.notes().get(0).startsWith("took over the stale lock " + stale + " of pid 4242"
          + " on host node-b (started 2025-01-02T03:04:05Z, shard 1/1), its last heartbeat is "),
          lock.notes().get(0));
      assertEquals(List.of("shard-2-of-4.lock"), lockNames());
    }
  }

  @Test
  void aLiveLockOfAnotherHostIsRefusedNamingItsHolderAndWhenItWouldBeStale() throws Exception {
    Shard shard = new Shard(1, 3, "t");
    try (SweepLock held = SweepLock.acquire(tmp, shard, "node-b", FAST, m -> { })) {
      String before = Files.readString(held.file());
      List<String> waits = new ArrayList<>();
      long t0 = System.nanoTime();
      UserError e = assertThrows(UserError.class,
          () -> SweepLock.acquire(tmp, shard, HOST, FAST, waits::add));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertTrue(e.getMessage().startsWith("another sweep is training in this directory: "
          + held.file() + " is held by pid " + ProcessHandle.current().pid() + " on host node-b"
          + " (started "), e.getMessage());
      assertTrue(e.getMessage().contains(", which overlaps shard 1/3; its heartbeat moved to "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith(" while this sweep watched it, so it runs (the lock counts"
          + " as stale once its heartbeat stands still for 10 s); wait for it to end, or train"
          + " another shard"), e.getMessage());
      assertTrue(took.compareTo(FAST.timeout()) < 0, "refused as its heartbeat moved: " + took);
      assertEquals(1, waits.size(), waits.toString());
      assertTrue(waits.get(0).startsWith(held.file() + " is held by pid "), waits.get(0));
      assertTrue(LockHolder.parse(Files.readString(held.file()))
          .sameProcess(LockHolder.parse(before)), "the holder keeps its lock");
    }
    assertEquals(List.of(), lockNames());
  }

  @Test
  void aRecentLockOfAnotherHostWhoseHeartbeatStandsStillIsTakenOverAfterTheTimeout()
      throws Exception {
    // a shard killed with -9 and retried at once in a new pod: its heartbeat is recent, but dead
    Lease lease = new Lease(Duration.ofMillis(50), Duration.ofMillis(800));
    Path stale = writeLock("shard-2-of-2.lock",
        new LockHolder("pod-2-old", 77, null, "2/2", Instant.now()));
    List<String> waits = new ArrayList<>();
    try (SweepLock lock = SweepLock.acquire(tmp, new Shard(2, 2, "t"), "pod-2-new", lease,
        waits::add)) {
      assertEquals(1, waits.size(), waits.toString());
      assertTrue(waits.get(0).startsWith(stale + " is held by pid 77 on host pod-2-old (started at"
          + " an unknown time, shard 2/2), whose last heartbeat is "), waits.get(0));
      assertTrue(waits.get(0).endsWith(" for it to move; if it does not, the lock is stale and"
          + " taken over"), waits.get(0));
      assertEquals(1, lock.notes().size(), lock.notes().toString());
      assertTrue(lock.notes().get(0).startsWith("took over the stale lock " + stale + " of pid 77"
          + " on host pod-2-old (started at an unknown time, shard 2/2), its heartbeat did not"
          + " move while this sweep watched it for "), lock.notes().get(0));
      assertEquals("pod-2-new", LockHolder.parse(Files.readString(lock.file())).host());
    }
  }

  @Test
  void theHeartbeatRefreshesAHeldLock() throws Exception {
    try (SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST, FAST, m -> { })) {
      Instant first = heartbeatOf(lock.file());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Instant now = first;
      while (!now.isAfter(first) && System.nanoTime() < deadline) {
        Thread.sleep(10);
        now = heartbeatOf(lock.file());
      }
      assertTrue(now.isAfter(first), "heartbeat_at still " + first + " after 10 s");
      assertTrue(Files.readString(lock.file()).contains("\"heartbeat_at\": \"" + now + "\""));
      // a lock file is strict JSON with its format, like every file the project writes
      assertEquals(1, Json.parseStrict(Files.readString(lock.file())).getAsJsonObject()
          .get("format").getAsInt());
    }
  }

  @Test
  void releaseStopsTheHeartbeatAndRemovesTheFile() throws Exception {
    SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST, FAST, m -> { });
    List<Thread> beating = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(Heartbeat.threadName(lock.file()))).toList();
    assertEquals(1, beating.size(), "one heartbeat thread");
    assertTrue(beating.get(0).isDaemon(), "it does not keep the JVM alive");
    lock.close();
    beating.get(0).join(5_000);
    assertFalse(beating.get(0).isAlive(), "the heartbeat thread ended");
    assertEquals(List.of(), lockNames(), "the lock is gone");
    Thread.sleep(FAST.heartbeat().multipliedBy(4).toMillis());
    assertEquals(List.of(), lockNames(), "and no beat wrote it again");
  }

  @Test
  void aLockTakenOverMeanwhileIsNeitherRefreshedNorDeleted() throws Exception {
    SweepLock lock = SweepLock.acquire(tmp, Shard.ALL, HOST, FAST, m -> { });
    String theirs = new LockHolder("node-b", 4242, null, "1/1", Instant.now()).json();
    Path next = lockFile("next");
    Files.writeString(next, theirs);
    Files.move(next, lock.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(FAST.heartbeat().multipliedBy(6).toMillis());
    assertEquals(theirs, Files.readString(lock.file()), "not refreshed");
    lock.close();
    assertEquals(theirs, Files.readString(lock.file()), "not deleted");
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
