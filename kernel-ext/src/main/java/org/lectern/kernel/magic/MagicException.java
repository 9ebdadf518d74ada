package org.lectern.kernel.magic;

/** A magic was used wrongly; the message (usage included) is shown to the user without a stack trace. */
public final class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message, null, false, false);
    }
}
