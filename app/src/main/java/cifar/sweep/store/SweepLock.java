package cifar.sweep.store;

import cifar.UserError;
import cifar.sweep.plan.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lock of one shard of a sweep directory, {@code OUT/locks/shard-I-of-N.lock}, held while
 * {@code sweep} trains there. Two sweeps training the same runs into one directory would train
 * each run twice and race on its record; shards on different machines, though, share one
 * directory by design and write disjoint records. So the lock is per shard, and a lock conflicts
 * only with a live lock of an overlapping slice: the same I/N, a different N (slices of different
 * counts overlap), or the whole sweep 1/1 against any shard.
 *
 * <p>The file is created with CREATE_NEW (atomic, also on NFS), then the other lock files are
 * checked; if two overlapping sweeps start at the same moment, both may see each other and both
 * stop, which is safe. While it is held a {@link Heartbeat} refreshes it, so that sweeps on other
 * hosts can tell whether it still holds; {@link StaleLocks} decides which locks are stale and
 * takes them over. The lock is deleted at the end, also by a shutdown hook on Ctrl-C; after
 * {@code kill -9} it stays, stale, until the next sweep takes it: on this host at once, on
 * another host once its heartbeat has stood still for the lease's timeout.
 */
public final class SweepLock implements AutoCloseable {
  public static final String DIR = "locks";
  /** How often a held lock's heartbeat is refreshed, by default (see {@link Lease}). */
  public static final int HEARTBEAT_SECONDS = 20;
  /** How long a heartbeat of another host may stand still before its lock is stale. */
  public static final int TIMEOUT_SECONDS = 90;
  private static final Pattern NAME = Pattern.compile("shard-(\\d{1,9})-of-(\\d{1,9})\\.lock");

  private final Path file;
  private final LockHolder holder;
  private final Heartbeat heartbeat;
  private final List<String> notes;
  private final Thread hook;
  private boolean released;

  private SweepLock(Path file, LockHolder holder, Lease lease, List<String> notes) {
    this.file = file;
    this.holder = holder;
    this.notes = Collections.unmodifiableList(notes);
    this.heartbeat = Heartbeat.start(file, holder, lease);
    this.hook = new Thread(this::close, "sweep-lock-release");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** As {@link #acquire(Path, Shard, String, Consumer)}, saying nothing while it waits. */
  public static SweepLock acquire(Path sweepDir, Shard shard, String host) {
    return acquire(sweepDir, shard, host, message -> { });
  }

  /**
   * Takes the lock of {@code shard} in {@code sweepDir} for this process on {@code host}, with
   * the lease of {@link Lease#DEFAULT}. A conflicting lock of another host with a recent
   * heartbeat is waited for, up to the lease's timeout: it is taken over if its heartbeat stands
   * still, refused if it moves.
   *
   * @param waiting told, as a note for the user, when such a wait starts
   * @throws UserError naming the holder, when an overlapping lock is held (or cannot be read)
   */
  public static SweepLock acquire(Path sweepDir, Shard shard, String host,
      Consumer<String> waiting) {
    return acquire(sweepDir, shard, host, Lease.DEFAULT, waiting);
  }

  /** As {@link #acquire(Path, Shard, String, Consumer)} with {@code lease}, for tests. */
  static SweepLock acquire(Path sweepDir, Shard shard, String host, Lease lease,
      Consumer<String> waiting) {
    Path locks = sweepDir.resolve(DIR);
    try {
      Files.createDirectories(locks);
    } catch (IOException e) {
      throw new UserError("cannot create " + locks + ": " + e.getMessage(), e);
    }
    LockHolder me = LockHolder.self(host, shard, Instant.now());
    Path mine = locks.resolve("shard-" + shard.index() + "-of-" + shard.count() + ".lock");
    List<String> notes = new ArrayList<>();
    StaleLocks stale = new StaleLocks(host, shard, lease, notes, waiting);
    for (int attempt = 0; !create(mine, me.json()); attempt++) {
      if (attempt == 3) {
        throw new UserError(mine + " keeps coming back: is another sweep starting on this shard?");
      }
      stale.clear(mine);
    }
    // held from here, beating while it waits for the other locks
    SweepLock lock = new SweepLock(mine, me, lease, notes);
    try {
      for (Path other : lockFiles(locks)) {
        if (!other.equals(mine) && overlaps(other, shard)) {
          stale.clear(other);
        }
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /** What happened on the way (a stale lock taken over), for the user. */
  public List<String> notes() {
    return notes;
  }

  public Path file() {
    return file;
  }

  /** Stops the heartbeat and deletes the lock file, unless another process has taken it over. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // this is the hook running
    }
    heartbeat.stop();
    try {
      if (LockHolder.parse(Files.readString(file, StandardCharsets.UTF_8)).sameProcess(holder)) {
        Files.delete(file);
      }
    } catch (IOException | IllegalArgumentException e) {
      // gone already, or not ours: nothing of ours to delete
    }
  }

  /** Creates the lock file with our content; false when it exists already. */
  private static boolean create(Path file, String content) {
    try {
      writeNew(file, content);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      deleteIfUnchanged(file, content);
      throw new UserError("cannot create the lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code file} (CREATE_NEW: atomic, also on NFS) with {@code content}, on the disk
   * before it returns, so that a lock never outlives a crash half written.
   *
   * @throws FileAlreadyExistsException when the file exists
   */
  static void writeNew(Path file, String content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static List<Path> lockFiles(Path locks) {
    try (Stream<Path> files = Files.list(locks)) {
      return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + locks, e);
    }
  }

  /** Whether the slice of a lock file's shard I/N overlaps {@code shard}. */
  private static boolean overlaps(Path lockFile, Shard shard) {
    Matcher m = NAME.matcher(lockFile.getFileName().toString());
    if (!m.matches()) {
      return false;
    }
    int index = Integer.parseInt(m.group(1));
    int count = Integer.parseInt(m.group(2));
    return count != shard.count() || index == shard.index();
  }

  private static void deleteIfUnchanged(Path file, String content) {
    try {
      if (content.equals(Files.readString(file, StandardCharsets.UTF_8))) {
        Files.delete(file);
      }
    } catch (IOException e) {
      // gone already, or unreadable: nothing of ours to delete
    }
  }
}
