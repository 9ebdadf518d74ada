"""Executes one lecture notebook headless through nbclient and fails on the first error output or cell timeout.

Usage: run_lecture_notebook.py NOTEBOOK KERNEL_NAME OUT_NOTEBOOK CELL_TIMEOUT_SECONDS

Reads NOTEBOOK, runs every code cell in order with the kernel started in OUT_NOTEBOOK's directory, writes the executed
copy to OUT_NOTEBOOK (never back to NOTEBOOK) and exits 1 naming the notebook, the cell and the error if a cell fails
or runs out of time. The caller sets LECTERN_SMOKE=1 in the environment so the notebooks shrink their data. Then
exports the executed notebook to HTML with nbconvert, as a reader of the course pages would, and fails if that fails
(charts must render there too).
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

notebook_path, kernel_name, out_path, cell_timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
name = os.path.basename(notebook_path)
nb = nbformat.read(notebook_path, as_version=4)
client = NotebookClient(nb, kernel_name=kernel_name, timeout=cell_timeout, allow_errors=True,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(out_path))}})


def describe(index, cell):
    lines = cell.source.strip().splitlines()
    return "%s, cell %d (%s)" % (name, index, lines[0][:80] if lines else "empty")


failure = None
start = time.time()
with client.setup_kernel():
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell_start = time.time()
        try:
            client.execute_cell(cell, index)
        except CellTimeoutError:
            failure = "%s: timed out after %d s" % (describe(index, cell), cell_timeout)
            break
        except DeadKernelError as e:
            failure = "%s: the kernel died: %s" % (describe(index, cell), e)
            break
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            e = errors[0]
            failure = "%s: %s: %s\n%s" % (describe(index, cell), e.ename, e.evalue, "\n".join(e.traceback))
            break
        if cell.get("execution_count") is None:
            failure = "%s: was not executed" % describe(index, cell)
            break
        print("ok  %-40s cell %2d  %5.1f s" % (name, index, time.time() - cell_start), flush=True)

nbformat.write(nb, out_path)
if failure:
    print("FAIL " + failure)
    sys.exit(1)
try:
    from nbconvert import HTMLExporter
    html, _ = HTMLExporter().from_notebook_node(nb)
    with open(os.path.splitext(out_path)[0] + ".html", "w", encoding="utf-8") as f:
        f.write(html)
except Exception as e:  # nbconvert's own error names the output it could not convert
    print("FAIL %s: the executed notebook does not convert to HTML: %s: %s" % (name, type(e).__name__, e))
    sys.exit(1)
print("PASS %s: every code cell ran without an error in %.1f s" % (name, time.time() - start))
