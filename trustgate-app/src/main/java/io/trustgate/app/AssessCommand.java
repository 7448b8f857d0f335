package io.trustgate.app;

import picocli.CommandLine.Command;

/** {@code trustgate assess}: run assessment suites against models, report them, and compute pairwise ratings. */
@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        description = "Run assessments against models, report them, and compute pairwise ratings.",
        subcommands = {
            AssessRunCommand.class,
            AssessListCommand.class,
            AssessShowCommand.class,
            AssessReportCommand.class,
            AssessSuitesCommand.class,
            AssessRatingsCommand.class,
            AssessBattleCommand.class,
        })
final class AssessCommand extends GroupCommand {}
