// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace gw {

/// Where the gateway client gets the admin password for one request. The password is asked for
/// when a request is about to be sent and is not kept by the client after that request.
class AdminCredentialSource
{
public:
    /// `password` is empty and `error` says why (keychain locked, no entry, ...) when there is none.
    using Callback = std::function<void(const QString &password, const QString &error)>;
    virtual ~AdminCredentialSource() = default;
    /// Calls `done` exactly once, now or later on the calling thread.
    virtual void fetchPassword(Callback done) = 0;
    /// The gateway answered 401 to the password last fetched: a typed one is not offered again.
    virtual void passwordRejected() {}
};

/// A password known up front: from an environment variable in a headless run, or a test.
class FixedCredentialSource : public AdminCredentialSource
{
public:
    explicit FixedCredentialSource(QString password, QString missingError = {})
        : m_password(std::move(password))
        , m_missingError(std::move(missingError))
    {}
    void fetchPassword(Callback done) override
    {
        if (m_password.isEmpty() && !m_missingError.isEmpty())
            done({}, m_missingError);
        else
            done(m_password, {});
    }

private:
    QString m_password;
    QString m_missingError;
};

} // namespace gw
