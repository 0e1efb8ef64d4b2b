// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "advisor.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ApplyStrategyDialog;
}

namespace gw {

/// Shows what applying a credential strategy changes in the workspace, the checklist for the .io side
/// (copyable), the gateway steps and the passwords left to store, before anything changes. OK means
/// "apply"; change() is then the edit to push as one undo step.
class ApplyStrategyDialog : public QDialog
{
    Q_OBJECT
public:
    ApplyStrategyDialog(const Workspace &workspace, Advisor::StrategyOption::Kind strategy,
                        const Advisor::Options &options, QWidget *parent = nullptr);
    ~ApplyStrategyDialog() override;

    const Advisor::StrategyChange &change() const { return m_change; }
    /// The checklist as the clipboard receives it.
    QString checklistText() const;

private:
    void recompute();

    std::unique_ptr<Ui::ApplyStrategyDialog> m_ui;
    Workspace m_workspace;
    Advisor::StrategyOption::Kind m_strategy;
    Advisor::Options m_options;
    Advisor::StrategyChange m_change;
};

} // namespace gw
