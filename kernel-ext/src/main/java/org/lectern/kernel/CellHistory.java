package org.lectern.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** The cells executed in this session, for history requests (in memory: a teaching kernel keeps no files). */
final class CellHistory implements HistoryManager {
    private static final int SESSION = 1;
    private final List<HistoryEntry> entries = new ArrayList<>();

    private final Map<Integer, String> outputs = new java.util.HashMap<>();

    synchronized void record(int cell, String code) {
        entries.add(new HistoryEntry(SESSION, cell, code, null));
    }

    synchronized void recordOutput(int cell, Object result) {
        if (result != null) outputs.put(cell, String.valueOf(result));
    }

    /** With INCLUDE_OUTPUT, entries carry their output ("" when none), which makes jjava send (input, output) pairs. */
    private List<HistoryEntry> shaped(List<HistoryEntry> list, Set<ResultFlag> flags) {
        if (!flags.contains(ResultFlag.INCLUDE_OUTPUT)) return list;
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : list) {
            out.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), outputs.getOrDefault(e.getCellNumber(), "")));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) out.add(e);
        }
        return shaped(out, flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        return shaped(new ArrayList<>(entries.subList(from, entries.size())), flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = Pattern.compile(globToRegex(pattern == null ? "*" : pattern), Pattern.DOTALL);
        Map<String, HistoryEntry> matches = new LinkedHashMap<>();
        List<HistoryEntry> all = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (!glob.matcher(e.getInput()).matches()) continue;
            if (flags.contains(ResultFlag.UNIQUE)) {
                matches.remove(e.getInput());
                matches.put(e.getInput(), e);
            } else {
                all.add(e);
            }
        }
        List<HistoryEntry> out = flags.contains(ResultFlag.UNIQUE) ? new ArrayList<>(matches.values()) : all;
        return shaped(length > 0 && out.size() > length ? out.subList(out.size() - length, out.size()) : out, flags);
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }
}
