package cifar.sweep;

import cifar.config.RunConfig;
import cifar.training.EpochJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small conversions between Gson trees and the values of configs and records. */
final class JsonValues {
  private JsonValues() {}

  static JsonObject config(RunConfig c) {
    JsonObject o = new JsonObject();
    for (Map.Entry<String, Object> e : c.toMap().entrySet()) {
      o.add(e.getKey(), element(e.getValue()));
    }
    return o;
  }

  /** Reads a config back, validating every value as if it were typed by a user. */
  static RunConfig config(JsonObject o) {
    RunConfig c = RunConfig.baseline();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      c = c.with(e.getKey(), java(e.getValue()));
    }
    return c;
  }

  static JsonElement element(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(element(x)));
      return a;
    }
    if (v instanceof Double d) {
      return EpochJson.number(d);
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    return new JsonPrimitive(String.valueOf(v));
  }

  static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  static Double nullableNumber(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsDouble();
  }

  /** JSON numbers come back as Long when whole, Double otherwise; arrays as lists. */
  static Object java(JsonElement e) {
    if (e.isJsonArray()) {
      List<Object> out = new ArrayList<>();
      e.getAsJsonArray().forEach(x -> out.add(java(x)));
      return out;
    }
    if (e.isJsonNull()) {
      return null;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isNumber()) {
      String s = p.getAsString();
      return s.contains(".") || s.contains("e") || s.contains("E") ? (Object) p.getAsDouble() : (Object) p.getAsLong();
    }
    return p.isBoolean() ? p.getAsBoolean() : p.getAsString();
  }
}
