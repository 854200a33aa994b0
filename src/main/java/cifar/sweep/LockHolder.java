package cifar.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Who holds a sweep lock: the machine, the process, when that process started, and the shard it
 * trains. The start time guards against pid reuse: after a crash the pid may belong to another,
 * later process, which is told apart by its start time.
 *
 * @param host the machine's name, as in the records
 * @param pid the process id on that machine
 * @param started when that process started, or null where the system does not say
 * @param shard the shard it trains, e.g. "2/4"
 */
record LockHolder(String host, long pid, Instant started, String shard) {
  /** Start times this far apart are two processes (the system rounds them to clock ticks). */
  private static final Duration SAME_START = Duration.ofSeconds(1);
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** What a holder is, seen from a process on another or the same machine. */
  enum State {
    /** Its process runs: the lock holds. */
    ALIVE,
    /** Its process is gone (or its pid now belongs to a later process): the lock is stale. */
    DEAD,
    /** It is on another machine, whose processes cannot be seen from here. */
    ELSEWHERE
  }

  /** This process, training {@code shard} on {@code host}. */
  static LockHolder self(String host, Shard shard) {
    ProcessHandle me = ProcessHandle.current();
    return new LockHolder(host, me.pid(), me.info().startInstant().orElse(null), shard.label());
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
    JsonObject o = new JsonObject();
    o.addProperty("host", host);
    o.addProperty("pid", pid);
    o.addProperty("started", started == null ? null : started.toString());
    o.addProperty("shard", shard);
    return GSON.toJson(o) + "\n";
  }

  /**
   * Reads a lock file's content.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static LockHolder parse(String json) {
    try {
      JsonObject o = JsonParser.parseString(json).getAsJsonObject();
      JsonElement started = o.get("started");
      return new LockHolder(o.get("host").getAsString(), o.get("pid").getAsLong(),
          started == null || started.isJsonNull() ? null : Instant.parse(started.getAsString()),
          o.get("shard").getAsString());
    } catch (JsonParseException | IllegalStateException | NullPointerException
        | UnsupportedOperationException | NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a lock: " + e.getMessage(), e);
    }
  }
}
