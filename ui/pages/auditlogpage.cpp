// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditlogpage.h"

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
        if (!entry.message.isEmpty())
            details += entry.message + QLatin1Char('\n');
        details += QLatin1Char('\n') + entry.steps.join(QLatin1Char('\n'));
        time->setData(Qt::UserRole, details);
        m_table->setItem(row, TimeColumn, time);
        m_table->setItem(row, EnvironmentColumn, new QTableWidgetItem(entry.environment));
        m_table->setItem(row, OperatorColumn, new QTableWidgetItem(entry.operatorName));
        m_table->setItem(row, OutcomeColumn, new QTableWidgetItem(entry.outcome));
        m_table->setItem(row, StepsColumn,
                         new QTableWidgetItem(QStringLiteral("%1/%2").arg(entry.completed).arg(entry.total)));
    }
}

} // namespace gw
