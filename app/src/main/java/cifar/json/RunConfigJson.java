package cifar.json;

import cifar.config.RunConfig;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link RunConfig} as an object of its keys ({@code lr}, {@code batch_size}, ...), the names of
 * sweep files and {@code --set}. Reading goes through {@link RunConfig#with} key by key, so a
 * config read from a file is checked exactly like one typed by a user.
 */
final class RunConfigJson extends TypeAdapter<RunConfig> {
  @Override
  public void write(JsonWriter out, RunConfig config) throws IOException {
    if (config == null) {
      out.nullValue();
      return;
    }
    JsonObject o = new JsonObject();
    for (Map.Entry<String, Object> e : config.toMap().entrySet()) {
      o.add(e.getKey(), element(e.getValue()));
    }
    Streams.write(o, out);
  }

  @Override
  public RunConfig read(JsonReader in) throws IOException {
    JsonElement tree = Streams.parse(in);
    if (tree.isJsonNull()) {
      return null;
    }
    RunConfig c = RunConfig.baseline();
    for (Map.Entry<String, JsonElement> e : tree.getAsJsonObject().entrySet()) {
      c = c.with(e.getKey(), java(e.getValue()));
    }
    return c;
  }

  private static JsonElement element(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(element(x)));
      return a;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    return new JsonPrimitive(String.valueOf(v));
  }

  /** JSON numbers come back as Long when whole, Double otherwise; arrays as lists. */
  private static Object java(JsonElement e) {
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
      boolean whole = !(s.contains(".") || s.contains("e") || s.contains("E"));
      return whole ? (Object) p.getAsLong() : (Object) p.getAsDouble();
    }
    return p.isBoolean() ? p.getAsBoolean() : p.getAsString();
  }
}
