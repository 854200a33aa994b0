package cifar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The lockstep protocol that scripts/bench/lockstep.py speaks with {@code BenchMain vugrad}. */
class VugradBenchTest {
  @Test
  void lockstepAnswersEveryTurnWithOneEpochTime() throws Exception {
    StringWriter out = new StringWriter();
    VugradBench.lockstep(1, 2, new BufferedReader(new StringReader("go\ngo\ngo\n")), new PrintWriter(out));
    String[] lines = out.toString().strip().split("\\R");
    assertEquals("READY", lines[0], out.toString());
    assertEquals(4, lines.length, out.toString()); // READY, then one TURN (a median of 2) per line read
    for (int i = 1; i < lines.length; i++) {
      assertTrue(lines[i].matches("TURN [0-9]+\\.[0-9]{6}"), lines[i]);
      double seconds = Double.parseDouble(lines[i].substring("TURN ".length()));
      assertTrue(seconds > 0 && seconds < 60, lines[i]);
    }
  }
}
