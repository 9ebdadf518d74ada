package org.lectern.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;

/** Assembles a {@link LecternKernel} from jjava's default IO, comms, renderer and error styling. */
final class KernelFactory extends BaseKernelBuilder<KernelFactory, LecternKernel> {
    private final SessionStart session;

    KernelFactory(SessionStart session) {
        this.session = session;
    }

    @Override
    public LecternKernel build() {
        return new LecternKernel(new KernelIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                buildMagicsRegistry(), buildErrorStyler(), new CellHistory(), session);
    }
}
