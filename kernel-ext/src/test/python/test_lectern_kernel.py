"""Jupyter's kernel conformance suite (Debian python3-jupyter-kernel-test) run against the Lectern kernel.

Run by LecternKernelConformanceIT with JUPYTER_PATH pointing at a freshly installed kernelspec.
"""
import os
import unittest

import jupyter_kernel_test


class LecternKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("LECTERN_KERNEL_NAME", "lectern")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "Tensor.zer", "matches": {"zeros(", "zerosLike("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 3;", "class C {}", "%lectern"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f(int a) {"]
    invalid_code_samples = ["int x = ;)"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "Tensor.ones(2).sum().item()", "result": "2.0"},
    ]
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": "display(Tensor.ones(2, 2));", "mime": "text/html"},
        {"code": "display(Tensor.rand(64, 64));", "mime": "image/png"},
    ]

    code_inspect_sample = "Math.abs"


class LecternKernelRestartTests(unittest.TestCase):
    """A restart (the notebook's "Restart kernel") must leave no state behind and a kernel that works."""

    def run_cell(self, kc, code):
        reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: self.outputs.append(msg))
        return reply["content"]

    def test_restart_clears_state_and_kernel_still_works(self):
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name=LecternKernelTests.kernel_name, startup_timeout=120)
        try:
            self.outputs = []
            self.assertEqual(self.run_cell(kc, "int before = 41;")["status"], "ok")
            km.restart_kernel(now=True)
            kc.wait_for_ready(timeout=120)
            self.outputs = []
            gone = self.run_cell(kc, "before + 1")
            self.assertEqual(gone["status"], "error", "a variable survived the restart")
            self.assertEqual(gone["ename"], "CompilationError")
            self.outputs = []
            works = self.run_cell(kc, "6 * 7")
            self.assertEqual(works["status"], "ok")
            results = [m["content"]["data"]["text/plain"] for m in self.outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(results, ["42"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_error_name_is_the_exceptions_simple_name(self):
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name=LecternKernelTests.kernel_name, startup_timeout=120)
        try:
            self.outputs = []
            reply = self.run_cell(kc, 'throw new IllegalArgumentException("bad");')
            self.assertEqual(reply["ename"], "IllegalArgumentException")
            errors = [m["content"] for m in self.outputs if m["msg_type"] == "error"]
            self.assertEqual([e["ename"] for e in errors], ["IllegalArgumentException"])
            self.assertEqual(errors[0]["evalue"], "bad")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
