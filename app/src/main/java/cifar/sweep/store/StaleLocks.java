package cifar.sweep.store;

import cifar.UserError;
import cifar.sweep.plan.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells whether an existing lock file that conflicts with the lock a sweep wants still holds, and
 * removes it when it does not. A holder on this host is looked up: gone, or its pid now used by a
 * later process, is stale. A holder on another host cannot be looked up, so its {@link Lease}
 * decides: a heartbeat older than the timeout by this host's clock is stale at once (this is the
 * one place where the two hosts' clocks are compared); a younger one is watched until it is as
 * old as the timeout or has stood still for a whole timeout of this host's time. If it moves
 * meanwhile its holder runs and the lock holds; if not, it is stale. So a shard killed with no
 * chance to release its lock is taken over by its retry on another host within one timeout, and a
 * live one is recognised within one heartbeat.
 */
final class StaleLocks {
  /** How long an empty or half-written lock file may be in the middle of its creation. */
  private static final int SETTLE_MILLIS = 1_000;

  private final String host;
  private final Shard shard;
  private final Lease lease;
  private final List<String> notes;
  private final Consumer<String> waiting;

  /**
   * @param host this host
   * @param shard the shard the lock is wanted for, for messages
   * @param lease the lease of the locks of other hosts
   * @param notes where to add what was taken over, for the user
   * @param waiting told when a wait for a lock of another host starts, and for how long
   */
  StaleLocks(String host, Shard shard, Lease lease, List<String> notes, Consumer<String> waiting) {
    this.host = host;
    this.shard = shard;
    this.lease = lease;
    this.notes = notes;
    this.waiting = waiting;
  }

  /**
   * Removes the lock {@code file} if its holder is gone; returns also when the file is gone.
   *
   * @throws UserError when the holder runs, or the file is not a lock
   */
  void clear(Path file) {
    for (int attempt = 0; attempt < 5; attempt++) {
      String text = read(file);
      if (text == null) {
        return; // gone meanwhile: its holder released it
      }
      LockHolder holder;
      try {
        holder = LockHolder.parse(text);
      } catch (IllegalArgumentException e) {
        throw new UserError(file + " is not a lock this program can read (" + e.getMessage()
            + "): if no sweep is running in this directory, delete it and start again", e);
      }
      boolean cleared = switch (holder.state(host)) {
        case ALIVE -> throw held(file, holder, "");
        case DEAD -> takeOver(file, text, holder, "which is no longer running");
        case ELSEWHERE -> clearElsewhere(file, text, holder);
      };
      if (cleared) {
        return;
      }
    }
    throw new UserError(file + " keeps changing: is another sweep starting in this directory?");
  }

  /**
   * Takes over a lock of another host once its heartbeat is stale, waiting for that if need be;
   * false when the file changed to another holder meanwhile.
   */
  private boolean clearElsewhere(Path file, String text, LockHolder holder) {
    Instant sign = holder.lastSign().orElseGet(() -> modified(file));
    Duration age = Duration.between(sign, Instant.now());
    if (lease.over(age)) {
      return takeOver(file, text, holder, "its last heartbeat is " + Lease.words(age)
          + " old, and a lock of another host is stale after " + Lease.words(lease.timeout()));
    }
    Duration wait = age.isNegative() ? lease.timeout() : lease.timeout().minus(age);
    waiting.accept(file + " is held by " + holder.describe() + ", whose last heartbeat is "
        + Lease.words(age) + " old: waiting " + Lease.words(wait) + " for it to move; if it does"
        + " not, the lock is stale and taken over");
    String now = watch(file, text, wait);
    if (now == null) {
      return true;
    }
    if (!now.equals(text)) {
      LockHolder next = parseOrNull(now);
      if (next != null && holder.sameProcess(next)) {
        throw held(file, holder, "; its heartbeat moved to " + next.heartbeat() + " while this"
            + " sweep watched it, so it runs (the lock counts as stale once its heartbeat stands"
            + " still for " + Lease.words(lease.timeout()) + ")");
      }
      return false;
    }
    return takeOver(file, text, holder, "its heartbeat did not move while this sweep watched it"
        + " for " + Lease.words(wait) + " (the last, at " + sign + ", is "
        + Lease.words(Duration.between(sign, Instant.now())) + " old)");
  }

  /**
   * Reads {@code file} again and again until its content is no longer {@code text} or
   * {@code wait} has passed: the content then, null when the file is gone.
   */
  private String watch(Path file, String text, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      String now = read(file);
      if (now == null || !now.equals(text) || System.nanoTime() - deadline > 0) {
        return now;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(lease.poll().toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while waiting for the lock " + file, e);
      }
    }
  }

  /** "another sweep is training …: FILE is held by HOLDER, which overlaps …{why}; wait …". */
  private UserError held(Path file, LockHolder holder, String why) {
    return new UserError("another sweep is training in this directory: " + file + " is held by "
        + holder.describe() + ", which overlaps shard " + shard.label() + why
        + "; wait for it to end, or train another shard");
  }

  /**
   * Removes a stale lock file, unless it was replaced since it was read, and notes it: the file
   * is first renamed aside (atomic), and put back if what was renamed is not the stale content.
   */
  private boolean takeOver(Path file, String stale, LockHolder holder, String why) {
    Path aside = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".stale");
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UserError("cannot remove the stale lock " + file + ": " + e.getMessage(), e);
    }
    try {
      if (Files.readString(aside, StandardCharsets.UTF_8).equals(stale)) {
        Files.delete(aside);
        notes.add("took over the stale lock " + file + " of " + holder.describe() + ", " + why);
        return true;
      }
      try {
        Files.move(aside, file); // a fresh lock: give it back
      } catch (FileAlreadyExistsException newer) {
        Files.delete(aside); // its holder has written a newer one meanwhile
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + file + " from " + aside, e);
    }
  }

  /**
   * A lock file's content, waiting briefly while it is empty or half written (between its
   * creation and its write); null when there is no such file.
   */
  private static String read(Path file) {
    long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
    while (true) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw new UserError("cannot read the lock " + file + ": " + e.getMessage(), e);
      }
      if (parseOrNull(text) != null || System.nanoTime() > deadline) {
        return text;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return text;
      }
    }
  }

  private static LockHolder parseOrNull(String text) {
    try {
      return LockHolder.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** When a lock that says nothing of its time was written: its file's modification time. */
  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH; // gone meanwhile: stale, and the take-over finds nothing to take
    }
  }
}
