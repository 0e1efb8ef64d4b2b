// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/secretprovider.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SecretPromptDialog;
}

namespace gw {

/// Asks for one secret when a request needs it and neither the keychain nor the environment has
/// it. What is typed goes to the request, and to the keychain only when "Remember in the
/// keychain" is ticked (disabled when no keychain is reachable).
class SecretPromptDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SecretPromptDialog(const SecretPromptRequest &request, QWidget *parent = nullptr);
    ~SecretPromptDialog() override;

    SecretPromptAnswer answer() const;
    /// For setting a secret on purpose: it will be stored, so there is no "remember" choice.
    void setStoring(bool storing);
    void clearSecret();

    /// The GUI's SecretProvider prompt handler: opens a window-modal dialog (no nested event
    /// loop) and answers `done` once when it closes.
    static void ask(QWidget *parent, const SecretPromptRequest &request, SecretProvider::PromptDone done);

private:
    std::unique_ptr<Ui::SecretPromptDialog> m_ui;
    QString m_description;
    bool m_storing = false;
};

} // namespace gw
