// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running pull and apply to completion in tests, against a gateway on 127.0.0.1.
#include "insandbox.h"
#include "net/gatewayclient.h"
#include "sync/applyjob.h"
#include "sync/pulljob.h"
#include "testpaths.h"
#include "workspacefile.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace gw::test {

inline PullResult pull(GatewayClient &client, int timeoutMs = 30000)
{
    PullJob job(&client);
    QSignalSpy finished(&job, &PullJob::finished);
    job.start();
    if (!finished.wait(timeoutMs))
        return PullResult{std::nullopt, QStringLiteral("pull did not finish in time"), false};
    return finished.first().first().value<PullResult>();
}

inline ApplyResult apply(GatewayClient &client, const Plan &plan, const ObservedState &observed,
                         const QHash<QString, QString> &passwords, int cancelAfterStep = 0, int timeoutMs = 60000)
{
    ApplyJob job(&client, plan, observed, passwords);
    QSignalSpy finished(&job, &ApplyJob::finished);
    if (cancelAfterStep > 0) {
        QObject::connect(&job, &ApplyJob::progress, &job, [&job, cancelAfterStep](int step, int, const QString &) {
            if (step == cancelAfterStep)
                job.cancel();
        });
    }
    job.start();
    if (!finished.wait(timeoutMs)) {
        ApplyResult timedOut;
        timedOut.failure = QStringLiteral("apply did not finish in time");
        timedOut.outcome = ApplyResult::Outcome::RollbackIncomplete;
        return timedOut;
    }
    return finished.first().first().value<ApplyResult>();
}

inline PlanOptions digestsOf(const QHash<QString, QString> &passwords)
{
    PlanOptions options;
    for (auto it = passwords.cbegin(); it != passwords.cend(); ++it)
        options.aliasPasswordDigests.insert(it.key(),
                                            QCryptographicHash::hash(it.value().toUtf8(), QCryptographicHash::Sha256));
    return options;
}

/// The demo workspace with its "sandbox" environment pointed at `gatewayUrl`.
inline Workspace demoWorkspace(const QString &gatewayUrl)
{
    const WorkspaceReadResult read =
        WorkspaceFile::read(QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"));
    if (!read.ok())
        qFatal("demo workspace unreadable: %s", qPrintable(read.errorString()));
    Workspace workspace = *read.workspace;
    for (Environment &environment : workspace.environments) {
        if (environment.name == QLatin1String("sandbox"))
            environment.gatewayUrl = gatewayUrl;
    }
    return workspace;
}

inline Environment environmentOf(const Workspace &workspace, const QString &name = QStringLiteral("sandbox"))
{
    for (const Environment &environment : workspace.environments) {
        if (environment.name == name)
            return environment;
    }
    return {};
}

/// Everything a pull shows, without gateway ids: equal for two gateways configured alike.
inline QByteArray fingerprint(const ObservedState &state)
{
    return QJsonDocument(state.toJson(false)).toJson(QJsonDocument::Indented);
}

} // namespace gw::test
