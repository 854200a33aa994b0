package cifar.sweep;

import cifar.training.EpochJson;
import cifar.training.EpochMetrics;
import cifar.training.RunStatus;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link RunRecord} as JSON, with snake_case field names and NaN written as null. */
public final class RecordJson {
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private static final int FORMAT = 1;

  private RecordJson() {}

  public static JsonObject tree(RunRecord r) {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("sweep", r.sweep());
    o.addProperty("fingerprint", r.fingerprint());
    o.addProperty("id", r.id());
    o.addProperty("config_id", r.configId());
    o.addProperty("name", r.name());
    o.addProperty("changes", r.changes());
    o.addProperty("status", r.status().name().toLowerCase(Locale.ROOT));
    o.addProperty("error", r.error());
    o.add("test_accuracy", EpochJson.number(r.testAccuracy()));
    o.add("images_per_second", EpochJson.number(r.imagesPerSecond()));
    o.add("wall_seconds", EpochJson.number(r.wallSeconds()));
    o.add("config", JsonValues.config(r.config()));
    JsonArray perClass = new JsonArray();
    r.perClassAccuracy().forEach(a -> perClass.add(EpochJson.number(a)));
    o.add("per_class_accuracy", perClass);
    JsonArray epochs = new JsonArray();
    for (EpochMetrics m : r.epochs()) {
      epochs.add(EpochJson.tree(m));
    }
    o.add("epochs", epochs);
    o.addProperty("shard", r.shard());
    o.addProperty("host", r.host());
    o.addProperty("finished_at", r.finishedAt().toString());
    return o;
  }

  public static String write(RunRecord r) {
    return GSON.toJson(tree(r)) + "\n";
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException (or a Gson/config exception) saying what is wrong
   */
  public static RunRecord read(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    List<Double> perClass = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("per_class_accuracy")) {
      perClass.add(e.isJsonNull() ? Double.NaN : e.getAsDouble());
    }
    List<EpochMetrics> epochs = new ArrayList<>();
    for (JsonElement el : o.getAsJsonArray("epochs")) {
      epochs.add(EpochJson.read(el.getAsJsonObject()));
    }
    return new RunRecord(
        required(o, "sweep"), required(o, "fingerprint"), required(o, "id"),
        required(o, "config_id"), required(o, "name"), JsonValues.string(o, "changes"),
        JsonValues.config(o.getAsJsonObject("config")),
        RunStatus.valueOf(required(o, "status").toUpperCase(Locale.ROOT)),
        JsonValues.string(o, "error"), EpochJson.number(o, "test_accuracy"), perClass, epochs,
        EpochJson.number(o, "wall_seconds"), JsonValues.string(o, "shard"),
        JsonValues.string(o, "host"), Instant.parse(required(o, "finished_at")));
  }

  private static String required(JsonObject o, String key) {
    String s = JsonValues.string(o, key);
    if (s == null) {
      throw new IllegalArgumentException("field '" + key + "' is missing");
    }
    return s;
  }
}
