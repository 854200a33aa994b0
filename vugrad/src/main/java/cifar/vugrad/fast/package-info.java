/**
 * Speed only; tests hold them to the plain loops.
 *
 * <p>The kernels here compute what a plain loop computes, faster: matrix products
 * ({@link cifar.vugrad.fast.Products}, checked against a triple loop), e^x for a whole array
 * ({@link cifar.vugrad.fast.VectorExp}, within one unit in the last place of {@code Math.exp} in a
 * loop) and a·b + c fused where the processor can ({@link cifar.vugrad.fast.Fma}). They work on
 * plain {@code double[]} arrays and know nothing of tensors, graphs or memory reuse: a reader of
 * the engine may take each call as the loop it replaces and skip this package.
 */
package cifar.vugrad.fast;
