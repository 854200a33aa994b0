package cifar.sweep;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code records.json}: every accepted record of a sweep in one JSON array, written by the
 * report. A published report (such as docs/results/study) keeps only this file and sweep.json,
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
   * @throws IllegalArgumentException when the file is not a JSON array
   */
  public static List<String> entries(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonElement doc;
    try {
      doc = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("not valid JSON (" + e.getMessage() + ")", e);
    }
    if (!doc.isJsonArray()) {
      throw new IllegalArgumentException("not a JSON array of records");
    }
    List<String> entries = new ArrayList<>();
    doc.getAsJsonArray().forEach(e -> entries.add(e.toString()));
    return entries;
  }
}
