// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include "secretslog.h"

#include <QMetaObject>

namespace gw {

namespace {

QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

const char *operationName(SecretStore::Operation operation)
{
    switch (operation) {
    case SecretStore::Operation::Read:
        return "read";
    case SecretStore::Operation::Write:
        return "write";
    case SecretStore::Operation::Remove:
        return "remove";
    }
    return "?";
}

const char *outcomeName(SecretResult::Outcome outcome)
{
    switch (outcome) {
    case SecretResult::Outcome::Ok:
        return "ok";
    case SecretResult::Outcome::NotFound:
        return "not found";
    case SecretResult::Outcome::Locked:
        return "locked";
    case SecretResult::Outcome::NoKeychain:
        return "no keychain";
    case SecretResult::Outcome::Error:
        return "error";
    }
    return "?";
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{}

void SecretStore::read(const SecretKey &key, QObject *context, Callback done)
{
    if (rejectInvalid(Operation::Read, key, context, done))
        return;
    startRead(key, guarded(Operation::Read, key, context, std::move(done)));
}

void SecretStore::write(const SecretKey &key, const QString &secret, QObject *context, Callback done)
{
    if (rejectInvalid(Operation::Write, key, context, done))
        return;
    startWrite(key, secret, guarded(Operation::Write, key, context, std::move(done)));
}

void SecretStore::remove(const SecretKey &key, QObject *context, Callback done)
{
    if (rejectInvalid(Operation::Remove, key, context, done))
        return;
    startRemove(key, guarded(Operation::Remove, key, context, std::move(done)));
}

void SecretStore::probe()
{
    startRead(probeKey(), guarded(Operation::Read, probeKey(), this, [](const SecretResult &) {}));
}

SecretKey SecretStore::probeKey()
{
    return {QStringLiteral("gatewright"), QStringLiteral("probe"), QStringLiteral("availability")};
}

QString SecretStore::noKeychainMessage(const QString &backendError)
{
    const QString reason = backendError.isEmpty() ? tr("no answer") : backendError;
    return tr("No keychain: secrets can't be stored on this system (Secret Service not reachable: %1).").arg(reason);
}

SecretResult SecretStore::makeResult(SecretResult::Outcome outcome, Operation operation, const SecretKey &key,
                                     const QString &backendError)
{
    const QString what = key.describe();
    const QString detail = backendError.isEmpty() ? QString() : QStringLiteral(" (") + backendError + QLatin1Char(')');
    SecretResult result;
    result.outcome = outcome;
    result.backendError = backendError;
    switch (outcome) {
    case SecretResult::Outcome::Ok:
        if (operation == Operation::Read)
            result.message = sentence(tr("%1 was read from the keychain.").arg(what));
        else if (operation == Operation::Write)
            result.message = sentence(tr("%1 is stored in the keychain.").arg(what));
        else
            result.message = sentence(tr("%1 was removed from the keychain.").arg(what));
        break;
    case SecretResult::Outcome::NotFound:
        result.message = sentence(tr("%1 is not stored in the keychain yet.").arg(what));
        break;
    case SecretResult::Outcome::Locked:
        result.message =
            sentence(tr("%1: keyring locked or access refused%2. Unlock the keyring and retry.").arg(what, detail));
        break;
    case SecretResult::Outcome::NoKeychain:
        result.message = noKeychainMessage(backendError);
        break;
    case SecretResult::Outcome::Error:
        if (operation == Operation::Read)
            result.message = sentence(tr("%1 could not be read from the keychain%2.").arg(what, detail));
        else if (operation == Operation::Write)
            result.message = sentence(tr("%1 could not be stored in the keychain%2.").arg(what, detail));
        else
            result.message = sentence(tr("%1 could not be removed from the keychain%2.").arg(what, detail));
        break;
    }
    return result;
}

SecretStore::Callback SecretStore::guarded(Operation operation, const SecretKey &key, QObject *context, Callback done)
{
    return [this, self = QPointer<SecretStore>(this), guard = QPointer<QObject>(context), operation,
            keychainKey = key.keychainKey(), done = std::move(done)](const SecretResult &result) {
        if (self) {
            // The outcome and the backend's text only: never the value.
            qCDebug(lcSecrets) << operationName(operation) << keychainKey << outcomeName(result.outcome)
                               << result.backendError;
            noteOutcome(result);
        }
        if (guard && done)
            done(result);
    };
}

bool SecretStore::rejectInvalid(Operation operation, const SecretKey &key, QObject *context, const Callback &done)
{
    if (key.isValid())
        return false;
    SecretResult result = makeResult(SecretResult::Outcome::Error, operation, key);
    result.message = tr("Invalid keychain key \"%1\": environment, kind and name must be set and hold no '/'.")
                         .arg(key.keychainKey());
    QMetaObject::invokeMethod(
        this,
        [guard = QPointer<QObject>(context), done, result] {
            if (guard && done)
                done(result);
        },
        Qt::QueuedConnection);
    return true;
}

void SecretStore::noteOutcome(const SecretResult &result)
{
    Availability availability = m_availability;
    QString reason = m_unavailableReason;
    switch (result.outcome) {
    case SecretResult::Outcome::NoKeychain:
        availability = Availability::Unavailable;
        reason = result.backendError;
        break;
    case SecretResult::Outcome::Ok:
    case SecretResult::Outcome::NotFound:
    case SecretResult::Outcome::Locked:
        availability = Availability::Available;
        reason.clear();
        break;
    case SecretResult::Outcome::Error:
        return;
    }
    if (availability == m_availability && reason == m_unavailableReason)
        return;
    // Not a warning: whether a missing keychain matters depends on whether a secret had to come from it, and the
    // request that needed one says so (with the environment variable to set); the GUI shows a banner.
    if (availability == Availability::Unavailable)
        qCDebug(lcSecrets) << "no keychain:" << reason;
    else
        qCDebug(lcSecrets) << "keychain reachable";
    m_availability = availability;
    m_unavailableReason = reason;
    Q_EMIT availabilityChanged(m_availability);
}

} // namespace gw
