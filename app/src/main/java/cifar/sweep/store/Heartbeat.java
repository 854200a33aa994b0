package cifar.sweep.store;

import cifar.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a held lock's {@link Lease}: a daemon thread rewrites the lock file every heartbeat with
 * the time of the beat in {@code heartbeat_at}, so that a sweep on another host can tell from the
 * file alone whether its holder still runs. The time is the holder's own clock reading, and a
 * waiting sweep looks for it to move, which needs no agreement between clocks.
 *
 * <p>Each beat rewrites the lock with {@link AtomicFiles} (a new file renamed over it), so a
 * reader never sees half a lock. It first checks that the lock is still this holder's: a lock
 * found stale and taken over by another sweep (after this process could not beat for a whole
 * timeout) is not overwritten; this thread says so on stderr and stops. A missing lock is left
 * missing: another sweep moves it aside for a moment while it checks it.
 */
final class Heartbeat {
  private final Path file;
  private final LockHolder holder;
  private final Lease lease;
  private final ScheduledExecutorService thread;
  private boolean stopped;
  private boolean failing;

  private Heartbeat(Path file, LockHolder holder, Lease lease) {
    this.file = file;
    this.holder = holder;
    this.lease = lease;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName(file));
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts beating for {@code holder}, whose lock {@code file} exists, every heartbeat. */
  static Heartbeat start(Path file, LockHolder holder, Lease lease) {
    Heartbeat h = new Heartbeat(file, holder, lease);
    long nanos = lease.heartbeat().toNanos();
    h.thread.scheduleWithFixedDelay(h::beat, nanos, nanos, TimeUnit.NANOSECONDS);
    return h;
  }

  /** The name of the thread that beats for {@code file}. */
  static String threadName(Path file) {
    return "sweep-lock-heartbeat " + file;
  }

  /** Stops beating; returns once a beat under way has ended, so the file is left alone after. */
  void stop() {
    synchronized (this) {
      stopped = true;
    }
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void beat() {
    if (stopped) {
      return;
    }
    try {
      LockHolder now = LockHolder.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!now.sameProcess(holder)) {
        System.err.println("warning: the lock " + file + " is now held by " + now.describe()
            + ", which found it stale: this sweep no longer holds it");
        stopped = true;
        thread.shutdown();
        return;
      }
      replace(holder.beating(Instant.now()).json());
      failing = false;
    } catch (NoSuchFileException | IllegalArgumentException e) {
      // moved aside for a moment by a sweep checking it, or not yet back: next beat
    } catch (IOException e) {
      if (!failing) {
        System.err.println("warning: cannot refresh the lock " + file + " (" + e.getMessage()
            + "); a sweep on another host takes it over if this lasts "
            + Lease.words(lease.timeout()));
      }
      failing = true;
    }
  }

  private void replace(String content) throws IOException {
    try {
      AtomicFiles.write(file, content);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
