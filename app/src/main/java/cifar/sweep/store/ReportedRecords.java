package cifar.sweep.store;

import cifar.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code records.json}: every accepted record of a sweep in one file, written by the report
 * ({@link RecordJson#writeAll}: {@code {"format": 2, "records": [...]}}; format 1 was a bare
 * array). A published report (such as docs/results/study) keeps only this file and sweep.json,
 * not the {@code records/} folder, so a directory without that folder is read from here: reporting
 * it again must find the records it was made from, not an empty sweep.
 */
public final class ReportedRecords {
  public static final String FILE = "records.json";

  private ReportedRecords() {}

  /** records.json of a sweep directory. */
  public static Path in(Path sweepDir) {
    return sweepDir.resolve(FILE);
  }

  /**
   * The entries of a records.json, each as the JSON text of one record (read with
   * {@link RecordJson#read}).
   *
   * @throws IllegalArgumentException when the file is neither layout
   */
  public static List<String> entries(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return entries(text);
  }

  /** The entries of a records.json's text, as {@link #entries(Path)}. */
  static List<String> entries(String text) {
    JsonElement doc;
    try {
      doc = Json.parseStrict(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("not valid JSON (" + e.getMessage() + ")", e);
    }
    if (doc.isJsonObject() && doc.getAsJsonObject().has("records")) {
      Json.checkFormat(doc.getAsJsonObject(), RecordJson.FORMAT);
      doc = doc.getAsJsonObject().get("records");
    }
    if (!doc.isJsonArray()) {
      throw new IllegalArgumentException("not {\"records\": [...]} nor an array of records");
    }
    List<String> entries = new ArrayList<>();
    doc.getAsJsonArray().forEach(e -> entries.add(e.toString()));
    return entries;
  }
}
