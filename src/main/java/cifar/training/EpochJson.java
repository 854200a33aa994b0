package cifar.training;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * One epoch's metrics as JSON, the same in a run's {@code metrics.json} and in a sweep's run
 * records (and so for every script that reads either, such as scripts/bench-train.sh).
 */
public final class EpochJson {
  private EpochJson() {}

  public static JsonObject tree(EpochMetrics m) {
    JsonObject e = new JsonObject();
    e.addProperty("epoch", m.epoch());
    e.add("train_loss", number(m.trainLoss()));
    e.add("train_accuracy", number(m.trainAccuracy()));
    e.add("test_accuracy", number(m.testAccuracy()));
    e.add("seconds", number(m.seconds()));
    e.add("images_per_second", number(m.imagesPerSecond()));
    return e;
  }

  public static EpochMetrics read(JsonObject e) {
    return new EpochMetrics(e.get("epoch").getAsInt(), number(e, "train_loss"),
        number(e, "train_accuracy"), number(e, "test_accuracy"), number(e, "seconds"),
        number(e, "images_per_second"));
  }

  /**
   * A double as every JSON file of a run writes it: JSON has no NaN, so a missing value is null.
   * (The sweep's records use these for their other numbers too.)
   */
  public static JsonElement number(double d) {
    return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
  }

  /** The number under {@code key}, NaN where it is null or absent. */
  public static double number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }
}
