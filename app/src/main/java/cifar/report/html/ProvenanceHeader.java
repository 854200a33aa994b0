package cifar.report.html;

import cifar.provenance.BuildInfo;
import cifar.provenance.Provenance;
import cifar.report.table.ProvenanceCheck;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What made the results, at the top of the page: the sweep and its files, how many runs are
 * recorded, the commits and libraries of the records (with {@link ProvenanceCheck}'s warnings),
 * and the machines, devices, threads and allocators they ran on, each value once.
 */
final class ProvenanceHeader {
  private ProvenanceHeader() {}

  static String render(MergedRecords merged) {
    SweepPlan plan = merged.sweep().plan();
    Collection<RunRecord> records = merged.records().values();
    StringBuilder h = new StringBuilder("<section id=\"provenance\"><h2>Provenance</h2><dl>\n");
    item(h, "runs recorded", records.size() + " of " + plan.runs().size()
        + (merged.missing().isEmpty() ? "" : " (" + merged.missing().size() + " missing)"));
    item(h, "sweep files", String.join(", ", plan.files().entrySet().stream()
        .map(e -> e.getKey() + " (sha256 " + shortHash(e.getValue()) + ")").toList()));
    item(h, "seeds per config", Integer.toString(plan.overrides().repeats()));
    List<String> checks = ProvenanceCheck.lines(merged);
    for (String line : checks) {
      boolean warning = line.startsWith("warning:");
      h.append(warning ? "<dt class=\"warning\">warning</dt><dd class=\"warning\">"
          : "<dt>made by</dt><dd>").append(Html.escape(line.replaceFirst("^(warning|records"
              + " made by): ", ""))).append("</dd>\n");
    }
    item(h, "hosts", distinct(records, Provenance::host));
    item(h, "CPUs", distinct(records, p -> p.cpuModel() == null ? null
        : p.cpuModel() + " (" + p.cores() + " cores)"));
    item(h, "devices", distinct(records, p -> p.devices().isEmpty() ? null
        : String.join(" + ", p.devices())));
    item(h, "libtorch threads per run", distinct(records, p -> p.threads() == null ? null
        : p.threads().toString()));
    item(h, "allocators", distinct(records, Provenance::allocator));
    item(h, "Java, OS", distinct(records, p -> p.javaVersion() == null ? null
        : p.javaVersion() + ", " + p.os()));
    item(h, "trained", span(records));
    item(h, "report written by", "cifar " + BuildInfo.projectVersion() + " ("
        + BuildInfo.gitCommit() + (Boolean.TRUE.equals(BuildInfo.gitDirty()) ? "+dirty" : "")
        + ") at " + Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z"));
    return h.append("</dl></section>\n").toString();
  }

  private static void item(StringBuilder h, String term, String value) {
    if (!value.isEmpty()) {
      h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value))
          .append("</dd>\n");
    }
  }

  private static String distinct(Collection<RunRecord> records, Function<Provenance, String> f) {
    TreeSet<String> values = new TreeSet<>();
    records.stream().map(RunRecord::provenance).filter(Objects::nonNull).map(f)
        .filter(Objects::nonNull).forEach(values::add);
    return String.join("; ", values);
  }

  /** From the first start to the last finish of the records. */
  private static String span(Collection<RunRecord> records) {
    List<Provenance> p = records.stream().map(RunRecord::provenance).filter(Objects::nonNull)
        .toList();
    Instant first = p.stream().map(Provenance::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
        .orElse(null);
    Instant last = p.stream().map(Provenance::finishedAt).filter(Objects::nonNull).max(Instant::compareTo)
        .orElse(null);
    return first == null && last == null ? "" : (first == null ? "?" : first) + " to "
        + (last == null ? "?" : last);
  }

  private static String shortHash(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }
}
