package org.lectern.kernel;

/** Where a snippet came from: which cell, and at what line of it it starts, so stack frames can name cell lines. */
final class SnippetOrigin {
    final int cell;
    final int firstLine;
    final CellText text;

    SnippetOrigin(int cell, int firstLine, CellText text) {
        this.cell = cell;
        this.firstLine = firstLine;
        this.text = text;
    }
}
