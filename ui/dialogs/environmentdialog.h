// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace Ui {
class EnvironmentDialog;
}

namespace gw {

class DiscoveryJob;

/// Adds or edits an environment: gateway, TLS trust, .io tenant, OAuth server (Discover fills the
/// endpoints from the issuer's metadata, issuer checked) and the production flag. Validated as the
/// file reader validates it, with the same messages. Passwords typed here go to the keychain on OK
/// (typedSecrets()); the workspace keeps only keychain references.
class EnvironmentDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the environment's index in `workspace.environments`, or -1 to add one.
    EnvironmentDialog(const Workspace &workspace, qsizetype row, QNetworkAccessManager *network,
                      QWidget *parent = nullptr);
    ~EnvironmentDialog() override;

    Environment environment() const;
    QString validationMessage() const;
    /// Keychain key ("env/kind/name") -> the value typed; empty fields are left as they are.
    QHash<QString, QString> typedSecrets() const;

Q_SIGNALS:
    void discoveryFinished(const QString &error);

private:
    void validate();
    void discover();

    std::unique_ptr<Ui::EnvironmentDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    Environment m_original;
    QNetworkAccessManager *m_network;
    QPointer<DiscoveryJob> m_discovery;
};

} // namespace gw
