package cifar.vugrad.fast;

import java.lang.management.ManagementFactory;

/** a·b + c for the hot loops, fused where the processor can. */
public final class Fma {
  private static final boolean IN_HARDWARE = fusedMultiplyAddInHardware();

  private Fma() {}

  /**
   * a·b + c, as one fused instruction where the processor has one: half the instructions of a
   * multiply and an add, half the latency in a chain of sums, and one rounding instead of two
   * (both {@link VectorExp} and {@link Products} ran faster epochs with it). Without the
   * instruction Math.fma is computed in software, far slower, so then it stays a multiply and an
   * add. IN_HARDWARE is a constant, so the JIT keeps one branch.
   */
  public static double mulAdd(double a, double b, double c) {
    return IN_HARDWARE ? Math.fma(a, b, c) : a * b + c;
  }

  /** Whether the JIT compiles Math.fma to the processor's fused multiply-add (HotSpot's UseFMA). */
  private static boolean fusedMultiplyAddInHardware() {
    try {
      // HotSpot's own management interface, in the JDK's jdk.management module.
      com.sun.management.HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) { // not HotSpot, no such option or module: none
      return false;
    }
  }
}
