package cifar.sweep;

import cifar.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * stop, which is safe. A lock of a process that is gone on this host is stale and taken over
 * (pid reuse is told by the process's start time); one of another host cannot be checked from
 * here, so it is refused with how to remove it. The lock is deleted at the end, also by a
 * shutdown hook on Ctrl-C; after {@code kill -9} it stays, stale, until the next sweep takes it.
 */
public final class SweepLock implements AutoCloseable {
  public static final String DIR = "locks";
  private static final Pattern NAME = Pattern.compile("shard-(\\d{1,9})-of-(\\d{1,9})\\.lock");
  /** How long an empty or half-written lock file may be in the middle of its creation. */
  private static final int SETTLE_MILLIS = 1_000;

  private final Path file;
  private final String content;
  private final List<String> notes;
  private final Thread hook;
  private boolean released;

  private SweepLock(Path file, String content, List<String> notes) {
    this.file = file;
    this.content = content;
    this.notes = List.copyOf(notes);
    this.hook = new Thread(this::close, "sweep-lock-release");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Takes the lock of {@code shard} in {@code sweepDir} for this process on {@code host}.
   *
   * @throws UserError naming the holder, when an overlapping lock is held (or cannot be checked)
   */
  public static SweepLock acquire(Path sweepDir, Shard shard, String host) {
    Path locks = sweepDir.resolve(DIR);
    try {
      Files.createDirectories(locks);
    } catch (IOException e) {
      throw new UserError("cannot create " + locks + ": " + e.getMessage(), e);
    }
    String content = LockHolder.self(host, shard).json();
    Path mine = locks.resolve("shard-" + shard.index() + "-of-" + shard.count() + ".lock");
    List<String> notes = new ArrayList<>();
    for (int attempt = 0; !create(mine, content); attempt++) {
      if (attempt == 3) {
        throw new UserError(mine + " keeps coming back: is another sweep starting on this shard?");
      }
      clearStale(mine, host, shard, notes);
    }
    try {
      for (Path other : lockFiles(locks)) {
        if (!other.equals(mine) && overlaps(other, shard)) {
          clearStale(other, host, shard, notes);
        }
      }
    } catch (RuntimeException e) {
      deleteIfUnchanged(mine, content);
      throw e;
    }
    return new SweepLock(mine, content, notes);
  }

  /** What happened on the way (a stale lock taken over), for the user. */
  public List<String> notes() {
    return notes;
  }

  public Path file() {
    return file;
  }

  /** Deletes the lock file, unless another process has taken it over since. */
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
    deleteIfUnchanged(file, content);
  }

  /** Creates the lock file with our content; false when it exists already. */
  private static boolean create(Path file, String content) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      deleteIfUnchanged(file, content);
      throw new UserError("cannot create the lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the lock {@code file} if its holder is gone; stops if it holds.
   *
   * @throws UserError when the holder runs, is on another host, or the file is not a lock
   */
  private static void clearStale(Path file, String host, Shard shard, List<String> notes) {
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
      switch (holder.state(host)) {
        case ALIVE -> throw new UserError("another sweep is training in this directory: " + file
            + " is held by " + holder.describe() + ", which overlaps shard " + shard.label()
            + "; wait for it to end, or train another shard");
        case ELSEWHERE -> throw new UserError(file + " is held by " + holder.describe()
            + ", which this host (" + host + ") cannot check: if you know that sweep is no longer"
            + " running, delete " + file + " and start again");
        case DEAD -> {
          if (takeOver(file, text)) {
            notes.add("took over the stale lock " + file + " of " + holder.describe()
                + ", which is no longer running");
            return;
          }
        }
      }
    }
    throw new UserError(file + " keeps changing: is another sweep starting in this directory?");
  }

  /**
   * Removes a stale lock file, unless it was replaced since it was read: it is first renamed
   * aside (atomic), and put back if what was renamed is not the stale content.
   */
  private static boolean takeOver(Path file, String stale) {
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
        return true;
      }
      Files.move(aside, file); // a fresh lock: give it back
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
      if (parses(text) || System.nanoTime() > deadline) {
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

  private static boolean parses(String text) {
    try {
      LockHolder.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
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
