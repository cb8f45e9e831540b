package io.syncc.compiler.parse;

import io.syncc.grammar.SyncParser;
import java.util.Set;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR's recovering strategy, so every syntax error of a file is found in one run, but without
 * the cascade one mistake leaves behind. Errors are attributed to the innermost <em>item</em> they
 * occur in (a declaration, a datasource property, a block of a job, one setting of a block, one map
 * entry): an item reports at most one error, and an error inside an item nested in one that has
 * just failed is the same mistake seen again until the parser has matched a few tokens. A mistake
 * in the next item is always reported.
 */
final class QuietRecoveryStrategy extends DefaultErrorStrategy {

    private static final Set<Integer> ITEM_RULES = Set.of(
            SyncParser.RULE_datasourceDecl, SyncParser.RULE_jobDecl, SyncParser.RULE_dsItem, SyncParser.RULE_dsProperty,
            SyncParser.RULE_jobItem, SyncParser.RULE_sourceItem, SyncParser.RULE_sinkItem,
            SyncParser.RULE_mapEntry, SyncParser.RULE_channelItem, SyncParser.RULE_scheduleItem);
    private static final int QUIET_TOKENS = 3;

    private ParserRuleContext failedItem;
    private int matchedSinceError = Integer.MAX_VALUE;

    @Override
    public void reportMatch(Parser recognizer) {
        super.reportMatch(recognizer);
        if (matchedSinceError < Integer.MAX_VALUE) {
            matchedSinceError++;
        }
    }

    /**
     * Braces are the structure of the file: never drop one as "extraneous" to make the next token
     * fit (keywords are names too, so {@code "x" -> \u007d channel} would otherwise swallow the end
     * of a block and read the next block as map entries).
     */
    @Override
    protected Token singleTokenDeletion(Parser recognizer) {
        int next = recognizer.getInputStream().LA(1);
        if (next == SyncParser.RBRACE || next == SyncParser.LBRACE) {
            return null;
        }
        return super.singleTokenDeletion(recognizer);
    }

    /**
     * At the start of a list of items ({@code channel { paralelism 2 }}), a token that cannot start
     * one is reported and skipped like one met between items, instead of abandoning the block: the
     * block then still ends at its own closing brace, not at the job's.
     */
    @Override
    public void sync(Parser recognizer) throws RecognitionException {
        org.antlr.v4.runtime.atn.ATNState s = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        if (inErrorRecoveryMode(recognizer) || s.getStateType() != org.antlr.v4.runtime.atn.ATNState.STAR_LOOP_ENTRY) {
            super.sync(recognizer);
            return;
        }
        int la = recognizer.getInputStream().LA(1);
        org.antlr.v4.runtime.misc.IntervalSet next = recognizer.getATN().nextTokens(s);
        if (next.contains(la) || next.contains(Token.EPSILON) || singleTokenDeletion(recognizer) != null) {
            super.sync(recognizer);
            return;
        }
        reportUnwantedToken(recognizer);
        consumeUntil(recognizer, recognizer.getExpectedTokens().or(getErrorRecoverySet(recognizer)));
    }

    /**
     * Skips to where parsing can go on, treating a {@code { ... }} group as one token: a misspelt
     * block keyword ({@code sinc dw.x { write copy }}) is skipped with its block, instead of stopping
     * at the block's closing brace and taking it for the end of the job. A closing brace of an
     * enclosing block is never skipped. What comes after the skipped stretch is a new item, so its
     * own mistake is reported.
     */
    @Override
    protected void consumeUntil(Parser recognizer, org.antlr.v4.runtime.misc.IntervalSet set) {
        int depth = 0;
        int skipped = 0;
        for (int t = recognizer.getInputStream().LA(1); t != Token.EOF; t = recognizer.getInputStream().LA(1)) {
            if (depth == 0 && set.contains(t)) {
                break;
            }
            if (t == SyncParser.LBRACE) {
                depth++;
            } else if (t == SyncParser.RBRACE) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            recognizer.consume();
            skipped++;
        }
        if (skipped > 0) {
            failedItem = null; // parsing resumes at the start of another item
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

    /** False while recovering, or when this error is a cascade of the previous one. */
    private boolean shouldReport(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return false;
        }
        ParserRuleContext item = itemOf(recognizer.getContext());
        boolean cascade = failedItem != null
                && (item == failedItem || (isAncestor(failedItem, item) && matchedSinceError < QUIET_TOKENS));
        matchedSinceError = 0;
        if (cascade) {
            beginErrorCondition(recognizer);
            return false;
        }
        failedItem = item;
        return true;
    }

    private static ParserRuleContext itemOf(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (ITEM_RULES.contains(c.getRuleIndex())) {
                return c;
            }
        }
        return null;
    }

    private static boolean isAncestor(ParserRuleContext ancestor, ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx == null ? null : ctx.getParent(); c != null; c = c.getParent()) {
            if (c == ancestor) {
                return true;
            }
        }
        return false;
    }
}
