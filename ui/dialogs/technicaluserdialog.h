// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDialog>

#include <memory>

namespace Ui {
class TechnicalUserDialog;
}

namespace gw {

/// Adds or edits a .io technical user and the projects its role grants execute on. A rename is
/// carried to the aliases that carry its credentials.
class TechnicalUserDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the user's index in `workspace.technicalUsers`, or -1 to add one.
    TechnicalUserDialog(const Workspace &workspace, qsizetype row, QWidget *parent = nullptr);
    ~TechnicalUserDialog() override;

    TechnicalUser technicalUser() const;
    QString validationMessage() const;

private:
    void validate();

    std::unique_ptr<Ui::TechnicalUserDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    TechnicalUser m_original;
};

} // namespace gw
