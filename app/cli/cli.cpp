// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QFileInfo>

#include "advisecommands.h"
#include "connectcommands.h"
#include "exposecommands.h"
#include "synccommands.h"
#include "tokencommands.h"
#include "version.h"

namespace gw::cli {

QList<CliCommand> allCommands()
{
    QList<CliCommand> commands;
    commands += connectCommands();
    commands += adviseCommands();
    commands += exposeCommands();
    commands += syncCommands();
    commands += tokenCommands();
    return commands;
}

static bool isHelp(const QString &argument)
{
    return argument == QLatin1String("--help") || argument == QLatin1String("-h");
}

bool isHeadlessInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (isHelp(first) || first == QLatin1String("--version") || first == QLatin1String("-v"))
        return true;
    if (first.startsWith(QLatin1Char('-')))
        return false; // Qt's own GUI options (-platform, -style ...)
    // `gatewright demo.gatewright.json` opens the console on that workspace.
    if (first.endsWith(QLatin1String(".json")) || QFileInfo(first).isFile())
        return false;
    return true;
}

static void printUsage(QTextStream &stream)
{
    stream << "Usage: gatewright                      open the console\n"
              "       gatewright <command> [options]  run headless\n"
              "       gatewright --version | --help\n\n"
              "Commands:\n";
    for (const CliCommand &command : allCommands())
        stream << "  " << command.name.leftJustified(11) << command.summary << "\n      gatewright " << command.synopsis
               << "\n";
    stream << "\nRun 'gatewright <command> --help' for a command's options.\n";
}

int run(const QStringList &arguments, CliIo &io)
{
    const QString first = arguments.value(1);
    if (first.isEmpty() || isHelp(first)) {
        printUsage(io.out);
        return 0;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        io.out << GATEWRIGHT_APP_NAME " " GATEWRIGHT_VERSION "\n";
        return 0;
    }
    for (const CliCommand &command : allCommands()) {
        if (command.name == first)
            return command.run(arguments.mid(2), io);
    }
    io.err << "gatewright: unknown command \"" << first << "\". Run 'gatewright --help' for the list.\n";
    return 1;
}

} // namespace gw::cli
