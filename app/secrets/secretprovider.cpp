// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretprovider.h"

#include "secretslog.h"
#include "secretstore.h"

#include <QMetaObject>
#include <QTimer>

namespace gw {

struct SecretProvider::Request
{
    SecretKey key;
    QList<Waiter> waiters;
    bool keychainAnswered = false;
    bool finished = false;
    QString keychainNote;
    QString promptNote; ///< keychainNote as the prompt shows it, under the line that already names the secret
    bool canRemember = true;
    bool mayPrompt = true;
};

SecretProvider::SecretProvider(SecretStore *store, QObject *parent)
    : SecretProvider(store, QProcessEnvironment::systemEnvironment(), parent)
{}

SecretProvider::SecretProvider(SecretStore *store, const QProcessEnvironment &environment, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_environment(environment)
{}

QString SecretProvider::environmentVariableFor(const SecretKey &key)
{
    if (key.kind == SecretKey::GatewayAdmin)
        return QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD");
    if (key.kind == SecretKey::OAuthClientSecret)
        return QStringLiteral("GATEWRIGHT_CLIENT_SECRET");
    if (key.kind == SecretKey::TenantUser)
        return QStringLiteral("GATEWRIGHT_TENANT_PASSWORD");
    if (key.kind == SecretKey::AliasPassword) {
        QString name = key.name.toUpper();
        for (QChar &c : name) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128))
                c = QLatin1Char('_');
        }
        return QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_") + name;
    }
    return {};
}

void SecretProvider::resolve(const SecretKey &key, QObject *context, Callback done)
{
    lookup(key, true, context, std::move(done));
}

void SecretProvider::forget(const SecretKey &key)
{
    m_typed.remove(key.keychainKey());
}

void SecretProvider::lookup(const SecretKey &key, bool mayPrompt, QObject *context, Callback done)
{
    const QString id = key.keychainKey();
    if (const auto typed = m_typed.constFind(id); typed != m_typed.cend()) {
        // Typed earlier in this session: not asked again, and not read from a keychain that could not keep it.
        QMetaObject::invokeMethod(
            this,
            [guard = QPointer<QObject>(context), done = std::move(done), secret = typed->secret] {
                if (guard)
                    done({SecretResolution::Source::Prompt, secret, false, {}});
            },
            Qt::QueuedConnection);
        return;
    }
    if (const auto it = m_requests.constFind(id); it != m_requests.cend()) {
        (*it)->mayPrompt = (*it)->mayPrompt || mayPrompt;
        (*it)->waiters.append({context, std::move(done)});
        return;
    }
    auto request = std::make_shared<Request>();
    request->key = key;
    request->mayPrompt = mayPrompt;
    request->waiters.append({context, std::move(done)});
    m_requests.insert(id, request);

    if (!m_store) {
        QMetaObject::invokeMethod(
            this,
            [this, request] {
                keychainAnswered(request, SecretStore::makeResult(SecretResult::Outcome::NoKeychain,
                                                                  SecretStore::Operation::Read, request->key,
                                                                  tr("no keychain configured")));
            },
            Qt::QueuedConnection);
        return;
    }
    m_store->read(key, this, [this, request](const SecretResult &result) { keychainAnswered(request, result); });
    // The watchdog lives here, not in the keychain job: a job is never cancelled or deleted while
    // it runs; its late answer finds the request already answered and is dropped.
    QTimer::singleShot(m_keychainTimeout, this, [this, request] {
        if (request->keychainAnswered)
            return;
        qCWarning(lcSecrets) << "keychain did not answer for" << request->key.keychainKey();
        SecretResult timedOut;
        timedOut.outcome = SecretResult::Outcome::Error;
        timedOut.message = tr("The keychain did not answer within %1 s.")
                               .arg(std::chrono::duration_cast<std::chrono::seconds>(m_keychainTimeout).count());
        keychainAnswered(request, timedOut);
    });
}

QString SecretProvider::originOf(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
    return QStringLiteral("%1://%2:%3").arg(scheme, url.host().toLower()).arg(port);
}

SecretKey SecretProvider::originKey(const SecretKey &key, const QString &purpose)
{
    QString kind = key.kind + QStringLiteral("-origin");
    if (!purpose.isEmpty())
        kind += QLatin1Char('-') + purpose;
    return {key.environment, kind, key.name};
}

void SecretProvider::resolve(const SecretKey &key, const QUrl &destination, QObject *context, Callback done)
{
    resolve(key, destination, QString(), context, std::move(done));
}

void SecretProvider::resolve(const SecretKey &key, const QUrl &destination, const QString &purpose, QObject *context,
                             Callback done)
{
    resolveBound(key, destination, purpose, true, context, std::move(done));
}

void SecretProvider::resolveQuietly(const SecretKey &key, const QUrl &destination, QObject *context, Callback done)
{
    resolveBound(key, destination, QString(), false, context, std::move(done));
}

void SecretProvider::resolveBound(const SecretKey &key, const QUrl &destination, const QString &purpose, bool mayPrompt,
                                  QObject *context, Callback done)
{
    const QString origin = originOf(destination);
    const SecretKey record = originKey(key, purpose);
    QPointer<QObject> guard(context);
    lookup(
        key, mayPrompt, this,
        [this, key, destination, purpose, record, origin, mayPrompt, guard, done](const SecretResolution &resolution) {
            if (!guard)
                return;
            if (!resolution.ok() || origin.isEmpty() ||
                resolution.source == SecretResolution::Source::EnvironmentVariable)
                return done(resolution);
            if (resolution.source == SecretResolution::Source::Prompt) {
                // Typed for this session (a remembered one is bound on its first keychain use): bound to where it
                // goes first; for another origin the person is asked again.
                if (const auto typed = m_typed.find(key.keychainKey()); typed != m_typed.end()) {
                    const QString bound = typed->originByPurpose.value(purpose);
                    if (bound.isEmpty()) {
                        typed->originByPurpose.insert(purpose, origin);
                    } else if (bound != origin) {
                        m_typed.erase(typed);
                        return resolveBound(key, destination, purpose, mayPrompt, guard, done);
                    }
                }
                return done(resolution);
            }
            checkOrigin(key, record, origin, resolution, mayPrompt, guard, done);
        });
}

void SecretProvider::bindOrigin(const SecretKey &record, const QString &origin)
{
    if (m_store)
        m_store->write(record, origin, this, [](const SecretResult &) {});
}

void SecretProvider::checkOrigin(const SecretKey &key, const SecretKey &record, const QString &origin,
                                 const SecretResolution &resolution, bool mayAsk, const QPointer<QObject> &context,
                                 const Callback &done)
{
    m_store->read(record, this, [=, this](const SecretResult &bound) {
        if (!context)
            return;
        if (!bound.ok()) {
            // Stored before origins were recorded (or by another tool): bound to where it goes first.
            bindOrigin(record, origin);
            return done(resolution);
        }
        if (bound.secret == origin)
            return done(resolution);
        SecretResolution refused;
        refused.message = tr("Not sent: %1 was stored for %2, and this request would send it to %3.")
                              .arg(key.describe(), bound.secret, origin);
        if (!m_originHandler || !mayAsk) {
            if (m_allowNewOrigin) {
                qCInfo(lcSecrets).noquote() << "sending" << key.keychainKey() << "to new origin" << origin
                                            << "(allowed; bound to" << bound.secret << ")";
                return done(resolution);
            }
            refused.message += QLatin1Char(' ') + tr("If %1 is right, run again with --allow-new-origin.").arg(origin);
            return done(refused);
        }
        m_originHandler(SecretOriginRequest{key, key.describe(), bound.secret, origin},
                        [=, this](SecretOriginAnswer answer) {
                            if (!context)
                                return;
                            if (answer == SecretOriginAnswer::Cancel) {
                                SecretResolution cancelled = refused;
                                cancelled.cancelled = true;
                                return done(cancelled);
                            }
                            if (answer == SecretOriginAnswer::SendAndRemember)
                                bindOrigin(record, origin);
                            done(resolution);
                        });
    });
}

void SecretProvider::keychainAnswered(const std::shared_ptr<Request> &request, const SecretResult &result)
{
    if (request->keychainAnswered || request->finished)
        return;
    request->keychainAnswered = true;
    if (result.ok()) {
        finish(request, {SecretResolution::Source::Keychain, result.secret, false, {}});
        return;
    }
    request->keychainNote = result.message;
    // The prompt says "Enter <what>." above its note: a missing entry needs no second naming of the secret.
    request->promptNote = result.outcome == SecretResult::Outcome::NotFound
                              ? tr("It is not stored in the keychain yet.")
                              : result.message;
    // Offer "remember" only where a write can work: not without a keychain, not when it hangs.
    request->canRemember = m_store && result.outcome != SecretResult::Outcome::NoKeychain &&
                           result.outcome != SecretResult::Outcome::Error &&
                           m_store->availability() != SecretStore::Availability::Unavailable;
    tryEnvironment(request);
}

void SecretProvider::tryEnvironment(const std::shared_ptr<Request> &request)
{
    const QString variable = environmentVariableFor(request->key);
    if (!variable.isEmpty()) {
        const QString value = m_environment.value(variable);
        if (!value.isEmpty()) {
            finish(request, {SecretResolution::Source::EnvironmentVariable, value, false, {}});
            return;
        }
    }
    if (m_prompt && request->mayPrompt) {
        SecretPromptRequest prompt{request->key, request->key.describe(), request->promptNote, request->canRemember};
        m_prompt(prompt, [self = QPointer<SecretProvider>(this), request](const SecretPromptAnswer &answer) {
            if (self)
                self->promptAnswered(request, answer);
        });
        return;
    }
    SecretResolution missing;
    missing.message = request->keychainNote;
    if (!variable.isEmpty())
        missing.message += QLatin1Char(' ') + tr("Set the environment variable %1 to provide it.").arg(variable);
    finish(request, missing);
}

void SecretProvider::promptAnswered(const std::shared_ptr<Request> &request, const SecretPromptAnswer &answer)
{
    if (request->finished)
        return;
    if (!answer.accepted) {
        SecretResolution cancelled;
        cancelled.cancelled = true;
        QString what = request->key.describe();
        cancelled.message = tr("Cancelled: %1 was not entered.").arg(what);
        finish(request, cancelled);
        return;
    }
    if (!answer.remember || !request->canRemember || !m_store) {
        m_typed.insert(request->key.keychainKey(), Typed{answer.secret, {}});
        finish(request, {SecretResolution::Source::Prompt, answer.secret, false, {}});
        return;
    }
    // The person asked to remember it: the one case where the console writes a secret.
    m_store->write(request->key, answer.secret, this,
                   [this, request, secret = answer.secret](const SecretResult &written) {
                       SecretResolution resolution{SecretResolution::Source::Prompt, secret, false, {}};
                       if (!written.ok()) {
                           m_typed.insert(request->key.keychainKey(), Typed{secret, {}});
                           resolution.message = written.message + QLatin1Char(' ') +
                                                tr("The secret is kept in memory only, until the console quits.");
                       }
                       finish(request, resolution);
                   });
}

void SecretProvider::finish(const std::shared_ptr<Request> &request, const SecretResolution &resolution)
{
    if (request->finished)
        return;
    request->finished = true;
    const QString id = request->key.keychainKey();
    if (m_requests.value(id) == request)
        m_requests.remove(id);
    const QList<Waiter> waiters = std::exchange(request->waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context && waiter.done)
            waiter.done(resolution);
    }
}

} // namespace gw
