// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretkey.h"
#include "secretresult.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace gw {

/// Where the console keeps its secrets (gateway admin passwords, alias passwords, OAuth client
/// secrets, refresh tokens): the OS keychain in production, memory in unit tests.
///
/// Every operation is asynchronous: `done` runs later on this object's thread, never from within
/// the call, and only while `context` is alive (pass the object that owns the request, so a
/// request abandoned on a timeout or a closed window is never called back). Call from the thread
/// the store lives on (the GUI thread). A secret is read when a request needs it; nothing here
/// keeps one.
///
/// NotFound is not proof that nothing is stored: a locked gnome-keyring answers reads with
/// "not found". Never treat NotFound as permission to overwrite or reset anything.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)
    enum class Operation { Read, Write, Remove };

    using Callback = std::function<void(const SecretResult &)>;

    explicit SecretStore(QObject *parent = nullptr);

    void read(const SecretKey &key, QObject *context, Callback done);
    void write(const SecretKey &key, const QString &secret, QObject *context, Callback done);
    void remove(const SecretKey &key, QObject *context, Callback done);

    /// Checks whether the keychain is reachable with a harmless read of a sentinel entry, and
    /// emits availabilityChanged() when the answer differs from the last one. Every operation
    /// updates the availability too.
    void probe();
    Availability availability() const { return m_availability; }
    /// The backend's error text when Unavailable ("Cannot autolaunch D-Bus without X11 $DISPLAY").
    QString unavailableReason() const { return m_unavailableReason; }

    /// "No keychain: secrets can't be stored on this system (Secret Service not reachable: <error>)."
    static QString noKeychainMessage(const QString &backendError);
    /// The result a backend reports, with the message a person reads for that outcome.
    static SecretResult makeResult(SecretResult::Outcome outcome, Operation operation, const SecretKey &key,
                                   const QString &backendError = {});
    /// The key the availability probe reads; nothing is ever stored under it.
    static SecretKey probeKey();

Q_SIGNALS:
    void availabilityChanged(gw::SecretStore::Availability availability);

protected:
    /// Backends start the operation and call `done` exactly once, later (not from within the call).
    virtual void startRead(const SecretKey &key, Callback done) = 0;
    virtual void startWrite(const SecretKey &key, const QString &secret, Callback done) = 0;
    virtual void startRemove(const SecretKey &key, Callback done) = 0;

private:
    Callback guarded(Operation operation, const SecretKey &key, QObject *context, Callback done);
    bool rejectInvalid(Operation operation, const SecretKey &key, QObject *context, const Callback &done);
    void noteOutcome(const SecretResult &result);

    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};

} // namespace gw
