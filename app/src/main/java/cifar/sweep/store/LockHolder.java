package cifar.sweep.store;

import cifar.json.Json;
import cifar.sweep.plan.Shard;
import com.google.gson.JsonParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a sweep lock: the machine, the process, when that process started, the shard it
 * trains, and when it last said it still runs. The start time guards against pid reuse: after a
 * crash the pid may belong to another, later process, which is told apart by its start time. The
 * heartbeat is for sweeps on other hosts, which cannot see the process (see {@link Lease}).
 *
 * @param host the machine's name, as in the records
 * @param pid the process id on that machine
 * @param started when that process started, or null where the system does not say
 * @param shard the shard it trains, e.g. "2/4"
 * @param heartbeat when the holder last rewrote the lock, by its own clock; null in a lock
 *     written before locks had heartbeats
 */
record LockHolder(String host, long pid, Instant started, String shard, Instant heartbeat) {
  /** Start times this far apart are two processes (the system rounds them to clock ticks). */
  private static final Duration SAME_START = Duration.ofSeconds(1);
  private static final int FORMAT = 1;

  /** What a holder is, seen from a process on another or the same machine. */
  enum State {
    /** Its process runs: the lock holds. */
    ALIVE,
    /** Its process is gone (or its pid now belongs to a later process): the lock is stale. */
    DEAD,
    /** It is on another machine, whose processes cannot be seen from here. */
    ELSEWHERE
  }

  /** This process, training {@code shard} on {@code host}, with a heartbeat at {@code now}. */
  static LockHolder self(String host, Shard shard, Instant now) {
    ProcessHandle me = ProcessHandle.current();
    return new LockHolder(host, me.pid(), me.info().startInstant().orElse(null), shard.label(),
        now);
  }

  /** The same holder with a heartbeat at {@code at}. */
  LockHolder beating(Instant at) {
    return new LockHolder(host, pid, started, shard, at);
  }

  /** Whether {@code other} is the same process holding the same shard, whatever its heartbeat. */
  boolean sameProcess(LockHolder other) {
    return host.equals(other.host) && pid == other.pid && Objects.equals(started, other.started)
        && shard.equals(other.shard);
  }

  /**
   * The holder's last sign of life by its own clock: its heartbeat, or, in a lock written before
   * locks had heartbeats, its start time, which is about when it wrote the lock.
   */
  Optional<Instant> lastSign() {
    return Optional.ofNullable(heartbeat != null ? heartbeat : started);
  }

  /** Whether the holder still runs, as far as a process on {@code localHost} can tell. */
  State state(String localHost) {
    if (!host.equals(localHost)) {
      return State.ELSEWHERE;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return State.DEAD;
    }
    Optional<Instant> now = process.get().info().startInstant();
    boolean reused = started != null && now.isPresent()
        && Duration.between(started, now.get()).abs().compareTo(SAME_START) > 0;
    return reused ? State.DEAD : State.ALIVE;
  }

  /** "pid 123 on host node1 (started 2025-01-01T10:00:00Z, shard 1/1)". */
  String describe() {
    return "pid " + pid + " on host " + host + " (started "
        + (started == null ? "at an unknown time" : started) + ", shard " + shard + ")";
  }

  String json() {
    return Json.write(new LockFile(host, pid, started, shard, heartbeat), FORMAT);
  }

  /**
   * Reads a lock file's content.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static LockHolder parse(String json) {
    try {
      LockFile f = Json.read(json, LockFile.class, FORMAT);
      if (f == null || f.host() == null || f.pid() == null || f.shard() == null) {
        throw new IllegalArgumentException("not a lock: host, pid and shard are required");
      }
      return new LockHolder(f.host(), f.pid(), f.started(), f.shard(), f.heartbeatAt());
    } catch (JsonParseException | IllegalStateException | NumberFormatException
        | DateTimeParseException e) {
      throw new IllegalArgumentException("not a lock: " + e.getMessage(), e);
    }
  }

  /** A lock file's fields, in the project's one JSON style (format 1; earlier files had none). */
  private record LockFile(String host, Long pid, Instant started, String shard,
      Instant heartbeatAt) {}
}
