package org.lectern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lectern.kernels.Kernels;
import org.lectern.kernels.ScalarFloatKernels;
import org.lectern.kernels.Simd;

/**
 * Runs in its own JVM started WITHOUT --add-modules jdk.incubator.vector (see lib/pom.xml, execution
 * "without-vector-api"): the jar dropped into someone else's kernel. Everything must still work through
 * the plain-Java loops, and one warning must name the flag to add.
 */
class FallbackTest {
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static PrintStream original;

    @BeforeAll
    static void captureStderrBeforeLecternLoads() {
        original = System.err;
        System.setErr(new PrintStream(ERR, true));
    }

    @Test
    void withoutTheModuleThePlainKernelsServeAndOneWarningNamesTheFlag() {
        try {
            assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(), "this test must run without the module");
            assertFalse(Simd.available());
            assertEquals(ScalarFloatKernels.class, Kernels.floats().getClass());

            Lectern.seed(1);
            Tensor a = Tensor.randn(70, 33).requiresGrad(true);
            Tensor b = Tensor.randn(33, 20).requiresGrad(true);
            Tensor loss = a.matmul(b).tanh().logSoftmax(1).sum();
            loss.backward();
            assertEquals(70 * 33, a.grad().numel());
            assertTrue(GradCheck.check(x -> x[0].matmul(x[1]).softmax(1), Tensor.randn(4, 5).requiresGrad(true),
                    Tensor.randn(5, 3).requiresGrad(true)).passed());
            Tensor.randn(3).exp().sum(); // a second use: still only one warning
        } finally {
            System.setErr(original);
        }
        String err = ERR.toString();
        assertTrue(err.contains(Simd.FLAG), "warning should name the flag, got: " + err);
        assertEquals(err.indexOf("Lectern:"), err.lastIndexOf("Lectern:"), "warned once: " + err);
        assertTrue(Simd.description().contains(Simd.FLAG));
    }
}
