// SPDX-License-Identifier: GPL-3.0-or-later
// Wires the objects together: headless subcommands on a QCoreApplication, otherwise the console.
#include "cli/cli.h"
#include "mainwindow.h"
#include "version.h"

#include <QApplication>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (gw::cli::isHeadlessInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("gatewright"));
        QCoreApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
        QTextStream out(stdout);
        QTextStream err(stderr);
        gw::cli::CliIo io{out, err};
        return gw::cli::run(app.arguments(), io);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewright"));
    QApplication::setApplicationDisplayName(QStringLiteral(GATEWRIGHT_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(GATEWRIGHT_APP_ID));

    gw::MainWindow window;
    window.show();
    return app.exec();
}
