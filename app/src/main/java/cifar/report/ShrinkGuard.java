package cifar.report;

import cifar.UserError;
import cifar.sweep.store.ReportedRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses to write a report over one that holds more records than the new one. A report is
 * rebuilt from the record files; when they are gone (a copy made without records/, a folder
 * emptied by mistake, a wrong --out), writing anyway would replace the only remaining copy of the
 * results with a smaller table. records.json is counted as a JSON array; results.md by the
 * comment line {@link #countLine} that the report appends, or, in a file written before that
 * line existed, by its "N of M runs recorded." sentence. A file whose count cannot be read is
 * refused too: it is not ours to replace.
 */
final class ShrinkGuard {
  private static final Pattern COMMENT =
      Pattern.compile("^<!-- records: (\\d+) -->$", Pattern.MULTILINE);
  private static final Pattern SENTENCE =
      Pattern.compile("^(\\d+) of \\d+ runs recorded\\.", Pattern.MULTILINE);

  private ShrinkGuard() {}

  /** The line results.md ends with: how many records it was made from. */
  static String countLine(int records) {
    return "\n<!-- records: " + records + " -->\n";
  }

  /** Stops before anything is written if {@code outDir} holds a report of more records. */
  static void check(Path outDir, int records) {
    check(ReportedRecords.in(outDir), records, f -> ReportedRecords.entries(f).size());
    check(outDir.resolve(SweepReport.MARKDOWN), records, ShrinkGuard::countMarkdown);
  }

  private static void check(Path file, int records, ToIntFunction<Path> counter) {
    if (!Files.exists(file)) {
      return;
    }
    int old;
    try {
      old = counter.applyAsInt(file);
    } catch (RuntimeException e) {
      throw new UserError("refusing to replace " + file + ": cannot tell how many records it holds ("
          + e.getMessage() + "); move it away first to write a new report there", e);
    }
    if (old > records) {
      throw new UserError("refusing to replace " + file + " (" + old + " records) with " + records
          + " records: the record files it was made from are not all here; write the report"
          + " elsewhere (cifar report DIR --out OTHER) or move " + file.getFileName()
          + " away first");
    }
  }

  private static int countMarkdown(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Pattern p : new Pattern[] {COMMENT, SENTENCE}) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalArgumentException("it has no '<!-- records: N -->' line and no"
        + " 'N of M runs recorded.' sentence");
  }
}
