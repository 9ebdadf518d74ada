package org.lectern.kernel;

/** One JShell snippet of a cell, with where it starts in the cell so errors can point at cell lines. */
final class CellPiece {
    final String source;
    final int offset;

    CellPiece(String source, int offset) {
        this.source = source;
        this.offset = offset;
    }
}
