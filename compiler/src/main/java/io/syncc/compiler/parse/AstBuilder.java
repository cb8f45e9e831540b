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

/** Parse tree (free of syntax errors) → immutable AST nodes carrying source ranges. */
final class AstBuilder {

    private final String file;

    AstBuilder(String file) {
        this.file = file;
    }

    SyncFile build(SyncParser.FileContext ctx) {
        List<DatasourceDecl> datasources = new ArrayList<>();
        List<JobDecl> jobs = new ArrayList<>();
        for (SyncParser.DeclarationContext d : ctx.declaration()) {
            if (d instanceof SyncParser.DatasourceDeclarationContext ds) {
                datasources.add(datasource(ds.datasourceDecl()));
            } else if (d instanceof SyncParser.JobDeclarationContext job) {
                jobs.add(job(job.jobDecl()));
            }
        }
        return new SyncFile(file, datasources, jobs);
    }

    // ---- datasources -------------------------------------------------------------------------

    private DatasourceDecl datasource(SyncParser.DatasourceDeclContext ctx) {
        List<DatasourceDecl.Property> properties = new ArrayList<>();
        for (SyncParser.DsPropertyContext p : ctx.dsProperty()) {
            Name key = p.key.identifier() != null ? name(p.key.identifier()) : new Name(p.key.getText(), false, range(p.key));
            properties.add(new DatasourceDecl.Property(key, value(p.value), range(p)));
        }
        return new DatasourceDecl(name(ctx.name), properties, range(ctx));
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
        for (SyncParser.JobItemContext item : ctx.jobItem()) {
            if (item instanceof SyncParser.SourceBlockContext s) {
                sources.add(source(s));
            } else if (item instanceof SyncParser.SinkBlockContext s) {
                sinks.add(sink(s));
            } else if (item instanceof SyncParser.MapBlockContext m) {
                maps.add(map(m));
            } else if (item instanceof SyncParser.ChannelBlockContext c) {
                channels.add(channel(c));
            } else if (item instanceof SyncParser.ScheduleBlockContext s) {
                schedules.add(schedule(s));
            }
        }
        return new JobDecl(name(ctx.name), sources, sinks, maps, channels, schedules, range(ctx));
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
        List<SourceBlock.Item> items = new ArrayList<>();
        if (ctx.sourceBody() != null) {
            for (SyncParser.SourceItemContext item : ctx.sourceBody().sourceItem()) {
                SourceRange r = range(item);
                if (item instanceof SyncParser.SourceWhereContext w) {
                    items.add(new SourceBlock.Where(string(w.STRING()), r));
                } else if (item instanceof SyncParser.SourceSplitContext s) {
                    items.add(new SourceBlock.SplitBy(name(s.identifier()), r));
                } else if (item instanceof SyncParser.SourceColumnsContext c) {
                    List<SourceBlock.ColumnDef> defs = new ArrayList<>();
                    for (SyncParser.ColumnDefContext d : c.columnDef()) {
                        defs.add(new SourceBlock.ColumnDef(name(d.identifier()), type(d.typeName())));
                    }
                    items.add(new SourceBlock.Columns(defs, r));
                }
            }
        }
        return new SourceBlock(tableRef(ctx.tableRef()), items, range(ctx));
    }

    private SinkBlock sink(SyncParser.SinkBlockContext ctx) {
        List<SinkBlock.Item> items = new ArrayList<>();
        if (ctx.sinkBody() != null) {
            for (SyncParser.SinkItemContext item : ctx.sinkBody().sinkItem()) {
                SourceRange r = range(item);
                if (item instanceof SyncParser.SinkWriteContext w) {
                    items.add(new SinkBlock.WriteSetting(w.method.getType() == SyncParser.COPY
                            ? SinkBlock.Write.COPY : SinkBlock.Write.INSERT, r));
                } else if (item instanceof SyncParser.SinkConflictContext c) {
                    SinkBlock.Conflict strategy = switch (c.strategy.getType()) {
                        case SyncParser.REPLACE -> SinkBlock.Conflict.REPLACE;
                        case SyncParser.IGNORE -> SinkBlock.Conflict.IGNORE;
                        default -> SinkBlock.Conflict.FAIL;
                    };
                    items.add(new SinkBlock.ConflictSetting(strategy, r));
                } else if (item instanceof SyncParser.SinkModeContext m) {
                    items.add(new SinkBlock.ModeSetting(m.loadMode.getType() == SyncParser.APPEND
                            ? SinkBlock.Mode.APPEND : SinkBlock.Mode.OVERWRITE, r));
                } else if (item instanceof SyncParser.SinkCreateContext) {
                    items.add(new SinkBlock.CreateIfMissing(r));
                } else if (item instanceof SyncParser.SinkBeforeContext b) {
                    items.add(new SinkBlock.Before(string(b.STRING()), r));
                } else if (item instanceof SyncParser.SinkAfterContext a) {
                    items.add(new SinkBlock.After(string(a.STRING()), r));
                }
            }
        }
        return new SinkBlock(tableRef(ctx.tableRef()), items, range(ctx));
    }

    private MapBlock map(SyncParser.MapBlockContext ctx) {
        MapBlock.Mode mode = ctx.mapping() == null ? MapBlock.Mode.EXPLICIT
                : ctx.mapping().kind.getType() == SyncParser.NAME ? MapBlock.Mode.NAME : MapBlock.Mode.POSITION;
        List<MapBlock.Entry> entries = new ArrayList<>();
        for (SyncParser.MapEntryContext e : ctx.mapEntry()) {
            SourceRange r = range(e);
            if (e instanceof SyncParser.MapSkipContext s) {
                entries.add(new MapBlock.Skip(s.identifier().stream().map(this::name).toList(), r));
            } else if (e instanceof SyncParser.MapRenameContext m) {
                entries.add(new MapBlock.Column(name(m.from), Optional.of(name(m.to)), conversion(m.conversion()),
                        defaultValue(m.defaultValue()), r));
            } else if (e instanceof SyncParser.MapSameContext m) {
                entries.add(new MapBlock.Column(name(m.identifier()), Optional.empty(), conversion(m.conversion()),
                        defaultValue(m.defaultValue()), r));
            } else if (e instanceof SyncParser.MapConstantContext c) {
                entries.add(new MapBlock.Constant(literal(c.literal()), name(c.to), conversion(c.conversion()), r));
            }
        }
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
        List<ChannelBlock.Item> items = new ArrayList<>();
        for (SyncParser.ChannelItemContext item : ctx.channelItem()) {
            SourceRange r = range(item);
            if (item instanceof SyncParser.ChannelParallelismContext p) {
                items.add(new ChannelBlock.Parallelism(p.INTEGER().getText(), r));
            } else if (item instanceof SyncParser.ChannelRateContext rate) {
                items.add(new ChannelBlock.Rate(rate.amount.getText(), name(rate.unit), name(rate.per), r));
            } else if (item instanceof SyncParser.ChannelErrorRatioContext ratio) {
                items.add(new ChannelBlock.ErrorRatio(ratio.amount.getText(), r));
            } else if (item instanceof SyncParser.ChannelErrorCountContext count) {
                items.add(new ChannelBlock.ErrorCount(count.amount.getText(), r));
            } else if (item instanceof SyncParser.ChannelRetriesContext retries) {
                items.add(new ChannelBlock.Retries(retries.INTEGER().getText(), r));
            }
        }
        return new ChannelBlock(items, range(ctx));
    }

    private ScheduleBlock schedule(SyncParser.ScheduleBlockContext ctx) {
        List<ScheduleBlock.Item> items = new ArrayList<>();
        for (SyncParser.ScheduleItemContext item : ctx.scheduleItem()) {
            SourceRange r = range(item);
            if (item instanceof SyncParser.ScheduleCronContext c) {
                items.add(new ScheduleBlock.Cron(string(c.STRING()), r));
            } else if (item instanceof SyncParser.ScheduleParamContext p) {
                items.add(new ScheduleBlock.Param(name(p.identifier()), string(p.STRING()), r));
            } else if (item instanceof SyncParser.ScheduleAfterContext a) {
                items.add(new ScheduleBlock.After(a.identifier().stream().map(this::name).toList(), r));
            }
        }
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
