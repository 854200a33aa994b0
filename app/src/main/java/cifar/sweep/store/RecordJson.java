package cifar.sweep.store;

import cifar.json.Json;
import cifar.provenance.Provenance;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A {@link RunRecord} as a JSON file ({@code records/<id>.json}), and a sweep's records together
 * ({@code records.json}), in the project's one JSON style ({@link Json}).
 *
 * <p>Format 2 added the provenance and keyed per-class accuracy by class name. The confusion
 * matrix came later as a new field that may be null or absent, which every format-2 reader
 * takes (an older jar ignores it), so it needed no new format; so did the provenance's {@code
 * stack} (the group of seeds a run trained in), null or absent for a run of its own. Records of
 * format 1 (the published results of 2026-11) still read: their per-class array is taken in
 * class order, their top-level {@code host} and {@code finished_at} become a provenance that
 * knows only those two, and {@code records.json} was a bare array.
 */
public final class RecordJson {
  /** The layout written now. */
  public static final int FORMAT = 2;

  private RecordJson() {}

  public static String write(RunRecord r) {
    return Json.write(r, FORMAT);
  }

  /** A sweep's records as one file: {@code {"format": 2, "records": [...]}}. */
  public static String writeAll(Collection<RunRecord> records) {
    return Json.write(new RecordsFile(List.copyOf(records)), FORMAT);
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException (or a Gson/config exception) saying what is wrong
   */
  public static RunRecord read(String json) {
    JsonElement tree = Json.parseStrict(json);
    if (!tree.isJsonObject()) {
      throw new IllegalArgumentException("a record is a JSON object");
    }
    return fromTree(tree.getAsJsonObject());
  }

  /** Reads a {@code records.json}: the format-2 object, or format 1's bare array. */
  public static List<RunRecord> readAll(String json) {
    return ReportedRecords.entries(json).stream().map(RecordJson::read).toList();
  }

  private static RunRecord fromTree(JsonObject o) {
    Json.checkFormat(o, FORMAT);
    for (String key : new String[] {"sweep", "fingerprint", "id", "config_id", "name", "config",
        "status"}) {
      if (!o.has(key) || o.get(key).isJsonNull()) {
        throw new IllegalArgumentException("field '" + key + "' is missing");
      }
    }
    RunRecord r = Json.GSON.fromJson(o, RunRecord.class);
    if (r.status() == null) {
      throw new JsonParseException("field 'status': unknown value " + o.get("status"));
    }
    return r.provenance() != null ? r : withLegacyProvenance(r, o);
  }

  /** Format 1 named only the host and the finishing time. */
  private static RunRecord withLegacyProvenance(RunRecord r, JsonObject o) {
    String host = o.has("host") && !o.get("host").isJsonNull() ? o.get("host").getAsString() : null;
    Instant finished = o.has("finished_at") ? Instant.parse(o.get("finished_at").getAsString()) : null;
    Provenance p = new Provenance(null, "unknown", null, null, null, null, List.of(), null, null,
        null, 0, null, null, host, null, finished, null);
    return new RunRecord(r.sweep(), r.fingerprint(), r.id(), r.configId(), r.name(), r.changes(),
        r.config(), r.status(), r.error(), r.log(), r.testAccuracy(), r.validationAccuracy(),
        r.perClassAccuracy(), r.confusion(), r.epochs(), r.wallSeconds(), r.shard(), p);
  }

  /** The body of {@code records.json}. */
  private record RecordsFile(List<RunRecord> records) {}
}
