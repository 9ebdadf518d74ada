package org.lectern;

/**
 * The PyTorch reference cases again, in the surefire run without {@code --add-modules jdk.incubator.vector}
 * (see lib/pom.xml, execution "without-vector-api"), so the plain-Java kernels are held to the same values.
 */
class TorchReferenceFallbackTest extends TorchReferenceTest {}
