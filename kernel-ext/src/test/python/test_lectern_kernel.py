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


if __name__ == "__main__":
    unittest.main()
