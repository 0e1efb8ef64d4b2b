// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditlog.h"

#include "applyjob.h"
#include "cappedfileread.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace gw {

namespace {
constexpr qint64 MaxReadSize = 64 * 1024 * 1024;
}

AuditEntry AuditEntry::fromApply(const ApplyResult &result, const QString &gatewayUrl, const QString &operatorName)
{
    AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.environment = result.environment;
    entry.gatewayUrl = gatewayUrl;
    entry.operatorName = operatorName;
    entry.outcome = ApplyResult::outcomeName(result.outcome);
    entry.total = result.total;
    entry.completed = result.completed;
    const QJsonArray steps = result.toJson().value(QLatin1String("steps")).toArray();
    for (const QJsonValue &step : steps) {
        const QJsonObject object = step.toObject();
        entry.steps << object.value(QLatin1String("status")).toString() + QStringLiteral(": ") +
                           object.value(QLatin1String("text")).toString();
    }
    entry.message = result.failure;
    entry.interrupted = result.interruption;
    if (!result.interruption.isEmpty())
        entry.message = QStringLiteral("Interrupted (%1) after step %2 of %3; the completed steps were rolled back.")
                            .arg(result.interruption)
                            .arg(result.completed)
                            .arg(result.total);
    entry.leftChanged = result.leftStates();
    if (!result.rollbackErrors.isEmpty())
        entry.message += QStringLiteral(" Rollback errors: ") + result.rollbackErrors.join(QStringLiteral("; "));
    return entry;
}

AuditEntry AuditEntry::notStarted(const QString &environment, const QString &gatewayUrl, const QString &operatorName,
                                  const QString &reason)
{
    AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.environment = environment;
    entry.gatewayUrl = gatewayUrl;
    entry.operatorName = operatorName;
    entry.outcome = ApplyResult::outcomeName(ApplyResult::Outcome::NotStarted);
    entry.message = reason;
    return entry;
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject object{{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("environment"), environment},
                       {QStringLiteral("gatewayUrl"), gatewayUrl},
                       {QStringLiteral("operator"), operatorName},
                       {QStringLiteral("outcome"), outcome},
                       {QStringLiteral("total"), total},
                       {QStringLiteral("completed"), completed},
                       {QStringLiteral("steps"), QJsonArray::fromStringList(steps)}};
    if (!message.isEmpty())
        object.insert(QStringLiteral("message"), message);
    if (action != QLatin1String("apply"))
        object.insert(QStringLiteral("action"), action);
    if (!leftChanged.isEmpty())
        object.insert(QStringLiteral("leftChanged"), QJsonArray::fromStringList(leftChanged));
    if (!interrupted.isEmpty())
        object.insert(QStringLiteral("interrupted"), interrupted);
    return object;
}

AuditEntry AuditEntry::fromJson(const QJsonObject &object)
{
    AuditEntry entry;
    entry.time = QDateTime::fromString(object.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    entry.environment = object.value(QLatin1String("environment")).toString();
    entry.gatewayUrl = object.value(QLatin1String("gatewayUrl")).toString();
    entry.operatorName = object.value(QLatin1String("operator")).toString();
    entry.outcome = object.value(QLatin1String("outcome")).toString();
    entry.total = object.value(QLatin1String("total")).toInt();
    entry.completed = object.value(QLatin1String("completed")).toInt();
    for (const QJsonValue &step : object.value(QLatin1String("steps")).toArray())
        entry.steps << step.toString();
    entry.message = object.value(QLatin1String("message")).toString();
    entry.action = object.value(QLatin1String("action")).toString(QStringLiteral("apply"));
    for (const QJsonValue &left : object.value(QLatin1String("leftChanged")).toArray())
        entry.leftChanged << left.toString();
    entry.interrupted = object.value(QLatin1String("interrupted")).toString();
    return entry;
}

AuditLog::AuditLog(QString filePath)
    : m_filePath(std::move(filePath))
{}

QString AuditLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/audit-log.jsonl");
}

QString AuditLog::operatorName(const QString &adminUser)
{
    QString account = qEnvironmentVariable("USER");
    if (account.isEmpty())
        account = qEnvironmentVariable("USERNAME");
    if (account.isEmpty())
        account = QStringLiteral("unknown");
    return QStringLiteral("%1 (as %2)").arg(account, adminUser);
}

bool AuditLog::append(const AuditEntry &entry, QString *error) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("Cannot write the audit log %1: %2").arg(m_filePath, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray line = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(line) != line.size()) {
        *error = QStringLiteral("Cannot write the audit log %1: %2").arg(m_filePath, file.errorString());
        return false;
    }
    return true;
}

QList<AuditEntry> AuditLog::read(QString *error, int *skipped) const
{
    QList<AuditEntry> entries;
    if (skipped)
        *skipped = 0;
    if (!QFileInfo::exists(m_filePath))
        return entries;
    // Tens of thousands of applies fit; past that the page would hold the whole file in memory.
    const CappedFileRead file = readCappedRegularFile(m_filePath, MaxReadSize, QStringLiteral("the audit log"));
    if (!file.ok()) {
        *error = file.error + QStringLiteral(" Move it aside; the next apply starts a new log.");
        return entries;
    }
    const QList<QByteArray> lines = file.data.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject()) {
            if (skipped)
                ++*skipped;
            continue;
        }
        entries << AuditEntry::fromJson(document.object());
    }
    return entries;
}

} // namespace gw
