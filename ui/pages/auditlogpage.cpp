// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditlogpage.h"
#include "widgets/tones.h"

#include "services.h"
#include "sync/auditlog.h"
#include "sync/syncservice.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

enum Column { TimeColumn, EnvironmentColumn, OperatorColumn, OutcomeColumn, StepsColumn, ColumnCount };

namespace {

/// A mark per step status, so a failed or undone step never reads like a successful one.
QString stepMarker(const QString &step)
{
    if (step.startsWith(QLatin1String("done, UNDO FAILED")))
        return QStringLiteral("⚠");
    if (step.startsWith(QLatin1String("done, then undone")))
        return QStringLiteral("↶");
    if (step.startsWith(QLatin1String("FAILED")))
        return QStringLiteral("✘");
    if (step.startsWith(QLatin1String("done")))
        return QStringLiteral("✔");
    return QStringLiteral("·");
}

QBrush outcomeColour(const QString &outcome, const QPalette &palette)
{
    if (outcome == QLatin1String("applied"))
        return toneColour(Tone::Good, palette);
    if (outcome == QLatin1String("rolled-back"))
        return toneColour(Tone::Warning, palette);
    if (outcome == QLatin1String("rollback-incomplete"))
        return toneColour(Tone::Bad, palette);
    return palette.color(QPalette::Text);
}

QString outcomeToolTip(const QString &outcome)
{
    if (outcome == QLatin1String("rolled-back"))
        return AuditLogPage::tr("A step failed or was cancelled; every completed step was undone.");
    if (outcome == QLatin1String("rollback-incomplete"))
        return AuditLogPage::tr("A step failed and some undo requests failed too: the gateway was left changed.");
    return {};
}

} // namespace

AuditLogPage::AuditLogPage(Services &services, WorkspaceDocument &, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("auditLogPage"));
    m_path = new QLabel(this);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("Environment"), tr("Operator"), tr("Outcome"), tr("Steps")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setReadOnly(true);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    auto *top = new QHBoxLayout;
    top->addWidget(m_path, 1);
    top->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(refresh, &QPushButton::clicked, this, &AuditLogPage::reload);
    if (m_services.sync)
        connect(m_services.sync, &SyncService::auditLogChanged, this, &AuditLogPage::reload);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QTableWidgetItem *item = m_table->item(row, TimeColumn);
        m_details->setPlainText(item ? item->data(Qt::UserRole).toString() : QString());
    });
    reload();
}

void AuditLogPage::reload()
{
    m_table->setRowCount(0);
    m_details->clear();
    if (!m_services.sync) {
        m_path->setText(tr("No audit log."));
        return;
    }
    const AuditLog log = m_services.sync->auditLog();
    QString error;
    int skipped = 0;
    QList<AuditEntry> entries = log.read(&error, &skipped);
    QString header = tr("Audit log: %1").arg(log.filePath());
    if (!error.isEmpty())
        header += QStringLiteral(" — ") + error;
    if (skipped > 0)
        header += tr(" — %n unreadable line(s) skipped", nullptr, skipped);
    m_path->setText(header);
    std::reverse(entries.begin(), entries.end());
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const AuditEntry &entry = entries.at(row);
        auto *time = new QTableWidgetItem(entry.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QString details = QStringLiteral("%1 → %2 (%3)\n%4 of %5 steps completed\n")
                              .arg(entry.environment, entry.gatewayUrl, entry.outcome)
                              .arg(entry.completed)
                              .arg(entry.total);
        if (entry.action == QLatin1String("rollback-retry"))
            details += tr("A retried rollback of the apply before.") + QLatin1Char('\n');
        if (!entry.message.isEmpty())
            details += entry.message + QLatin1Char('\n');
        if (!entry.leftChanged.isEmpty())
            details += tr("Left changed:") + QStringLiteral("\n  ") + entry.leftChanged.join(QStringLiteral("\n  ")) +
                       QLatin1Char('\n');
        details += QLatin1Char('\n');
        for (const QString &step : entry.steps)
            details += stepMarker(step) + QLatin1Char(' ') + step + QLatin1Char('\n');
        time->setData(Qt::UserRole, details);
        m_table->setItem(row, TimeColumn, time);
        m_table->setItem(row, EnvironmentColumn, new QTableWidgetItem(entry.environment));
        m_table->setItem(row, OperatorColumn, new QTableWidgetItem(entry.operatorName));
        QString outcomeText = entry.outcome;
        if (entry.action == QLatin1String("rollback-retry"))
            outcomeText = tr("%1 (rollback retried)").arg(entry.outcome);
        else if (!entry.interrupted.isEmpty())
            outcomeText = tr("%1 (interrupted)").arg(entry.outcome);
        auto *outcome = new QTableWidgetItem(outcomeText);
        outcome->setForeground(outcomeColour(entry.outcome, palette()));
        outcome->setToolTip(outcomeToolTip(entry.outcome));
        m_table->setItem(row, OutcomeColumn, outcome);
        m_table->setItem(row, StepsColumn,
                         new QTableWidgetItem(QStringLiteral("%1/%2").arg(entry.completed).arg(entry.total)));
    }
}

} // namespace gw
