// SPDX-License-Identifier: GPL-3.0-or-later
#include "applystrategydialog.h"

#include "ui_applystrategydialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>

namespace gw {

ApplyStrategyDialog::ApplyStrategyDialog(const Workspace &workspace, Advisor::StrategyOption::Kind strategy,
                                         const Advisor::Options &options, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ApplyStrategyDialog>())
    , m_workspace(workspace)
    , m_strategy(strategy)
    , m_options(options)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Apply to workspace"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->removeUnusedBox, &QCheckBox::toggled, this, &ApplyStrategyDialog::recompute);
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(checklistText()); });
    recompute();
}

ApplyStrategyDialog::~ApplyStrategyDialog() = default;

QString ApplyStrategyDialog::checklistText() const
{
    QString text;
    for (const QString &step : m_change.tenantSteps)
        text += QStringLiteral("[ ] ") + step + QLatin1Char('\n');
    for (const QString &secret : m_change.secretsToSet)
        text += QStringLiteral("[ ] ") + tr("Store the password of keychain:%1 (Secrets page)").arg(secret) +
                QLatin1Char('\n');
    for (const QString &step : m_change.gatewaySteps)
        text += QStringLiteral("[ ] ") + tr("Gateway (Plan & apply): %1").arg(step) + QLatin1Char('\n');
    return text;
}

void ApplyStrategyDialog::recompute()
{
    Advisor::StrategyRequest request;
    request.strategy = m_strategy;
    request.removeUnused = m_ui->removeUnusedBox->isChecked();
    m_change = Advisor::applyStrategy(m_workspace, request, m_options);
    Advisor::StrategyOption option;
    option.kind = m_strategy;
    m_ui->summaryLabel->setText(
        m_change.changed ? tr("<b>%1</b>: %n change(s) to the workspace. Nothing is sent to the gateway or the tenant "
                              "until you plan and apply.",
                              nullptr, int(m_change.lines.size()))
                               .arg(option.title().toHtmlEscaped())
                         : tr("<b>%1</b>: the workspace already follows it; nothing to change.")
                               .arg(option.title().toHtmlEscaped()));
    m_ui->changesView->setPlainText(m_change.lines.join(QLatin1Char('\n')));
    const QString checklist = checklistText();
    m_ui->checklistView->setPlainText(checklist.isEmpty() ? tr("Nothing to do on the tenant.") : checklist);
    m_ui->copyButton->setEnabled(!checklist.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_change.changed);
}

} // namespace gw
