package cifar.predict;

import cifar.data.CifarSplit;

/**
 * Resizes an 8-bit RGB image to 32×32 exactly as torchvision's {@code Resize((32, 32))} does to
 * the PIL image its loaders make ({@code Image.open(f).convert("RGB")}): Pillow's bilinear
 * resampling, which is antialiased. Shrinking, the triangle filter widens with the scale, so
 * every source pixel counts (a plain bilinear interpolation, like DJL's or libtorch's {@code
 * interpolate} without antialias, samples 4 pixels per output pixel and aliases a photo to
 * noise). Pillow resizes horizontally, rounds to 8 bits, then vertically, with its coefficients
 * in 22-bit fixed point; this class does the same steps in the same order, so a PNG gives the
 * very bytes Pillow gives (checked against images Pillow resized, in the tests). A 32×32 image
 * is left as it is, as Pillow does.
 *
 * <p>The aspect ratio is not kept: {@code Resize((32, 32))} squeezes, it does not crop, and the
 * network was trained on whole 32×32 pictures.
 */
final class TorchvisionResize {
  /** Pillow's fixed point for 8-bit images: 32 bits less 8 for the value and 2 for the sign. */
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private TorchvisionResize() {}

  /**
   * @param rgb {@code width × height} pixels, row by row, 3 bytes each (red, green, blue)
   * @return the 32×32 image in CIFAR's layout: 3072 bytes, the red plane, then green, then blue
   */
  static byte[] toCifar(byte[] rgb, int width, int height) {
    int[] pixels = new int[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      pixels[i] = rgb[i] & 0xff;
    }
    Filter horizontal = Filter.of(width, CifarSplit.WIDTH);
    Filter vertical = Filter.of(height, CifarSplit.HEIGHT);
    int w = width;
    int firstRow = 0;
    if (width != CifarSplit.WIDTH) {
      // Pillow resamples only the rows the vertical pass reads.
      firstRow = vertical.start[0];
      int lastRow = vertical.start[CifarSplit.HEIGHT - 1] + vertical.count[CifarSplit.HEIGHT - 1];
      pixels = pass(pixels, w, firstRow, lastRow - firstRow, horizontal, true);
      w = CifarSplit.WIDTH;
    }
    int rows = pixels.length / (3 * w);
    if (height != CifarSplit.HEIGHT) {
      pixels = pass(pixels, w, -firstRow, rows, vertical, false);
    }
    byte[] out = new byte[CifarSplit.IMAGE_BYTES];
    int plane = CifarSplit.WIDTH * CifarSplit.HEIGHT;
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        out[c * plane + p] = (byte) pixels[3 * p + c];
      }
    }
    return out;
  }

  /**
   * One pass of Pillow's {@code ImagingResampleHorizontal_8bpc} or {@code ..Vertical_8bpc}.
   *
   * @param in {@code inWidth} pixels per row, 3 values each
   * @param offset horizontal: the first source row to resample; vertical: what to add to the
   *     filter's source row numbers to index {@code in} (minus the first row kept)
   * @param rows horizontal: how many rows to resample; vertical: the rows of {@code in}
   */
  private static int[] pass(int[] in, int inWidth, int offset, int rows, Filter f,
      boolean horizontal) {
    int outWidth = horizontal ? f.outSize : inWidth;
    int outRows = horizontal ? rows : f.outSize;
    int[] out = new int[outRows * outWidth * 3];
    for (int y = 0; y < outRows; y++) {
      for (int x = 0; x < outWidth; x++) {
        int o = horizontal ? x : y;
        for (int c = 0; c < 3; c++) {
          int sum = 1 << (PRECISION_BITS - 1); // rounds the fixed-point sum to nearest
          for (int t = 0; t < f.count[o]; t++) {
            int src = f.start[o] + t;
            int index = horizontal ? ((y + offset) * inWidth + src) * 3 + c
                : ((src + offset) * inWidth + x) * 3 + c;
            sum += in[index] * f.weights[o * f.size + t];
          }
          out[(y * outWidth + x) * 3 + c] = Math.max(0, Math.min(255, sum >> PRECISION_BITS));
        }
      }
    }
    return out;
  }

  /**
   * Pillow's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} for the bilinear
   * (triangle) filter: for each output position, the first source position, how many follow,
   * and their weights in fixed point.
   */
  private static final class Filter {
    final int outSize;
    final int size;
    final int[] start;
    final int[] count;
    final int[] weights;

    private Filter(int outSize, int size) {
      this.outSize = outSize;
      this.size = size;
      this.start = new int[outSize];
      this.count = new int[outSize];
      this.weights = new int[outSize * size];
    }

    static Filter of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // the triangle's support is 1, widened when shrinking
      Filter f = new Filter(outSize, (int) Math.ceil(support) * 2 + 1);
      double reciprocal = 1.0 / filterScale; // Pillow multiplies by it: the same last bits
      double[] k = new double[f.size];
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        int min = Math.max(0, (int) (center - support + 0.5));
        int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
        double sum = 0;
        for (int t = 0; t < max; t++) {
          k[t] = triangle((t + min - center + 0.5) * reciprocal);
          sum += k[t];
        }
        for (int t = 0; t < max; t++) {
          double w = sum != 0 ? k[t] / sum : k[t];
          f.weights[o * f.size + t] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
              : 0.5 + w * (1 << PRECISION_BITS));
        }
        f.start[o] = min;
        f.count[o] = max;
      }
      return f;
    }

    private static double triangle(double x) {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }
  }
}
