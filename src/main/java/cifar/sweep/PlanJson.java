package cifar.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sweep.json}: the resolved plan of a sweep, so {@code report} needs no sweep file. */
final class PlanJson {
  private static final int FORMAT = 1;

  private PlanJson() {}

  static String write(StoredSweep stored) {
    SweepPlan plan = stored.plan();
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("name", plan.name());
    o.addProperty("fingerprint", plan.fingerprint());
    JsonArray earlier = new JsonArray();
    stored.earlierFingerprints().forEach(earlier::add);
    o.add("earlier_fingerprints", earlier);
    JsonObject files = new JsonObject();
    plan.files().forEach(files::addProperty);
    o.add("files", files);
    Overrides ov = plan.overrides();
    JsonObject overrides = new JsonObject();
    overrides.addProperty("repeats", ov.repeats());
    overrides.addProperty("epochs", ov.epochs());
    overrides.addProperty("train_limit", ov.trainLimit());
    overrides.addProperty("test_limit", ov.testLimit());
    o.add("overrides", overrides);
    o.add("notes", RecordJson.GSON.toJsonTree(plan.notes()));
    JsonArray runs = new JsonArray();
    for (PlannedRun r : plan.runs()) {
      JsonObject j = new JsonObject();
      j.addProperty("id", r.id());
      j.addProperty("config_id", r.configId());
      j.addProperty("name", r.name());
      j.addProperty("changes", r.changes());
      j.addProperty("seed", r.seed());
      j.addProperty("reported", r.reported());
      j.addProperty("reference", r.reference());
      j.addProperty("baseline_config_id", r.baselineConfigId());
      j.add("config", JsonValues.config(r.config()));
      runs.add(j);
    }
    o.add("runs", runs);
    return RecordJson.GSON.toJson(o) + "\n";
  }

  static StoredSweep read(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    List<PlannedRun> runs = new ArrayList<>();
    for (JsonElement el : o.getAsJsonArray("runs")) {
      JsonObject j = el.getAsJsonObject();
      runs.add(new PlannedRun(j.get("id").getAsString(), j.get("config_id").getAsString(),
          j.get("name").getAsString(), j.get("changes").getAsString(),
          JsonValues.config(j.getAsJsonObject("config")), JsonValues.nullableNumber(j, "reported"),
          JsonValues.nullableNumber(j, "reference"), j.get("baseline_config_id").getAsString()));
    }
    List<String> notes = new ArrayList<>();
    o.getAsJsonArray("notes").forEach(n -> notes.add(n.getAsString()));
    Map<String, String> files = new LinkedHashMap<>();
    o.getAsJsonObject("files").entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsString()));
    JsonObject ov = o.getAsJsonObject("overrides");
    Overrides overrides = new Overrides(ov.get("repeats").getAsInt(), integer(ov, "epochs"),
        integer(ov, "train_limit"), integer(ov, "test_limit"));
    List<String> earlier = new ArrayList<>();
    o.getAsJsonArray("earlier_fingerprints").forEach(f -> earlier.add(f.getAsString()));
    SweepPlan plan = new SweepPlan(o.get("name").getAsString(), runs,
        o.get("fingerprint").getAsString(), notes, files, overrides);
    return new StoredSweep(plan, earlier);
  }

  private static Integer integer(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsInt();
  }
}
