package cifar.search.run;

import cifar.UserError;
import cifar.io.AtomicFiles;
import cifar.json.Json;
import cifar.sweep.plan.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of an ASHA search's decisions, {@code OUT/search/asha-shard-I-of-N.json}: every job
 * it started and every job that ended, as they happened. With several workers the decisions
 * depend on the order in which jobs end, which records alone do not keep; replaying this log
 * against the records makes a rerun after {@code kill -9} take up the search exactly where it
 * stopped, with the same promotions ({@link AshaQueue}). Rewritten atomically after every event.
 *
 * @param shard the shard whose search this is, e.g. "1/1"
 * @param ended why the search ended ({@link #COMPLETE}, {@link #TIME_LIMIT}), or null while it has
 *     not
 * @param events what happened, in order
 */
public record AshaLog(String shard, String ended, List<Event> events) {
  static final int FORMAT = 1;
  /** The folder of the logs inside a sweep directory. */
  public static final String DIR = "search";
  /** Every trial was drawn and nothing is left to promote. */
  public static final String COMPLETE = "complete";
  /** The time limit stopped it; a rerun continues it. */
  public static final String TIME_LIMIT = "time limit";

  /**
   * One event: a job started (a trial drawn or promoted) or ended.
   *
   * @param event "start" or "end"
   * @param trial the trial's name
   * @param epochs the epochs of the job's rung
   */
  public record Event(String event, String trial, int epochs) {}

  public AshaLog {
    events = List.copyOf(events);
  }

  /** The log file of a shard's search in a sweep directory. */
  public static Path file(Path sweepDir, Shard shard) {
    return sweepDir.resolve(DIR).resolve("asha-shard-" + shard.index() + "-of-" + shard.count()
        + ".json");
  }

  /** The log in {@code file}, or an empty one for {@code shard} when there is none. */
  public static AshaLog read(Path file, Shard shard) {
    if (!Files.exists(file)) {
      return new AshaLog(shard.label(), null, List.of());
    }
    try {
      AshaLog log = Json.read(Files.readString(file, StandardCharsets.UTF_8), AshaLog.class, FORMAT);
      return new AshaLog(log.shard(), log.ended(), log.events() == null ? List.of() : log.events());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new UserError(file + ": not an ASHA log (" + e.getMessage() + "); move it away to"
          + " start the search's decisions again from its records", e);
    }
  }

  /** This log with one more event; a new start means the search goes on. */
  AshaLog with(Event e) {
    List<Event> more = new ArrayList<>(events);
    more.add(e);
    return new AshaLog(shard, e.event().equals("start") ? null : ended, more);
  }

  /** This log, ended for {@code why}. */
  AshaLog end(String why) {
    return new AshaLog(shard, why, events);
  }

  void write(Path file) {
    AtomicFiles.write(file, Json.write(this, FORMAT));
  }
}
