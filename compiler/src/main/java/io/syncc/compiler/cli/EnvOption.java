package io.syncc.compiler.cli;

import picocli.CommandLine.Option;

/** {@code --env NAME}: which {@code env NAME { }} settings of the datasources apply. */
final class EnvOption {

    @Option(names = "--env", paramLabel = "NAME", description = "use the datasources' `env NAME { }` settings (default: $$SYNCC_ENV, else their own)")
    String env;

    /** The chosen environment, or null. */
    String name() {
        String e = env != null ? env : System.getenv("SYNCC_ENV");
        return e == null || e.isBlank() ? null : e.trim();
    }
}
