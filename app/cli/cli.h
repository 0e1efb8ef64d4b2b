// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace gw::cli {

/// Where a command writes and what it may read from the process, injectable for tests.
struct CliIo
{
    QTextStream &out;
    QTextStream &err;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

/// One headless subcommand. `run` gets the arguments after the subcommand name, runs to
/// completion (it may spin the application's single event loop with QCoreApplication::exec())
/// and returns the process exit code.
struct CliCommand
{
    QString name;
    QString synopsis; ///< "pull --workspace FILE --env NAME [--json]"
    QString summary;  ///< one line for --help
    std::function<int(const QStringList &arguments, CliIo &io)> run;
};

/// Every subcommand the binary knows, in --help order.
QList<CliCommand> allCommands();

/// True when argv asks for headless work (a subcommand, --help or --version), so main()
/// creates a QCoreApplication instead of the GUI.
bool isHeadlessInvocation(const QStringList &arguments);

/// Dispatches `gatewright <subcommand> ...`, `--help` and `--version`; returns the exit code.
int run(const QStringList &arguments, CliIo &io);

} // namespace gw::cli
