// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QPushButton;

namespace gw {

class SecretStore;

/// A persistent strip at the top of the window while no keychain is reachable: it says why,
/// what the console does instead (ask for each secret, write nothing in plain text) and offers
/// to look again. Hidden while the keychain works.
class KeychainStatusBanner : public QFrame
{
    Q_OBJECT
public:
    explicit KeychainStatusBanner(SecretStore *store, QWidget *parent = nullptr);

    /// The banner's sentence for a backend error text.
    static QString message(const QString &backendError);
    QString text() const;

private:
    void update();

    QPointer<SecretStore> m_store;
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace gw
