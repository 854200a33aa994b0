package cifar.training;

import cifar.data.CifarDataset;
import cifar.data.CifarSplit;
import java.util.Random;

/**
 * A small data set a CNN can learn in two epochs: each class is one colour (its R, G, B levels),
 * with per-pixel noise, so a network that learns nothing stays near 10%.
 */
public final class ColourData {
  private static final int[][] COLOURS = {
    {230, 30, 30}, {30, 230, 30}, {30, 30, 230}, {230, 230, 30}, {230, 30, 230},
    {30, 230, 230}, {240, 240, 240}, {20, 20, 20}, {128, 128, 128}, {230, 128, 30},
  };

  private ColourData() {}

  public static CifarSplit split(int images, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[images * CifarSplit.IMAGE_BYTES];
    byte[] labels = new byte[images];
    int plane = CifarSplit.HEIGHT * CifarSplit.WIDTH;
    for (int i = 0; i < images; i++) {
      int label = random.nextInt(COLOURS.length);
      labels[i] = (byte) label;
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < plane; p++) {
          int v = COLOURS[label][c] + (int) (random.nextGaussian() * 40);
          pixels[i * CifarSplit.IMAGE_BYTES + c * plane + p] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    return new CifarSplit(pixels, labels);
  }

  public static CifarDataset dataset(int train, int test) {
    return new CifarDataset(split(train, 1), split(test, 2));
  }
}
