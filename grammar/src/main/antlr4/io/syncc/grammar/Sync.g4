/*
 * The .sync language. Keywords are case-insensitive; most are non-reserved and may be used
 * as names (columns called `type`, `path` or `month` are common). The few that start or shape
 * a map entry (as, default, format, skip) are reserved there; quote such names with backticks.
 * Every alternative is labelled so the AST builder visits exactly one shape per rule.
 */
grammar Sync;

options { caseInsensitive = true; }

// ---------------------------------------------------------------- entry points

file
    : declaration* EOF
    ;

declaration
    : datasourceDecl                                    #datasourceDeclaration
    | jobDecl                                           #jobDeclaration
    ;

// ---------------------------------------------------------------- datasources

datasourceDecl
    : DATASOURCE name=identifier LBRACE dsItem* RBRACE
    ;

// settings, and settings that differ in an environment (`env prod { url "..." }`, picked with --env)
dsItem
    : ENV envName=identifier LBRACE dsProperty* RBRACE    #dsEnvironment
    | dsProperty                                         #dsSetting
    ;

dsProperty
    : key=propertyKey value=dsValue SEMI?
    ;

propertyKey
    : identifier
    | NULL
    ;

dsValue
    : STRING                                            #stringValue
    | number                                            #numberValue
    | ENV LPAREN STRING RPAREN                          #envValue
    | FILE LPAREN STRING RPAREN                         #fileValue
    | identifier                                        #wordValue
    | (TRUE | FALSE)                                    #booleanValue
    ;

// ---------------------------------------------------------------- jobs

jobDecl
    : JOB name=identifier LBRACE jobItem* RBRACE
    ;

jobItem
    : SOURCE tableRef sourceBody?                       #sourceBlock
    | SINK tableRef sinkBody?                           #sinkBlock
    | MAP mapping? LBRACE mapEntry* RBRACE              #mapBlock
    | CHANNEL LBRACE channelItem* RBRACE                #channelBlock
    | SCHEDULE LBRACE scheduleItem* RBRACE              #scheduleBlock
    ;

tableRef
    : datasource=identifier DOT parts+=namePart (DOT parts+=namePart)*
    ;

namePart
    : identifier
    | STRING
    ;

sourceBody
    : LBRACE sourceItem* RBRACE
    ;

sourceItem
    : WHERE STRING SEMI?                                #sourceWhere
    | SPLIT BY identifier SEMI?                         #sourceSplit
    | INCREMENTAL BY identifier SEMI?                   #sourceIncremental
    | PARTITION partitionFilter (COMMA partitionFilter)* SEMI?   #sourcePartition
    | ALLOW EMPTY SEMI?                                 #sourceAllowEmpty
    | COLUMNS LBRACE (columnDef (COMMA | SEMI)?)* RBRACE #sourceColumns
    ;

columnDef
    : identifier typeName
    ;

// which partitions: exact values (with * and ? wildcards), lists, inclusive ranges
partitionFilter
    : identifier EQ STRING                                          #partitionEquals
    | identifier IN LPAREN STRING (COMMA STRING)* RPAREN            #partitionIn
    | identifier BETWEEN STRING AND STRING                          #partitionBetween
    ;

sinkBody
    : LBRACE sinkItem* RBRACE
    ;

sinkItem
    : WRITE method=(COPY | INSERT) SEMI?                           #sinkWrite
    | ON CONFLICT strategy=(REPLACE | IGNORE | FAIL) SEMI?         #sinkConflict
    | MODE loadMode=(APPEND | OVERWRITE) SEMI?                     #sinkMode
    | CREATE IF MISSING createOptions? SEMI?                       #sinkCreate
    | BEFORE STRING SEMI?                                          #sinkBefore
    | AFTER STRING SEMI?                                           #sinkAfter
    | PARTITION identifier (EQ STRING)? SEMI?                      #sinkPartition
    | ADD MISSING COLUMNS SEMI?                                     #sinkAddColumns
    ;

// what the data cannot say about a table it creates
createOptions
    : LBRACE createOption* RBRACE
    ;

createOption
    : PRIMARY KEY LPAREN identifier (COMMA identifier)* RPAREN SEMI?    #createPrimaryKey
    | NOT NULL LPAREN identifier (COMMA identifier)* RPAREN SEMI?       #createNotNull
    | COLUMNS LBRACE (columnDef (COMMA | SEMI)?)* RBRACE                #createColumns
    ;

mapping
    : BY kind=(NAME | POSITION)
    ;

mapEntry
    : SKIP_ identifier (COMMA identifier)* (SEMI | COMMA)?                    #mapSkip
    | from=identifier ARROW to=identifier conversion? defaultValue? (SEMI | COMMA)?  #mapRename
    | identifier conversion? defaultValue? (SEMI | COMMA)?                    #mapSame
    | literal ARROW to=identifier conversion? (SEMI | COMMA)?                 #mapConstant
    ;

conversion
    : AS typeName (FORMAT STRING)?
    ;

defaultValue
    : DEFAULT literal
    ;

literal
    : STRING                                            #stringLiteral
    | number                                            #numberLiteral
    | (TRUE | FALSE)                                    #booleanLiteral
    | NULL                                              #nullLiteral
    | PARAM                                             #paramLiteral
    ;

number
    : MINUS? (INTEGER | DECIMAL)
    ;

typeName
    : DOUBLE PRECISION                                  #doublePrecisionType
    | identifier (LPAREN INTEGER (COMMA INTEGER)? RPAREN)? #namedType
    ;

channelItem
    : PARALLELISM INTEGER SEMI?                                          #channelParallelism
    | RATE amount=number unit=identifier SLASH per=identifier SEMI?      #channelRate
    | ERRORS amount=number PERCENT SEMI?                                 #channelErrorRatio
    | ERRORS amount=number SEMI?                                         #channelErrorCount
    | RETRIES INTEGER SEMI?                                              #channelRetries
    ;

scheduleItem
    : CRON STRING SEMI?                                                  #scheduleCron
    | PARAM_KW identifier EQ STRING SEMI?                                #scheduleParam
    | AFTER identifier (COMMA identifier)* SEMI?                         #scheduleAfter
    ;

identifier
    : IDENTIFIER                                        #plainIdentifier
    | QUOTED_IDENTIFIER                                 #quotedIdentifier
    | nonReserved                                       #keywordIdentifier
    ;

nonReserved
    : DATASOURCE | JOB | SOURCE | SINK | MAP | CHANNEL | SCHEDULE | WHERE | SPLIT | BY | COLUMNS
    | WRITE | COPY | INSERT | ON | CONFLICT | REPLACE | IGNORE | FAIL | MODE | APPEND | OVERWRITE
    | CREATE | IF | MISSING | BEFORE | AFTER | NAME | POSITION | PARALLELISM | RATE | ERRORS | RETRIES
    | CRON | PARAM_KW | ENV | FILE | DOUBLE | PRECISION | PRIMARY | KEY | NOT | INCREMENTAL
    | PARTITION | IN | BETWEEN | AND | ALLOW | EMPTY | ADD
    ;

// ---------------------------------------------------------------- tokens

DATASOURCE  : 'datasource';
JOB         : 'job';
SOURCE      : 'source';
SINK        : 'sink';
MAP         : 'map';
CHANNEL     : 'channel';
SCHEDULE    : 'schedule';
WHERE       : 'where';
SPLIT       : 'split';
BY          : 'by';
COLUMNS     : 'columns';
WRITE       : 'write';
COPY        : 'copy';
INSERT      : 'insert';
ON          : 'on';
CONFLICT    : 'conflict';
REPLACE     : 'replace';
IGNORE      : 'ignore';
FAIL        : 'fail';
MODE        : 'mode';
APPEND      : 'append';
OVERWRITE   : 'overwrite';
CREATE      : 'create';
IF          : 'if';
MISSING     : 'missing';
BEFORE      : 'before';
AFTER       : 'after';
NAME        : 'name';
POSITION    : 'position';
SKIP_       : 'skip';
AS          : 'as';
FORMAT      : 'format';
DEFAULT     : 'default';
PARALLELISM : 'parallelism';
RATE        : 'rate';
ERRORS      : 'errors';
RETRIES     : 'retries';
CRON        : 'cron';
PARAM_KW    : 'param';
ENV         : 'env';
FILE        : 'file';
DOUBLE      : 'double';
PRECISION   : 'precision';
PRIMARY     : 'primary';
KEY         : 'key';
NOT         : 'not';
TRUE        : 'true';
FALSE       : 'false';
NULL        : 'null';
INCREMENTAL : 'incremental';
PARTITION   : 'partition';
IN          : 'in';
BETWEEN     : 'between';
AND         : 'and';
ALLOW       : 'allow';
ADD         : 'add';
EMPTY       : 'empty';

ARROW   : '->';
LBRACE  : '{';
RBRACE  : '}';
LPAREN  : '(';
RPAREN  : ')';
DOT     : '.';
COMMA   : ',';
SEMI    : ';';
SLASH   : '/';
PERCENT : '%';
EQ      : '=';
MINUS   : '-';

PARAM             : '${' [a-z_] [a-z_0-9]* '}';
STRING            : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"';
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )*;
DECIMAL           : [0-9]+ '.' [0-9]+;
INTEGER           : [0-9]+;
IDENTIFIER        : [a-z_] [a-z_0-9]*;
QUOTED_IDENTIFIER : '`' ~[`\r\n]+ '`';

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else is a token too, so no input is silently dropped; the parser reports it.
UNRECOGNIZED : .;
