// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace gw {

struct ApplyResult;

/// One apply, as the audit log keeps it. Holds step descriptions (with secrets masked), never a
/// secret value.
struct AuditEntry
{
    QDateTime time;
    QString environment;
    QString gatewayUrl;
    QString operatorName; ///< local account and the gateway admin user: "alice (as Administrator)"
    QString outcome;      ///< ApplyResult::outcomeName
    int total = 0;
    int completed = 0;
    QStringList steps;                        ///< "done: create alias io-orders-basic (...)"
    QString message;                          ///< the failure, if any
    QString action = QStringLiteral("apply"); ///< "apply", or "rollback-retry" for a retried rollback
    QStringList leftChanged;                  ///< rollback-incomplete: what each object was left as
    QString interrupted; ///< stopped from outside (a signal, the window closed): by what; then rolled back

    /// An apply that sent nothing: its first pull or its plan failed (outcome not-started, the reason in message).
    static AuditEntry notStarted(const QString &environment, const QString &gatewayUrl, const QString &operatorName,
                                 const QString &reason);

    static AuditEntry fromApply(const ApplyResult &result, const QString &gatewayUrl, const QString &operatorName);
    QJsonObject toJson() const;
    static AuditEntry fromJson(const QJsonObject &object);
};

/// Append-only JSON-lines file of applies (one object per line), in the application's data folder.
class AuditLog
{
public:
    explicit AuditLog(QString filePath);
    /// <AppDataLocation>/audit-log.jsonl
    static QString defaultPath();
    /// The local account name and the gateway admin user.
    static QString operatorName(const QString &adminUser);

    QString filePath() const { return m_filePath; }
    bool append(const AuditEntry &entry, QString *error) const;
    /// Every entry, oldest first; unreadable lines are skipped and counted in `skipped`.
    QList<AuditEntry> read(QString *error, int *skipped = nullptr) const;

private:
    QString m_filePath;
};

} // namespace gw
