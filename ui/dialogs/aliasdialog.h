// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDialog>

#include <memory>

namespace Ui {
class AliasDialog;
}

namespace gw {

/// Adds or edits a gateway alias. An HTTP transport security alias names the technical user it
/// carries; its password is only ever a keychain reference (set on the secrets page), never typed
/// here. A rename is carried to the proxies that use the alias.
class AliasDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the alias's index in `workspace.aliases`, or -1 to add one.
    AliasDialog(const Workspace &workspace, qsizetype row, QWidget *parent = nullptr);
    ~AliasDialog() override;

    Alias alias() const;
    QString validationMessage() const;

private:
    void updateFields();
    void validate();

    std::unique_ptr<Ui::AliasDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    Alias m_original;
};

} // namespace gw
