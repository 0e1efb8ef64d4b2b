// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/signalwatcher.h"
#include "sandbox.h"
#include "sandboxoptions.h"
#include "sandboxruntime.h"
#include "version.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatewright-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
    QTextStream err(stderr);

    const gw::SandboxOptionsResult parsed = gw::SandboxOptionsParser::parse(QCoreApplication::arguments());
    if (parsed.helpRequested) {
        QTextStream(stdout) << parsed.helpText;
        return 0;
    }
    if (parsed.versionRequested) {
        QTextStream(stdout) << "gatewright-sandbox " GATEWRIGHT_VERSION "\n";
        return 0;
    }
    if (!parsed.options) {
        err << "gatewright-sandbox: " << parsed.error << "\nRun 'gatewright-sandbox --help' for the options.\n";
        return 1;
    }

    gw::SignalWatcher signalWatcher;
    if (!signalWatcher.isValid())
        err << "gatewright-sandbox: cannot watch SIGINT/SIGTERM; they will end the sandbox abruptly\n";
    QObject::connect(&signalWatcher, &gw::SignalWatcher::terminationRequested, &app,
                     [](int) { QCoreApplication::quit(); });

    gw::Sandbox sandbox(*parsed.options);
    QString error;
    if (!sandbox.listen(&error)) {
        err << "gatewright-sandbox: " << error << "\n";
        return 1;
    }
    // The data plane, the .io tenant and the OAuth server attach here (routes, ports, demo seed).
    gw::SandboxRuntime runtime;
    if (!runtime.attach(sandbox, &error)) {
        err << "gatewright-sandbox: " << error << "\n";
        return 1;
    }
    if (!sandbox.initializeState(&error)) {
        err << "gatewright-sandbox: " << error << "\n";
        return 1;
    }

    const QByteArray line = sandbox.startupLine() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);

    const int status = app.exec();
    if (!sandbox.flushState(&error)) {
        err << "gatewright-sandbox: " << error << "\n";
        return 1;
    }
    return status;
}
