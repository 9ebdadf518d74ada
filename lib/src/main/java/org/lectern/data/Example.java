package org.lectern.data;

import org.lectern.Tensor;

/** One input and its target, as a {@link Dataset} hands them out (PyTorch's (x, y) tuple). */
public record Example(Tensor x, Tensor y) {}
