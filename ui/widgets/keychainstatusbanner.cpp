// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainstatusbanner.h"

#include "secrets/secretstore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace gw {

KeychainStatusBanner::KeychainStatusBanner(SecretStore *store, QWidget *parent)
    : QFrame(parent)
    , m_store(store)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    setObjectName(u"keychainStatusBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xfc, 0xef, 0xc7));
    warning.setColor(QPalette::WindowText, QColor(0x4a, 0x37, 0x00));
    setPalette(warning);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));

    m_text->setObjectName(u"keychainStatusText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText); // the backend's error text is shown as it is
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(u"keychainRetryButton"_s);
    m_retry->setToolTip(tr("Look for the keychain again (for example after unlocking it or starting the "
                           "Secret Service)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);

    if (m_store) {
        connect(m_store, &SecretStore::availabilityChanged, this, &KeychainStatusBanner::update);
        connect(m_retry, &QPushButton::clicked, m_store, &SecretStore::probe);
    }
    update();
}

QString KeychainStatusBanner::message(const QString &backendError)
{
    return SecretStore::noKeychainMessage(backendError) + QLatin1Char(' ') +
           tr("You will be asked for each secret when it is needed; nothing is written in plain text.");
}

QString KeychainStatusBanner::text() const
{
    return m_text->text();
}

void KeychainStatusBanner::update()
{
    const bool unavailable = m_store && m_store->availability() == SecretStore::Availability::Unavailable;
    m_text->setText(unavailable ? message(m_store->unavailableReason()) : QString());
    setVisible(unavailable);
}

} // namespace gw
