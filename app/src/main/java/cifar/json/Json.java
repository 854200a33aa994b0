package cifar.json;

import cifar.config.RunConfig;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/**
 * The one JSON style of every file this project writes: Gson's data binding of Java records,
 * snake_case names, pretty-printed, numbers that are not finite written as {@code null} (JSON has
 * no NaN), a {@code format} number first in every file, and strict parsing on the way back.
 *
 * <p>A file's {@code format} says which layout wrote it; a reader takes every format up to its
 * own and refuses newer ones, so an old jar never misreads a newer file.
 */
public final class Json {
  /** The shared instance: every writer and reader of the project's JSON files uses it. */
  public static final Gson GSON = new GsonBuilder()
      .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
      .setPrettyPrinting()
      .disableHtmlEscaping()
      .serializeNulls()
      .registerTypeAdapter(double.class, FiniteDoubles.PRIMITIVE)
      .registerTypeAdapter(Double.class, FiniteDoubles.BOXED)
      .registerTypeAdapter(Instant.class, new InstantJson())
      .registerTypeAdapter(RunConfig.class, new RunConfigJson())
      .create();

  private Json() {}

  /** {@code value} as a JSON object with {@code "format": format} as its first field. */
  public static String write(Object value, int format) {
    JsonObject body = GSON.toJsonTree(value).getAsJsonObject();
    JsonObject out = new JsonObject();
    out.addProperty("format", format);
    body.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
    return GSON.toJson(out) + "\n";
  }

  /**
   * Reads an object written by {@link #write}.
   *
   * @param newest the newest format this reader knows
   * @throws JsonParseException when the text is not strict JSON, or its format is newer
   */
  public static <T> T read(String json, Class<T> type, int newest) {
    JsonElement tree = parseStrict(json);
    if (!tree.isJsonObject()) {
      throw new JsonParseException("expected a JSON object, found " + kind(tree));
    }
    checkFormat(tree.getAsJsonObject(), newest);
    return GSON.fromJson(tree, type);
  }

  /** Refuses an object whose {@code format} is newer than {@code newest}. */
  public static void checkFormat(JsonObject o, int newest) {
    JsonElement f = o.get("format");
    if (f != null && !f.isJsonNull() && f.getAsInt() > newest) {
      throw new JsonParseException("format " + f.getAsInt() + " is newer than this program reads ("
          + newest + "): use a newer cifar.jar");
    }
  }

  /**
   * Parses JSON as RFC 8259 has it, refusing what a lenient parser lets through ({@code NaN},
   * comments, unquoted names, trailing text), so what this project writes is what any strict
   * parser reads.
   */
  public static JsonElement parseStrict(String json) {
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    JsonElement e = JsonParser.parseReader(reader);
    try {
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the JSON value");
      }
    } catch (java.io.IOException ex) {
      throw new JsonParseException(ex);
    }
    return e;
  }

  private static String kind(JsonElement e) {
    return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : "a " + e.getClass().getSimpleName();
  }
}
