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
/// carries; its password can be typed here for the current environment and goes to the keychain
/// (the caller stores it): the workspace only ever holds the keychain reference. A rename is carried
/// to the proxies that use the alias.
class AliasDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the alias's index in `workspace.aliases`, or -1 to add one.
    /// `environment` is the one a typed password is stored for (none: the password field is off);
    /// `keychainWritable` is false when no keychain can store it.
    AliasDialog(const Workspace &workspace, qsizetype row, QWidget *parent = nullptr, const QString &environment = {},
                bool keychainWritable = false);
    ~AliasDialog() override;

    Alias alias() const;
    QString validationMessage() const;
    /// The password typed for the environment (empty: leave the keychain as it is). Read it once: it
    /// is cleared from the field.
    QString takePassword();

private:
    void updateFields();
    void validate();

    std::unique_ptr<Ui::AliasDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    Alias m_original;
    QString m_environment;
    bool m_keychainWritable;
};

} // namespace gw
