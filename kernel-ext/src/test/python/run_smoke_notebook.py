"""Executes notebooks/smoke.ipynb headless through nbclient and asserts on its outputs.

The busy-loop cell is interrupted by nbclient's per-cell timeout (interrupt_on_timeout), which sends the kernel an
interrupt_request; the next cell must then run normally.
"""
import sys
import nbformat
from nbclient import NotebookClient

notebook_path, kernel_name, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
nb = nbformat.read(notebook_path, as_version=4)
client = NotebookClient(nb, kernel_name=kernel_name, timeout=60, allow_errors=True, interrupt_on_timeout=True,
                        record_timing=False)


class BusyCellTimeout:
    """Give the busy loop 3 s, every other cell a minute."""

    def __call__(self, cell):
        return 3 if "busy" in cell.metadata.get("tags", []) else 60


client.timeout_func = BusyCellTimeout()
client.execute()
nbformat.write(nb, out_path)

cells = {c.metadata["tags"][0]: c for c in nb.cells}
failures = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def outputs(tag, kind=None):
    return [o for o in cells[tag].outputs if kind is None or o.output_type == kind]


def data(tag, mime):
    return [o.data[mime] for o in cells[tag].outputs if hasattr(o, "data") and mime in o.data]


check(any("Lectern says 42" in t for t in data("text", "text/plain")), "text result")
check(len(data("chart", "image/png")) == 1 and len(data("chart", "image/png")[0]) > 1000, "image/png chart")
check(any("<svg" in s for s in data("chart", "image/svg+xml")), "image/svg+xml chart")
check(any("<table" in h for h in data("table", "text/html")), "HTML table for a 2-D tensor")
upd = outputs("update", "display_data")
check(len(upd) == 1 and upd[0].data["text/plain"] == "step 3", "update_display_data replaced the display in place")
err = outputs("error", "error")
check(len(err) == 1 and any("^" in line for line in err[0].traceback), "error output with caret for a bad cell")
busy = outputs("busy", "error")
check(len(busy) == 1 and "nterrupt" in (busy[0].evalue + " ".join(busy[0].traceback)), "busy loop interrupted")
check(any(t == "2" for t in data("after", "text/plain")), "cell after the interrupt works")
check(any("3 rows" in h for h in data("tablesaw", "text/html")), "Tablesaw table as HTML with row count")
check(any("SIMD" in t for t in data("magic", "text/plain")), "%lectern magic")
sys.exit(1 if failures else 0)
