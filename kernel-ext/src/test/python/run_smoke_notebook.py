"""Executes notebooks/smoke.ipynb headless through nbclient and asserts on its outputs.

The busy-loop and training cells are interrupted by nbclient's per-cell timeout (interrupt_on_timeout), which sends
the kernel an interrupt_request, like the notebook's stop button; the next cells must then run normally, and training
must have stopped cleanly with its model and partial history.
"""
import re
import sys
import nbformat
from nbclient import NotebookClient

notebook_path, kernel_name, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
nb = nbformat.read(notebook_path, as_version=4)
client = NotebookClient(nb, kernel_name=kernel_name, timeout=60, allow_errors=True, interrupt_on_timeout=True,
                        record_timing=True)


BUSY_SECONDS = 3
TRAIN_SECONDS = 5


class BusyCellTimeout:
    """Give the busy loop 3 s, training 5 s, every other cell a minute."""

    def __call__(self, cell):
        tags = cell.metadata.get("tags", [])
        return BUSY_SECONDS if "busy" in tags else TRAIN_SECONDS if "train" in tags else 60


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
# the same while the work is split over the pool's threads: the interrupt stops the cell, not the pool
busy_parallel = outputs("busy-parallel", "error")
check(len(busy_parallel) == 1 and "nterrupt" in (busy_parallel[0].evalue + " ".join(busy_parallel[0].traceback)),
      "busy loop of parallel matrix products interrupted")
check(any(t == "1.6777216E7" for t in data("after-parallel", "text/plain")), "parallel products work after that interrupt")
check(any("3 rows" in h for h in data("tablesaw", "text/html")), "Tablesaw table as HTML with row count")
check(any("SIMD" in t for t in data("magic", "text/plain")), "%lectern magic")
for t in data("magic", "text/plain"):
    print("".join(line for line in t.splitlines(True) if line.startswith("JDK")).strip())


def stdout(tag):
    return "".join(o.text for o in outputs(tag, "stream") if o.name == "stdout")


def seconds_to_reply(tag):
    t = cells[tag].metadata.get("execution", {})
    from datetime import datetime
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
    return (parse(t["shell.execute_reply"]) - parse(t["iopub.execute_input"])).total_seconds()


busy_s = seconds_to_reply("busy")
check(busy_s < BUSY_SECONDS + 1.5, f"busy loop stopped within ~1 s of the interrupt (reply after {busy_s:.2f} s)")
err_names = [o.ename for o in outputs("throw", "error")]
check(err_names == ["IllegalArgumentException"], f"ename is the exception's simple name ({err_names})")

# Live training: the chart and the progress line are displays updated in place, and the stop button ends fit() cleanly.
train_pngs = data("train", "image/png")
check(len(train_pngs) == 1 and len(train_pngs[0]) > 1000, "training shows one live chart")
lines = [t for t in data("train", "text/plain") if "epoch" in t or "interrupted" in t]
check(len(lines) == 1 and "interrupted" in lines[0], f"training's progress line ends saying interrupted ({lines})")
check(any("<progress" in h for h in data("train", "text/html")), "progress line has an HTML bar")
train_err = outputs("train", "error")
check(len(train_err) == 1 and train_err[0].ename == "Interrupted", "interrupted training cell reports Interrupted")
after = stdout("after-train")
m = re.search(r"rows=(\d+) interrupted=(\w+) eval=(\[.*?\])", after)
check(m is not None and int(m.group(1)) > 0, f"partial history kept ({after.strip()})")
check(m is not None and m.group(2) == "true", "history.interrupted() is true")
check(m is not None and m.group(3) == "[4, 2]", "model still evaluates after the interrupt")
check(any("Linear(" in t for t in data("train-setup", "text/plain")), "Module shown as its PyTorch-like text")

# Magics and renderers for the CNN lectures.
check(any("Total params" in h and "<table" in h for h in data("summary", "text/html")), "%summary: HTML table with totals")
bad = outputs("summary-bad", "error")
check(len(bad) == 1 and "unknown variable 'nosuch'" in " ".join(bad[0].traceback), "%summary names an unknown variable")
check(len(data("plot", "image/png")) == 1, "%plot draws a History column")
check(any("<img" in h and "<table" in h for h in data("history", "text/html")), "History renders as chart and table")
helptext = " ".join(data("help", "text/plain"))
check("%summary" in helptext and "%plot" in helptext, "%help lists %summary and %plot")
sys.exit(1 if failures else 0)
