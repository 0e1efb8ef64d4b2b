// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ProxyDialog;
}

namespace gw {

/// Adds or edits a gateway proxy: the .io integration it fronts, the inbound OAuth rule and the
/// outbound alias. OK stays disabled, with the reason shown, until the proxy is valid; an alias whose
/// technical user has no role on the chosen project is marked in the list and explained under it.
class ProxyDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the proxy's index in `workspace.proxies`, or -1 to add one.
    ProxyDialog(const Workspace &workspace, qsizetype row, QWidget *parent = nullptr);
    ~ProxyDialog() override;

    GatewayProxy proxy() const;
    /// Why OK is disabled, or an empty string.
    QString validationMessage() const;
    /// The warning under the outbound auth choice (its technical user has no role on the project), or empty.
    QString outboundNote() const;

private:
    void fillIntegrations();
    bool userMayRun(const QString &aliasName) const;
    void markOutboundChoices();
    void updateOutboundNote();
    void validate();

    std::unique_ptr<Ui::ProxyDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    GatewayProxy m_original;
};

} // namespace gw
