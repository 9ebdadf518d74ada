package org.lectern.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/** Splits a magic's argument line into words, honouring single and double quotes. */
public final class MagicArgs {
    private MagicArgs() {}

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    static int parseInt(String magic, String usage, List<String> args) {
        if (args.size() != 1) throw usage(magic, usage, "expected one number");
        try {
            return Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            throw usage(magic, usage, "'" + args.get(0) + "' is not a whole number");
        }
    }

    static long parseLong(String magic, String usage, List<String> args) {
        if (args.size() != 1) throw usage(magic, usage, "expected one number");
        try {
            return Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            throw usage(magic, usage, "'" + args.get(0) + "' is not a whole number");
        }
    }

    static MagicException usage(String magic, String usage, String problem) {
        return new MagicException("%" + magic + ": " + problem + "\nUsage: " + usage);
    }
}
