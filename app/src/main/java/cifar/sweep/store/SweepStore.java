package cifar.sweep.store;

import cifar.UserError;
import cifar.io.AtomicFiles;
import cifar.provenance.Machine;
import cifar.provenance.Provenance;
import cifar.sweep.plan.SweepPlan;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sweep directory: {@code sweep.json} (the resolved plan) and {@code records/<id>.json}, one
 * file per finished run. One file per run means that no two processes, threads or shards ever
 * write to the same file, and each file is written atomically, so a crash loses at most the runs
 * that were still training.
 */
public final class SweepStore {
  public static final String PLAN_FILE = "sweep.json";
  public static final String RECORDS = "records";
  /** {@code checkpoints/<id>/}: a run's per-epoch checkpoints while it trains. */
  public static final String CHECKPOINTS = "checkpoints";
  /** {@code models/<id>/}: a finished run's config.yaml and model.params. */
  public static final String MODELS = "models";
  /** Inside records/: record files that were not sound records, set aside by a sweep. */
  public static final String CORRUPT = "corrupt";

  private final Path dir;

  public SweepStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Records the plan in sweep.json before training. A directory holding another sweep is
   * refused; a changed definition of the same sweep (a run added, more repeats) replaces the old
   * one, whose fingerprint is kept so that its records still count.
   *
   * @return what changed, for the user (empty when nothing did)
   */
  public List<String> begin(SweepPlan plan) {
    List<String> notes = new ArrayList<>();
    List<String> earlier = new ArrayList<>();
    if (Files.exists(planFile())) {
      StoredSweep old = sameSweep(plan);
      if (old.plan().fingerprint().equals(plan.fingerprint())) {
        return notes;
      }
      earlier.addAll(old.acceptedFingerprints());
      long added = plan.runs().stream()
          .filter(r -> old.plan().runs().stream().noneMatch(o -> o.id().equals(r.id()))).count();
      notes.add("the sweep definition changed since the last run: " + added + " new run(s); runs"
          + " that are no longer in it keep their records but leave the table");
    }
    Provenance by = Provenance.of(Provenance.Engine.notLoaded(), Machine.host(), Instant.now(),
        null);
    AtomicFiles.write(planFile(), PlanJson.write(new StoredSweep(plan, earlier), by));
    return notes;
  }

  /** The stored plan, after checking that it is a plan of the same sweep. */
  private StoredSweep sameSweep(SweepPlan plan) {
    StoredSweep old = readPlan();
    if (!old.plan().name().equals(plan.name())) {
      throw new UserError(dir + " holds sweep '" + old.plan().name() + "', not '" + plan.name()
          + "': choose another --out directory");
    }
    return old;
  }

  /** The stored plan; a user error if this is not a sweep directory. */
  public StoredSweep readPlan() {
    if (!Files.exists(planFile())) {
      throw new UserError(dir + " is not a sweep directory: it has no " + PLAN_FILE
          + " (run 'cifar sweep' first, or check the path)");
    }
    try {
      return PlanJson.read(Files.readString(planFile(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new UserError(planFile() + ": not a valid sweep plan (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Gives a directory that holds a published report but no {@code records/} folder (only
   * records.json, as docs/results/study) its record files back, before a sweep trains in it:
   * the sweep's report is made from records/, and would otherwise leave out (and refuse to
   * replace) the records the directory already had. Entries that are not records stay in
   * records.json only.
   *
   * @return how many records were unpacked
   */
  public int unpackReported() {
    Path reported = ReportedRecords.in(dir);
    if (Files.isDirectory(recordsDir()) || !Files.isRegularFile(reported)) {
      return 0;
    }
    List<String> entries;
    try {
      entries = ReportedRecords.entries(reported);
    } catch (RuntimeException e) {
      return 0; // not readable: the merge names it, and the report refuses to replace it
    }
    int unpacked = 0;
    for (String entry : entries) {
      RunRecord r;
      try {
        r = RecordJson.read(entry);
      } catch (RuntimeException e) {
        continue; // the merge names it as refused
      }
      write(r);
      unpacked++;
    }
    return unpacked;
  }

  /**
   * The records already in this directory that count for the given plan, without writing
   * anything (for {@code --dry-run}).
   */
  public MergedRecords recordsFor(SweepPlan plan) {
    List<String> earlier = Files.exists(planFile())
        ? new ArrayList<>(sameSweep(plan).acceptedFingerprints()) : List.of();
    return MergedRecords.merge(new StoredSweep(plan, earlier), List.of(dir));
  }

  /** Stores a finished run's record atomically, replacing an earlier record of the same run. */
  public void write(RunRecord r) {
    AtomicFiles.write(recordsDir().resolve(r.id() + ".json"), RecordJson.write(r));
  }

  /** Where run {@code id} keeps its checkpoints while it trains. */
  public Path checkpoints(String id) {
    return dir.resolve(CHECKPOINTS).resolve(id);
  }

  /** Where run {@code id} keeps its trained model: a run directory that evaluate reads. */
  public Path model(String id) {
    return dir.resolve(MODELS).resolve(id);
  }

  /**
   * Moves corrupt record files to {@code records/corrupt/}, where nothing reads or overwrites
   * them: left in place, the rerun of their run would replace them, and whatever they still
   * hold would be lost. A name already taken there gets a suffix ({@code <id>-1.json}, ...).
   *
   * @param corrupt the files and what is wrong with them ({@link MergedRecords#corrupt()})
   * @return one warning per file moved, for the user
   */
  public List<String> setAside(Map<Path, String> corrupt) {
    List<String> warnings = new ArrayList<>();
    Path aside = recordsDir().resolve(CORRUPT);
    for (Map.Entry<Path, String> e : corrupt.entrySet()) {
      Path file = e.getKey();
      String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
      try {
        Files.createDirectories(aside);
        for (int n = 0; ; n++) {
          Path target = aside.resolve(n == 0 ? stem + ".json" : stem + "-" + n + ".json");
          try {
            Files.move(file, target); // never replaces: a taken name throws
            warnings.add(file + " is corrupt (" + e.getValue() + "): moved to " + target
                + "; its run is trained again");
            break;
          } catch (FileAlreadyExistsException taken) {
            // try the next suffix
          }
        }
      } catch (NoSuchFileException gone) {
        // another shard sharing the directory moved it first
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot move " + file + " to " + aside + ": "
            + ex.getMessage(), ex);
      }
    }
    return warnings;
  }

  public Path recordsDir() {
    return dir.resolve(RECORDS);
  }

  /** The record files of a sweep directory (temporary files of unfinished writes skipped). */
  public static List<Path> recordFiles(Path sweepDir) {
    Path records = sweepDir.resolve(RECORDS);
    if (!Files.isDirectory(records)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(records)) {
      return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]+\\.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one record file. */
  static RunRecord readRecord(Path file) throws IOException {
    try {
      return RecordJson.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonParseException | IllegalStateException | NullPointerException
        | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a run record (" + e.getMessage() + ")", e);
    }
  }

  private Path planFile() {
    return dir.resolve(PLAN_FILE);
  }
}
