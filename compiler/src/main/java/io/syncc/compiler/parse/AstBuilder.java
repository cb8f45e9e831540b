package io.syncc.compiler.parse;

import io.syncc.compiler.ast.ChannelBlock;
import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.JobDecl;
import io.syncc.compiler.ast.Literal;
import io.syncc.compiler.ast.MapBlock;
import io.syncc.compiler.ast.Name;
import io.syncc.compiler.ast.ScheduleBlock;
import io.syncc.compiler.ast.SinkBlock;
import io.syncc.compiler.ast.SourceBlock;
import io.syncc.compiler.ast.StringLit;
import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.ast.TableRef;
import io.syncc.compiler.ast.TypeRef;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.grammar.SyncParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree → immutable AST nodes carrying source ranges. The tree may hold syntax errors (the
 * parser recovers): an <em>item</em> (a declaration, a datasource property, a block of a job, one
 * setting of a block, one map entry) whose own tokens are wrong is left out, and tokens the parser
 * skipped between items leave their container whole. Either way the ranges of what was left out
 * are kept ({@link SyncFile#malformed()}), so checks that need a whole declaration can tell.
 */
final class AstBuilder {

    private final String file;
    private final List<SourceRange> malformed = new ArrayList<>();

    AstBuilder(String file) {
        this.file = file;
    }

    SyncFile build(SyncParser.FileContext ctx) {
        List<DatasourceDecl> datasources = new ArrayList<>();
        List<JobDecl> jobs = new ArrayList<>();
        for (org.antlr.v4.runtime.tree.ParseTree child : ctx.children == null ? List.<org.antlr.v4.runtime.tree.ParseTree>of() : ctx.children) {
            if (child instanceof org.antlr.v4.runtime.tree.ErrorNode e) {
                malformed.add(Ranges.of(file, e.getSymbol()));
            }
        }
        for (SyncParser.DeclarationContext d : ctx.declaration()) {
            if (d instanceof SyncParser.DatasourceDeclarationContext ds && usable(ds.datasourceDecl())) {
                build(ds.datasourceDecl(), this::datasource).ifPresent(datasources::add);
            } else if (d instanceof SyncParser.JobDeclarationContext job && usable(job.jobDecl())) {
                build(job.jobDecl(), this::job).ifPresent(jobs::add);
            } else {
                skip(d);
            }
        }
        return new SyncFile(file, datasources, jobs, malformed);
    }

    // ---- what a tree with syntax errors still holds ------------------------------------------

    /** Rules whose contents sit between braces: tokens skipped there leave the rule usable. */
    private static final java.util.Set<Integer> CONTAINERS = java.util.Set.of(SyncParser.RULE_datasourceDecl,
            SyncParser.RULE_jobDecl, SyncParser.RULE_sourceBody, SyncParser.RULE_sinkBody);

    /** Job items that are containers too ({@code map ... { }}, {@code channel { }}, {@code schedule { }}). */
    private static boolean container(ParserRuleContext ctx) {
        return CONTAINERS.contains(ctx.getRuleIndex()) || ctx instanceof SyncParser.MapBlockContext || ctx instanceof SyncParser.DsEnvironmentContext
                || ctx instanceof SyncParser.ChannelBlockContext || ctx instanceof SyncParser.ScheduleBlockContext;
    }

    /** Items: judged (and left out) on their own, never making their container unusable. */
    private static final java.util.Set<Integer> ITEMS = java.util.Set.of(SyncParser.RULE_dsItem, SyncParser.RULE_dsProperty, SyncParser.RULE_jobItem,
            SyncParser.RULE_sourceItem, SyncParser.RULE_sinkItem, SyncParser.RULE_mapEntry, SyncParser.RULE_channelItem,
            SyncParser.RULE_scheduleItem);

    /**
     * Whether an item can be built: no error among its own tokens. For a container, only its
     * header (up to the opening brace) counts: a token skipped inside, or a missing closing brace,
     * is recorded as malformed and the container is kept.
     */
    private boolean usable(ParserRuleContext ctx) {
        if (ctx == null || ctx.children == null || ctx.getStart() == null) {
            return false;
        }
        boolean container = container(ctx);
        if (ctx.exception != null && !container) {
            return false;
        }
        boolean inside = false;
        for (org.antlr.v4.runtime.tree.ParseTree child : ctx.children) {
            if (child instanceof org.antlr.v4.runtime.tree.ErrorNode e) {
                if (container && inside) {
                    malformed.add(range(ctx)); // skipped tokens, or a conjured closing brace
                    continue;
                }
                return false;
            }
            if (child instanceof TerminalNode t) {
                inside |= t.getSymbol().getType() == SyncParser.LBRACE;
                continue;
            }
            ParserRuleContext c = (ParserRuleContext) child;
            if (ITEMS.contains(c.getRuleIndex()) && container && inside) {
                continue; // built or left out on its own
            }
            if (!usable(c)) {
                return false;
            }
        }
        return !container || inside;
    }

    private void skip(ParserRuleContext item) {
        if (item.getStart() != null) {
            malformed.add(Ranges.of(file, item.getStart(), item.getStop() == null ? item.getStart() : item.getStop()));
        }
    }

    /** Builds a usable item; one the checks above let through but that is still incomplete is left out too. */
    private <C extends ParserRuleContext, T> Optional<T> build(C ctx, java.util.function.Function<C, T> builder) {
        try {
            return Optional.of(builder.apply(ctx));
        } catch (RuntimeException e) {
            skip(ctx);
            return Optional.empty();
        }
    }

    /** The usable items of a list, each built; the others recorded as malformed. */
    private <C extends ParserRuleContext, T> List<T> items(List<? extends C> ctxs, java.util.function.Function<C, T> builder) {
        List<T> out = new ArrayList<>();
        for (C c : ctxs) {
            if (usable(c)) {
                build(c, builder).ifPresent(out::add);
            } else {
                skip(c);
            }
        }
        return out;
    }

    // ---- datasources -------------------------------------------------------------------------

    private DatasourceDecl datasource(SyncParser.DatasourceDeclContext ctx) {
        List<DatasourceDecl.Property> properties = new ArrayList<>();
        List<DatasourceDecl.Environment> environments = new ArrayList<>();
        for (SyncParser.DsItemContext item : ctx.dsItem()) {
            if (item instanceof SyncParser.DsSettingContext s) {
                properties.addAll(items(List.of(s.dsProperty()), this::property));
            } else if (item instanceof SyncParser.DsEnvironmentContext e) {
                if (usable(e)) {
                    build(e, x -> new DatasourceDecl.Environment(name(x.envName), items(x.dsProperty(), this::property), range(x)))
                            .ifPresent(environments::add);
                } else {
                    skip(e);
                }
            }
        }
        return new DatasourceDecl(name(ctx.name), properties, environments, range(ctx));
    }

    private DatasourceDecl.Property property(SyncParser.DsPropertyContext p) {
        Name key = p.key.identifier() != null ? name(p.key.identifier()) : new Name(p.key.getText(), false, range(p.key));
        return new DatasourceDecl.Property(key, value(p.value), range(p));
    }

    private DatasourceDecl.Value value(SyncParser.DsValueContext ctx) {
        SourceRange r = range(ctx);
        if (ctx instanceof SyncParser.StringValueContext s) {
            return new DatasourceDecl.StringValue(unquote(s.STRING().getSymbol()), r);
        } else if (ctx instanceof SyncParser.NumberValueContext n) {
            return new DatasourceDecl.NumberValue(n.number().getText(), r);
        } else if (ctx instanceof SyncParser.EnvValueContext e) {
            return new DatasourceDecl.EnvValue(unquote(e.STRING().getSymbol()), r);
        } else if (ctx instanceof SyncParser.FileValueContext f) {
            return new DatasourceDecl.FileValue(unquote(f.STRING().getSymbol()), r);
        }
        if (ctx instanceof SyncParser.BooleanValueContext b) {
            return new DatasourceDecl.WordValue(b.getText().toLowerCase(java.util.Locale.ROOT), r);
        }
        SyncParser.WordValueContext w = (SyncParser.WordValueContext) ctx;
        return new DatasourceDecl.WordValue(name(w.identifier()).text(), r);
    }

    // ---- jobs --------------------------------------------------------------------------------

    private JobDecl job(SyncParser.JobDeclContext ctx) {
        List<SourceBlock> sources = new ArrayList<>();
        List<SinkBlock> sinks = new ArrayList<>();
        List<MapBlock> maps = new ArrayList<>();
        List<ChannelBlock> channels = new ArrayList<>();
        List<ScheduleBlock> schedules = new ArrayList<>();
        for (Object block : items(ctx.jobItem(), this::jobItem)) {
            if (block instanceof SourceBlock s) {
                sources.add(s);
            } else if (block instanceof SinkBlock s) {
                sinks.add(s);
            } else if (block instanceof MapBlock m) {
                maps.add(m);
            } else if (block instanceof ChannelBlock c) {
                channels.add(c);
            } else if (block instanceof ScheduleBlock s) {
                schedules.add(s);
            }
        }
        return new JobDecl(name(ctx.name), sources, sinks, maps, channels, schedules, range(ctx));
    }

    private Object jobItem(SyncParser.JobItemContext item) {
        if (item instanceof SyncParser.SourceBlockContext s) {
            return source(s);
        } else if (item instanceof SyncParser.SinkBlockContext s) {
            return sink(s);
        } else if (item instanceof SyncParser.MapBlockContext m) {
            return map(m);
        } else if (item instanceof SyncParser.ChannelBlockContext c) {
            return channel(c);
        }
        return schedule((SyncParser.ScheduleBlockContext) item);
    }

    private TableRef tableRef(SyncParser.TableRefContext ctx) {
        List<Name> parts = new ArrayList<>();
        for (SyncParser.NamePartContext p : ctx.parts) {
            if (p.STRING() != null) {
                parts.add(new Name(unquote(p.STRING().getSymbol()), true, range(p)));
            } else {
                parts.add(name(p.identifier()));
            }
        }
        return new TableRef(name(ctx.datasource), parts, range(ctx));
    }

    private SourceBlock source(SyncParser.SourceBlockContext ctx) {
        List<SourceBlock.Item> items = ctx.sourceBody() == null ? List.of() : items(ctx.sourceBody().sourceItem(), item -> {
            SourceRange r = range(item);
            if (item instanceof SyncParser.SourceWhereContext w) {
                return new SourceBlock.Where(string(w.STRING()), r);
            } else if (item instanceof SyncParser.SourceSplitContext s) {
                return new SourceBlock.SplitBy(name(s.identifier()), r);
            } else if (item instanceof SyncParser.SourceIncrementalContext inc) {
                return new SourceBlock.IncrementalBy(name(inc.identifier()), r);
            } else if (item instanceof SyncParser.SourcePartitionContext p) {
                return new SourceBlock.Partition(p.partitionFilter().stream().map(this::partitionFilter).toList(), r);
            } else if (item instanceof SyncParser.SourceAllowEmptyContext) {
                return new SourceBlock.AllowEmpty(r);
            }
            List<SourceBlock.ColumnDef> defs = new ArrayList<>();
            for (SyncParser.ColumnDefContext d : ((SyncParser.SourceColumnsContext) item).columnDef()) {
                defs.add(new SourceBlock.ColumnDef(name(d.identifier()), type(d.typeName())));
            }
            return new SourceBlock.Columns(defs, r);
        });
        return new SourceBlock(tableRef(ctx.tableRef()), items, range(ctx));
    }

    private SourceBlock.PartitionFilter partitionFilter(SyncParser.PartitionFilterContext f) {
        if (f instanceof SyncParser.PartitionEqualsContext e) {
            return new SourceBlock.PartitionFilter(name(e.identifier()), SourceBlock.Op.EQUALS, List.of(string(e.STRING())), range(f));
        } else if (f instanceof SyncParser.PartitionInContext in) {
            return new SourceBlock.PartitionFilter(name(in.identifier()), SourceBlock.Op.IN, in.STRING().stream().map(this::string).toList(),
                    range(f));
        }
        SyncParser.PartitionBetweenContext b = (SyncParser.PartitionBetweenContext) f;
        return new SourceBlock.PartitionFilter(name(b.identifier()), SourceBlock.Op.BETWEEN, b.STRING().stream().map(this::string).toList(),
                range(f));
    }

    private SinkBlock sink(SyncParser.SinkBlockContext ctx) {
        List<SinkBlock.Item> items = ctx.sinkBody() == null ? List.of() : items(ctx.sinkBody().sinkItem(), this::sinkItem);
        return new SinkBlock(tableRef(ctx.tableRef()), items, range(ctx));
    }

    private SinkBlock.Item sinkItem(SyncParser.SinkItemContext item) {
        SourceRange r = range(item);
        if (item instanceof SyncParser.SinkWriteContext w) {
            return new SinkBlock.WriteSetting(w.method.getType() == SyncParser.COPY ? SinkBlock.Write.COPY : SinkBlock.Write.INSERT, r);
        } else if (item instanceof SyncParser.SinkConflictContext c) {
            SinkBlock.Conflict strategy = switch (c.strategy.getType()) {
                case SyncParser.REPLACE -> SinkBlock.Conflict.REPLACE;
                case SyncParser.IGNORE -> SinkBlock.Conflict.IGNORE;
                default -> SinkBlock.Conflict.FAIL;
            };
            return new SinkBlock.ConflictSetting(strategy, r);
        } else if (item instanceof SyncParser.SinkModeContext m) {
            return new SinkBlock.ModeSetting(m.loadMode.getType() == SyncParser.APPEND ? SinkBlock.Mode.APPEND : SinkBlock.Mode.OVERWRITE, r);
        } else if (item instanceof SyncParser.SinkCreateContext c) {
            List<Name> key = new ArrayList<>();
            List<Name> notNull = new ArrayList<>();
            List<SourceBlock.ColumnDef> columns = new ArrayList<>();
            if (c.createOptions() != null) {
                for (SyncParser.CreateOptionContext o : c.createOptions().createOption()) {
                    if (o instanceof SyncParser.CreatePrimaryKeyContext pk) {
                        pk.identifier().forEach(i -> key.add(name(i)));
                    } else if (o instanceof SyncParser.CreateNotNullContext nn) {
                        nn.identifier().forEach(i -> notNull.add(name(i)));
                    } else if (o instanceof SyncParser.CreateColumnsContext cols) {
                        cols.columnDef().forEach(d -> columns.add(new SourceBlock.ColumnDef(name(d.identifier()), type(d.typeName()))));
                    }
                }
            }
            return new SinkBlock.CreateIfMissing(key, notNull, columns, r);
        } else if (item instanceof SyncParser.SinkBeforeContext b) {
            return new SinkBlock.Before(string(b.STRING()), r);
        } else if (item instanceof SyncParser.SinkAddColumnsContext) {
            return new SinkBlock.AddMissingColumns(r);
        } else if (item instanceof SyncParser.SinkPartitionContext p) {
            return new SinkBlock.PartitionSetting(name(p.identifier()), java.util.Optional.ofNullable(p.STRING()).map(this::string), r);
        }
        return new SinkBlock.After(string(((SyncParser.SinkAfterContext) item).STRING()), r);
    }

    private MapBlock map(SyncParser.MapBlockContext ctx) {
        MapBlock.Mode mode = ctx.mapping() == null ? MapBlock.Mode.EXPLICIT
                : ctx.mapping().kind.getType() == SyncParser.NAME ? MapBlock.Mode.NAME : MapBlock.Mode.POSITION;
        List<MapBlock.Entry> entries = items(ctx.mapEntry(), e -> {
            SourceRange r = range(e);
            if (e instanceof SyncParser.MapSkipContext s) {
                return new MapBlock.Skip(s.identifier().stream().map(this::name).toList(), r);
            } else if (e instanceof SyncParser.MapRenameContext m) {
                return new MapBlock.Column(name(m.from), Optional.of(name(m.to)), conversion(m.conversion()),
                        defaultValue(m.defaultValue()), r);
            } else if (e instanceof SyncParser.MapSameContext m) {
                return new MapBlock.Column(name(m.identifier()), Optional.empty(), conversion(m.conversion()),
                        defaultValue(m.defaultValue()), r);
            }
            SyncParser.MapConstantContext c = (SyncParser.MapConstantContext) e;
            return new MapBlock.Constant(literal(c.literal()), name(c.to), conversion(c.conversion()), r);
        });
        return new MapBlock(mode, entries, range(ctx));
    }

    private Optional<MapBlock.Conversion> conversion(SyncParser.ConversionContext ctx) {
        if (ctx == null) {
            return Optional.empty();
        }
        Optional<StringLit> format = ctx.STRING() == null ? Optional.empty() : Optional.of(string(ctx.STRING()));
        return Optional.of(new MapBlock.Conversion(type(ctx.typeName()), format, range(ctx)));
    }

    private Optional<Literal> defaultValue(SyncParser.DefaultValueContext ctx) {
        return ctx == null ? Optional.empty() : Optional.of(literal(ctx.literal()));
    }

    private Literal literal(SyncParser.LiteralContext ctx) {
        SourceRange r = range(ctx);
        if (ctx instanceof SyncParser.StringLiteralContext s) {
            return new Literal.Text(unquote(s.STRING().getSymbol()), r);
        } else if (ctx instanceof SyncParser.NumberLiteralContext n) {
            return new Literal.Number(n.number().getText(), r);
        } else if (ctx instanceof SyncParser.BooleanLiteralContext b) {
            return new Literal.Bool(b.TRUE() != null, r);
        } else if (ctx instanceof SyncParser.NullLiteralContext) {
            return new Literal.Null(r);
        }
        String text = ((SyncParser.ParamLiteralContext) ctx).PARAM().getText();
        return new Literal.Param(text.substring(2, text.length() - 1), r);
    }

    private TypeRef type(SyncParser.TypeNameContext ctx) {
        if (ctx instanceof SyncParser.DoublePrecisionTypeContext) {
            return new TypeRef("double precision", 0, 0, range(ctx));
        }
        SyncParser.NamedTypeContext t = (SyncParser.NamedTypeContext) ctx;
        List<TerminalNode> numbers = t.INTEGER();
        int precision = numbers.isEmpty() ? 0 : parseSmall(numbers.get(0).getText());
        int scale = numbers.size() < 2 ? 0 : parseSmall(numbers.get(1).getText());
        return new TypeRef(name(t.identifier()).text(), precision, scale, range(ctx));
    }

    // ---- channel and schedule ----------------------------------------------------------------

    private ChannelBlock channel(SyncParser.ChannelBlockContext ctx) {
        List<ChannelBlock.Item> items = items(ctx.channelItem(), item -> {
            SourceRange r = range(item);
            if (item instanceof SyncParser.ChannelParallelismContext p) {
                return new ChannelBlock.Parallelism(p.INTEGER().getText(), r);
            } else if (item instanceof SyncParser.ChannelRateContext rate) {
                return new ChannelBlock.Rate(rate.amount.getText(), name(rate.unit), name(rate.per), r);
            } else if (item instanceof SyncParser.ChannelErrorRatioContext ratio) {
                return new ChannelBlock.ErrorRatio(ratio.amount.getText(), r);
            } else if (item instanceof SyncParser.ChannelErrorCountContext count) {
                return new ChannelBlock.ErrorCount(count.amount.getText(), r);
            }
            return new ChannelBlock.Retries(((SyncParser.ChannelRetriesContext) item).INTEGER().getText(), r);
        });
        return new ChannelBlock(items, range(ctx));
    }

    private ScheduleBlock schedule(SyncParser.ScheduleBlockContext ctx) {
        List<ScheduleBlock.Item> items = items(ctx.scheduleItem(), item -> {
            SourceRange r = range(item);
            if (item instanceof SyncParser.ScheduleCronContext c) {
                return new ScheduleBlock.Cron(string(c.STRING()), r);
            } else if (item instanceof SyncParser.ScheduleParamContext p) {
                return new ScheduleBlock.Param(name(p.identifier()), string(p.STRING()), r);
            }
            return new ScheduleBlock.After(((SyncParser.ScheduleAfterContext) item).identifier().stream().map(this::name).toList(), r);
        });
        return new ScheduleBlock(items, range(ctx));
    }

    // ---- leaves ------------------------------------------------------------------------------

    private Name name(SyncParser.IdentifierContext ctx) {
        if (ctx instanceof SyncParser.QuotedIdentifierContext q) {
            String t = q.QUOTED_IDENTIFIER().getText();
            return new Name(t.substring(1, t.length() - 1), true, range(ctx));
        }
        return new Name(ctx.getText(), false, range(ctx));
    }

    private StringLit string(TerminalNode node) {
        return new StringLit(unquote(node.getSymbol()), Ranges.of(file, node.getSymbol()));
    }

    private SourceRange range(ParserRuleContext ctx) {
        return Ranges.of(file, ctx);
    }

    private static int parseSmall(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // the checker reports it as out of range
        }
    }

    /** Removes the quotes; {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \r} are escapes, other backslashes stay. */
    static String unquote(Token token) {
        String t = token.getText();
        String body = t.substring(1, t.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                switch (n) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> sb.append('\\').append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
