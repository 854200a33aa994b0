package cifar.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import cifar.config.ActivationFunction;
import cifar.config.ConfigException;
import cifar.config.RunConfig;
import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 60-minute-blitz CNN, built from a {@link RunConfig} instead of hard-coded:
 *
 * <pre>
 *   for each conv c: Conv2d(c, k×k) → ReLU → MaxPool 2×2 (while the map is at least 2×2)
 *   flatten
 *   for each hidden fc u: Linear(u) → relu|tanh|sigmoid → Dropout(p) (when p &gt; 0, {@link SeededDropout})
 *   Linear(10)
 * </pre>
 *
 * The default config gives PyTorch's {@code Net} exactly: 62,006 parameters.
 */
public final class BlitzNet {
  /** Input of one image: channels, height, width. */
  public static final Shape IMAGE = new Shape(CifarSplit.CHANNELS, CifarSplit.HEIGHT, CifarSplit.WIDTH);

  public static final int CLASSES = 10;

  private BlitzNet() {}

  /**
   * Builds the network and initialises it like PyTorch, seeded by {@code config.seed()}.
   *
   * @param manager where the parameters live (and so the device)
   * @throws ConfigException when the convs shrink the image to nothing
   */
  public static Net build(RunConfig config, NDManager manager) {
    return build(config, manager, 0);
  }

  /**
   * As {@link #build(RunConfig, NDManager)}, with dropout masks from stream {@code replica} of
   * the run's seed: replicas of one run for data-parallel training get the same weights but
   * masks of their own (the same stream would give every slice of a batch the same masks).
   *
   * <p>Its parameters are views of one flat tensor ({@link Net#flatParameters}). DJL gives a
   * parameter its array when the block initialises, unless the array was set before, so the
   * initial values are drawn by a twin of the net, built and initialised the usual way, and
   * copied end to end into the flat tensor; the net's parameters are then set to views of it
   * before it initialises. The values are the twin's to the last bit.
   */
  public static Net build(RunConfig config, NDManager manager, int replica) {
    checkFits(config);
    Net net = blocks(config, replica, new Net());
    try (NDManager draws = manager.newSubManager()) {
      SequentialBlock twin = blocks(config, replica, new SequentialBlock());
      twin.initialize(draws, DataType.FLOAT32, new Shape(1).addAll(IMAGE));
      List<NDArray> initial = new ArrayList<>();
      twin.getParameters().values().forEach(p -> initial.add(p.getArray()));
      net.parameters = FlatParameters.copyOf(initial, manager);
    }
    List<Parameter> parameters = net.getParameters().values();
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).setArray(net.parameters.views().get(i));
    }
    // The arrays are set, so this only marks them as needing gradients and sizes the blocks.
    net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(IMAGE));
    return net;
  }

  /** {@code into} with the blocks of {@code config}'s layers, their generators seeded. */
  private static <T extends SequentialBlock> T blocks(RunConfig config, int replica, T into) {
    SplittableRandom random = new SplittableRandom(config.seed());
    // Dropout masks from streams of their own, so that drawing them never moves the init's.
    SplittableRandom streams = new SplittableRandom(config.seed());
    SplittableRandom masks = streams.split();
    for (int r = 0; r < replica; r++) {
      masks = streams.split();
    }
    BlockMaker maker = new BlockMaker(convLayers(config), random, masks);
    // Blocks initialise in the order they are added, so the generator's draws are fixed.
    for (Layer layer : layers(config)) {
      into.add(layer.accept(maker));
    }
    return into;
  }

  /**
   * The net {@link #build} makes: DJL's sequential block, whose parameters are views of one flat
   * tensor, so that an optimizer can update them all in one kernel.
   */
  public static final class Net extends SequentialBlock {
    private FlatParameters parameters;

    private Net() {}

    /**
     * The parameters as views of one flat tensor, in the block's parameter order. They stop being
     * the block's arrays if parameters are loaded into it ({@code loadParameters} replaces them).
     */
    public FlatParameters flatParameters() {
      return parameters;
    }
  }

  /**
   * Makes each layer's DJL block, in forward order: it follows the channels and features from
   * layer to layer, since a block's initialisation needs its inputs (PyTorch's fan-in).
   */
  private static final class BlockMaker implements Layer.Visitor<Block> {
    private final List<ConvLayer> convs;
    private final SplittableRandom random;
    private final SplittableRandom masks;
    private long channels = CifarSplit.CHANNELS;
    private long features = 0;

    BlockMaker(List<ConvLayer> convs, SplittableRandom random, SplittableRandom masks) {
      this.convs = convs;
      this.random = random;
      this.masks = masks;
    }

    @Override
    public Block conv(Layer.Conv c) {
      Conv2d conv = Conv2d.builder().setKernelShape(new Shape(c.kernel(), c.kernel()))
          .setFilters(c.filters()).build();
      initLike(conv, channels * c.kernel() * c.kernel(), random);
      channels = c.filters();
      return conv;
    }

    @Override
    public Block maxPool(Layer.MaxPool layer) {
      return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    @Override
    public Block flatten(Layer.Flatten layer) {
      features = flatFeatures(convs);
      return Blocks.batchFlattenBlock();
    }

    @Override
    public Block dense(Layer.Dense d) {
      Linear fc = Linear.builder().setUnits(d.units()).build();
      initLike(fc, features, random);
      features = d.units();
      return fc;
    }

    @Override
    public Block nonlinearity(Layer.Nonlinearity a) {
      return switch (a.function()) {
        case RELU -> Activation.reluBlock();
        case TANH -> Activation.tanhBlock();
        case SIGMOID -> Activation.sigmoidBlock();
      };
    }

    @Override
    public Block dropout(Layer.Dropout d) {
      return new SeededDropout(d.rate(), masks.split());
    }
  }

  /**
   * The layers of the net {@code config} describes, in forward order: per conv layer a conv, a
   * ReLU and (while the map is at least 2×2) a 2×2 max pool; a flatten; per hidden fc layer a
   * dense layer, the fc activation and (when dropout &gt; 0) a dropout; a dense layer to the 10
   * classes. {@link #build} makes one block per layer, in this order.
   */
  public static List<Layer> layers(RunConfig config) {
    List<Layer> layers = new ArrayList<>();
    for (ConvLayer conv : convLayers(config)) {
      layers.add(new Layer.Conv(conv.filters(), config.kernelSize()));
      layers.add(new Layer.Nonlinearity(ActivationFunction.RELU));
      if (conv.pooled()) {
        layers.add(new Layer.MaxPool());
      }
    }
    layers.add(new Layer.Flatten());
    ActivationFunction fc = config.fcActivationFunction();
    for (int units : config.fcUnits()) {
      layers.add(new Layer.Dense(units));
      layers.add(new Layer.Nonlinearity(fc));
      if (config.dropout() > 0) {
        layers.add(new Layer.Dropout(config.dropout()));
      }
    }
    layers.add(new Layer.Dense(CLASSES));
    return layers;
  }

  /**
   * Checks that the convs leave at least a 1×1 feature map of a 32×32 image: each k×k conv takes
   * k−1 from the side, and each 2×2 pool (applied while the map is at least 2×2) halves it.
   *
   * @throws ConfigException naming conv_channels and kernel_size when they do not fit
   */
  public static void checkFits(RunConfig config) {
    List<ConvLayer> layers = convLayers(config);
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).side() < 1) {
        throw new ConfigException("conv_channels", "key 'conv_channels': value '"
            + config.convChannels() + "' with kernel_size " + config.kernelSize() + " has too many"
            + " conv layers for a 32×32 image: the feature map shrinks to nothing at conv layer "
            + (i + 1));
      }
    }
  }

  /**
   * One conv layer's output: its channels, the side of its square map before pooling, and
   * whether a 2×2 pool follows (it does while the map is at least 2×2).
   */
  private record ConvLayer(int filters, long side) {
    boolean pooled() {
      return side >= 2;
    }

    long sideAfterPool() {
      return pooled() ? side / 2 : side;
    }
  }

  /**
   * The conv layers of a 32×32 image: each k×k conv takes k−1 from the side, each pool halves
   * it. Sides below 1 are reported as they come ({@link #checkFits} refuses them).
   */
  private static List<ConvLayer> convLayers(RunConfig config) {
    List<ConvLayer> layers = new ArrayList<>();
    long side = CifarSplit.HEIGHT;
    for (int filters : config.convChannels()) {
      ConvLayer layer = new ConvLayer(filters, side - config.kernelSize() + 1);
      layers.add(layer);
      side = layer.sideAfterPool();
    }
    return layers;
  }

  /** Inputs of the first fully connected layer: the last conv's channels times its pooled map. */
  private static long flatFeatures(List<ConvLayer> layers) {
    if (layers.isEmpty()) {
      return (long) CifarSplit.CHANNELS * CifarSplit.HEIGHT * CifarSplit.WIDTH;
    }
    ConvLayer last = layers.get(layers.size() - 1);
    return last.filters() * last.sideAfterPool() * last.sideAfterPool();
  }

  /**
   * Multiply-adds of one image's forward pass through the net {@code config} describes, convs
   * and fully connected layers (pooling, activations and biases are not counted). Backward costs
   * about twice as much again, so this is a third of a training step's arithmetic per image.
   */
  public static long multiplyAdds(RunConfig config) {
    int k = config.kernelSize();
    long channels = CifarSplit.CHANNELS;
    long total = 0;
    List<ConvLayer> layers = convLayers(config);
    for (ConvLayer layer : layers) {
      total += layer.filters() * layer.side() * layer.side() * channels * k * k;
      channels = layer.filters();
    }
    long features = flatFeatures(layers);
    for (int units : config.fcUnits()) {
      total += features * units;
      features = units;
    }
    return total + features * CLASSES;
  }

  private static void initLike(Block layer, long fanIn, SplittableRandom random) {
    layer.setInitializer(new TorchUniform(fanIn, random), p -> true);
  }
}
