package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cifar.launch.ProcessMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flavor is decided from what was loaded. The inputs are laid out as the real layouts have
 * them: DJL's cache of the bundled CPU libtorch, the gpu image (PyTorch's wheel under
 * /opt/conda, whose folder names no flavor), the libtorch zip, and PyPI's wheel.
 */
class FlavorTest {
  private static final String CPU_CACHE = "/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64";
  private static final String TORCH_LIB = "/opt/conda/lib/python3.11/site-packages/torch/lib";

  /** torch/version.py as PyTorch 2.7.1's wheels write it (here the CUDA 12.8 one). */
  private static final String VERSION_PY_CU128 = """
      from typing import Optional

      __all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip']
      __version__ = '2.7.1+cu128'
      debug = False
      cuda: Optional[str] = '12.8'
      git_version = 'e2d141dbde55c2a4370fac5165b0561b6af4798b'
      hip: Optional[str] = None
      xpu: Optional[str] = None
      """;

  /** /proc/self/maps lines: address, perms, offset, device, inode, path. */
  private static String map(String path) {
    return "7f3a1c000000-7f3a1d2c4000 r-xp 00000000 fd:01 1835094                    " + path;
  }

  private static final List<String> CPU_MAPS = ProcessMaps.files(List.of(
      map("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so"),
      map(CPU_CACHE + "/libgomp-98b21ff3.so.1"),
      map(CPU_CACHE + "/libc10.so"),
      map(CPU_CACHE + "/libtorch_cpu.so"),
      map(CPU_CACHE + "/libtorch.so"),
      map(CPU_CACHE + "/0.36.0-libdjl_torch.so"),
      "7f3a1e000000-7f3a1e021000 rw-p 00000000 00:00 0",
      "7ffd5b9e5000-7ffd5ba06000 rw-p 00000000 00:00 0                          [stack]"));

  private static final List<String> GPU_IMAGE_MAPS = ProcessMaps.files(List.of(
      map("/opt/java/openjdk/lib/server/libjvm.so"),
      map(TORCH_LIB + "/libc10.so"),
      map(TORCH_LIB + "/libc10_cuda.so"),
      map(TORCH_LIB + "/libtorch_cpu.so"),
      map(TORCH_LIB + "/libtorch_cuda.so"),
      map(TORCH_LIB + "/libtorch.so"),
      map(TORCH_LIB + "/0.36.0-libdjl_torch.so"),
      map("/opt/conda/lib/python3.11/site-packages/nvidia/cuda_runtime/lib/libcudart.so.12")));

  @Test
  void theBundledCpuLibtorchIsCpuWithoutAWarning() {
    Flavor f = Flavor.decide(new Flavor.Evidence("cpu", CPU_MAPS, "/proc/self/maps", null, null));
    assertEquals("cpu", f.name());
    assertNull(f.warning(), f.warning());
    assertTrue(f.evidence().contains("no CUDA library of libtorch is loaded")
        && f.evidence().contains("DJL's flavor: cpu"), f.evidence());
  }

  @Test
  void theGpuImageIsCu128ThoughItsFolderNamesNoFlavor() {
    Flavor f = Flavor.decide(new Flavor.Evidence("cu128", GPU_IMAGE_MAPS, "/proc/self/maps",
        VERSION_PY_CU128, Path.of(TORCH_LIB).getParent().resolve("version.py")));
    assertEquals("cu128", f.name());
    assertNull(f.warning(), f.warning());
    assertTrue(f.evidence().startsWith("libtorch_cuda.so is loaded")
        && f.evidence().contains("the build records cu128 "
            + "(/opt/conda/lib/python3.11/site-packages/torch/version.py)"), f.evidence());
  }

  @Test
  void aCpuLibtorchWhereTheCudaOneShouldBeIsCpuAndSaysDjlWasToldOtherwise() {
    // The gpu image's layout with DJL's CPU libtorch copied into torch/lib, PYTORCH_FLAVOR=cu128.
    List<String> maps = CPU_MAPS.stream().map(p -> p.replace(CPU_CACHE, TORCH_LIB)).toList();
    Flavor f = Flavor.decide(new Flavor.Evidence("cu128", maps, "/proc/self/maps", null, null));
    assertEquals("cpu", f.name());
    assertNotNull(f.warning());
    assertTrue(f.warning().contains("DJL was told flavor cu128") && f.warning().contains("CPU build"),
        f.warning());
  }

  @Test
  void pypisWheelRecordsItsCudaOnlyInTheCudaLineAndDjlToldAnotherIsWarned() {
    String pypi = VERSION_PY_CU128.replace("2.7.1+cu128", "2.7.1").replace("'12.8'", "'12.6'");
    Flavor f = Flavor.decide(new Flavor.Evidence("cu128", GPU_IMAGE_MAPS, "/proc/self/maps",
        pypi, Path.of(TORCH_LIB, "..", "version.py")));
    assertEquals("cu126", f.name());
    assertTrue(f.warning() != null && f.warning().contains("cu126 build but DJL took flavor cu128")
        && f.warning().endsWith("PYTORCH_FLAVOR=cu126 or a libtorch built for cu128"), f.warning());
  }

  @Test
  void withoutProcMapsTheFilesOfTheFolderTellAndTheZipsBuildVersionNamesTheCuda() {
    // Windows: no /proc; libtorch's zip has build-version next to lib/.
    String dir = "C:\\libtorch\\lib";
    List<String> files = List.of(dir + "\\c10.dll", dir + "\\c10_cuda.dll", dir + "\\torch_cpu.dll",
        dir + "\\torch_cuda.dll", dir + "\\torch.dll");
    Flavor f = Flavor.decide(new Flavor.Evidence("cu128", files, "the files of " + dir,
        "2.7.1+cu128\n", Path.of("build-version")));
    assertEquals("cu128", f.name());
    assertNull(f.warning(), f.warning());
    assertTrue(f.evidence().startsWith("torch_cuda.dll is loaded (the files of " + dir + ")"),
        f.evidence());
  }

  @Test
  void aCudaLibtorchUnderACpuFlavorNamesTheFlavorToSet() {
    Flavor f = Flavor.decide(new Flavor.Evidence("cpu-precxx11", GPU_IMAGE_MAPS, "/proc/self/maps",
        VERSION_PY_CU128, Path.of("version.py")));
    assertEquals("cu128", f.name());
    assertTrue(f.warning() != null && f.warning().contains("DJL took flavor cpu")
        && f.warning().endsWith("the two must match, PYTORCH_FLAVOR=cu128"), f.warning());
  }

  @Test
  void aCudaBuildOfUnknownVersionIsCudaAndAnUnreadableDjlFlavorIsSaid() {
    Flavor f = Flavor.decide(new Flavor.Evidence(null, GPU_IMAGE_MAPS, "/proc/self/maps", null,
        null));
    assertEquals("cuda", f.name());
    assertTrue(f.evidence().endsWith("DJL's flavor: not readable"), f.evidence());
    assertTrue(f.warning() != null && f.warning().contains("could not be read"), f.warning());
  }

  @Test
  void versionFilesSayCpuCudaOrNothing() {
    assertEquals("cu128", Flavor.recordedFlavor(VERSION_PY_CU128));
    assertEquals("cpu", Flavor.recordedFlavor(
        "__version__ = '2.7.1+cpu'\ndebug = False\ncuda: Optional[str] = None\n"));
    assertEquals("cu118", Flavor.recordedFlavor("__version__ = '2.0.1'\ncuda = \"11.8\"\n"));
    assertEquals("cpu", Flavor.recordedFlavor("2.7.1+cpu\n"));
    assertNull(Flavor.recordedFlavor("e2d141dbde55c2a4370fac5165b0561b6af4798b\n"));
  }

  @Test
  void onlyTorchsOwnCudaLibrariesCount() {
    assertTrue(Flavor.isTorchCudaLibrary("libtorch_cuda.so"));
    assertTrue(Flavor.isTorchCudaLibrary("libc10_cuda.so"));
    assertTrue(Flavor.isTorchCudaLibrary("torch_cuda.dll"));
    assertTrue(!Flavor.isTorchCudaLibrary("libcudart.so.12")
        && !Flavor.isTorchCudaLibrary("libtorch_cpu.so")
        && !Flavor.isTorchCudaLibrary("libtorch_cuda_linalg.py"), "CPU build's names");
  }

  @Test
  void mapsLinesGiveDistinctPathsWithSpacesAndDeletedFilesKept() {
    List<String> paths = ProcessMaps.files(List.of(
        map("/opt/my libs/libtorch_cuda.so"), map("/opt/my libs/libtorch_cuda.so"),
        map("/tmp/jna123.tmp (deleted)"), "7f00-7f01 ---p 00000000 00:00 0", ""));
    assertEquals(List.of("/opt/my libs/libtorch_cuda.so", "/tmp/jna123.tmp"), paths);
  }

  @Test
  void observeReadsTheVersionFileNextToTheLibFolder(@TempDir Path tmp) throws IOException {
    Path lib = Files.createDirectories(tmp.resolve("torch/lib"));
    Files.writeString(tmp.resolve("torch/version.py"), VERSION_PY_CU128);
    Flavor.Evidence e = Flavor.observe(lib);
    assertEquals(VERSION_PY_CU128, e.buildRecord());
    assertEquals(tmp.resolve("torch/version.py"), e.buildRecordPath());
  }

  @Test
  void thisProcessMapsAreReadWhereLinuxHasThem() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "no /proc/self/maps on this OS");
    List<String> files = ProcessMaps.files(ProcessMaps.self());
    assertNotNull(files);
    assertTrue(files.stream().anyMatch(p -> p.endsWith("/libjvm.so")), files.toString());
  }
}
