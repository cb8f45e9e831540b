package io.syncc.compiler.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;

/**
 * ANTLR's recovering strategy, so every syntax error of a file is found in one run, but without
 * the cascade: an error is reported only once the parser has matched a few tokens since the
 * previous one, so a single mistake gives a single message.
 */
final class QuietRecoveryStrategy extends DefaultErrorStrategy {

    private static final int QUIET_TOKENS = 3;
    private int matchedSinceError = Integer.MAX_VALUE;

    @Override
    public void reportMatch(Parser recognizer) {
        super.reportMatch(recognizer);
        if (matchedSinceError < Integer.MAX_VALUE) {
            matchedSinceError++;
        }
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (shouldReport(recognizer)) {
            super.reportError(recognizer, e);
        }
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (shouldReport(recognizer)) {
            super.reportUnwantedToken(recognizer);
        }
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (shouldReport(recognizer)) {
            super.reportMissingToken(recognizer);
        }
    }

    /** False while recovering, or when this error follows the previous one too closely (a cascade). */
    private boolean shouldReport(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return false;
        }
        boolean cascade = matchedSinceError < QUIET_TOKENS;
        matchedSinceError = 0;
        if (cascade) {
            beginErrorCondition(recognizer);
        }
        return !cascade;
    }
}
