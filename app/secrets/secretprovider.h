// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretkey.h"
#include "secretresult.h"
#include "secretstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace gw {

/// What the console asks a person for when neither the keychain nor the environment has a secret.
struct SecretPromptRequest
{
    SecretKey key;
    QString description;     ///< key.describe()
    QString keychainNote;    ///< why the keychain could not give it, for the person to read
    bool canRemember = true; ///< false when no keychain is reachable: nothing would be stored
};

struct SecretPromptAnswer
{
    bool accepted = false;
    QString secret;
    bool remember = false; ///< store it in the keychain (only when the request allowed it)
};

/// Asked when a keychain secret would go to another origin than the one it was stored for.
struct SecretOriginRequest
{
    SecretKey key;
    QString description; ///< key.describe()
    QString boundOrigin; ///< where it was stored for, "https://gw-old.example.com:5543"
    QString newOrigin;   ///< where this request would send it
};

enum class SecretOriginAnswer { Cancel, SendOnce, SendAndRemember };

/// A secret for one request, and where it came from. Not kept anywhere: use it and drop it.
struct SecretResolution
{
    enum class Source { None, Keychain, EnvironmentVariable, Prompt };
    Source source = Source::None;
    QString secret;
    bool cancelled = false; ///< the person closed the prompt
    /// Empty on a plain success; otherwise what went wrong and what to do (never the value).
    QString message;

    bool ok() const { return source != Source::None; }
};

/// The one call the services make when a request needs a secret. It tries, in order:
///   1. the keychain (SecretStore),
///   2. an environment variable, for headless runs (GATEWRIGHT_GATEWAY_PASSWORD,
///      GATEWRIGHT_CLIENT_SECRET, GATEWRIGHT_ALIAS_PASSWORD_<ALIAS NAME>),
///   3. the person, through the prompt handler the GUI installs (none when headless).
/// It never writes to the keychain unless the person asked to remember what they typed: "not
/// found" is not proof that nothing is stored (a locked gnome-keyring reads as "not found").
class SecretProvider : public QObject
{
    Q_OBJECT
public:
    using PromptDone = std::function<void(const SecretPromptAnswer &)>;
    using PromptHandler = std::function<void(const SecretPromptRequest &, PromptDone)>;
    using Callback = std::function<void(const SecretResolution &)>;

    static constexpr std::chrono::milliseconds DefaultKeychainTimeout{15000};

    explicit SecretProvider(SecretStore *store, QObject *parent = nullptr);
    SecretProvider(SecretStore *store, const QProcessEnvironment &environment, QObject *parent = nullptr);

    /// The GUI's way to ask a person; the handler calls PromptDone exactly once, later.
    void setPromptHandler(PromptHandler handler) { m_prompt = std::move(handler); }
    using OriginDone = std::function<void(SecretOriginAnswer)>;
    using OriginHandler = std::function<void(const SecretOriginRequest &, OriginDone)>;
    /// The GUI's way to ask before a secret goes to a new origin; without one the provider refuses
    /// unless setAllowNewOrigin(true) (the CLI's --allow-new-origin).
    void setOriginHandler(OriginHandler handler) { m_originHandler = std::move(handler); }
    void setAllowNewOrigin(bool allow) { m_allowNewOrigin = allow; }
    bool canPrompt() const { return bool(m_prompt); }
    /// How long to wait for the keychain before going on without it (a keychain that never
    /// answers must not hang a request). A late answer is then ignored.
    void setKeychainTimeout(std::chrono::milliseconds timeout) { m_keychainTimeout = timeout; }

    /// The environment variable a headless run sets for `key`; empty for kinds that have none.
    static QString environmentVariableFor(const SecretKey &key);

    /// Finds the secret for `key`. `done` runs later, once, and only while `context` lives.
    /// Requests for the same key while one is under way share its answer (one prompt, not two).
    void resolve(const SecretKey &key, QObject *context, Callback done);
    /// The same for a secret about to be sent to `destination`: a keychain secret is bound to the
    /// origin (scheme, host, port) it was first sent to or stored for, and going to another one is
    /// asked (GUI), or refused unless allowed (CLI). A secret from an environment variable is the
    /// operator's explicit choice and is not bound.
    void resolve(const SecretKey &key, const QUrl &destination, QObject *context, Callback done);
    /// The same for a secret that has a second, separately bound destination: an alias password goes to the
    /// gateway (the alias) and, for the advisor's live check, straight to the .io tenant (`purpose` "tenant").
    void resolve(const SecretKey &key, const QUrl &destination, const QString &purpose, QObject *context,
                 Callback done);
    /// The same without asking anyone: the keychain, the environment variable and what was typed earlier in
    /// this session, and nothing else (no prompt, no question about a new origin, which is refused instead).
    /// For secrets the console would like to have but does not need (a password only compared, never sent).
    void resolveQuietly(const SecretKey &key, const QUrl &destination, QObject *context, Callback done);

    /// Drops what was typed for `key` in this session (the server refused it): the next request asks again.
    void forget(const SecretKey &key);

    /// "scheme://host:port" with the scheme's default port filled in; empty for a URL without host.
    static QString originOf(const QUrl &url);
    /// The keychain entry that records the origin `key` is bound to (for `purpose`, when it has several).
    static SecretKey originKey(const SecretKey &key, const QString &purpose = {});

    SecretStore *store() const { return m_store; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    struct Request;

    void lookup(const SecretKey &key, bool mayPrompt, QObject *context, Callback done);
    void resolveBound(const SecretKey &key, const QUrl &destination, const QString &purpose, bool mayPrompt,
                      QObject *context, Callback done);
    void keychainAnswered(const std::shared_ptr<Request> &request, const SecretResult &result);
    void tryEnvironment(const std::shared_ptr<Request> &request);
    void promptAnswered(const std::shared_ptr<Request> &request, const SecretPromptAnswer &answer);
    void finish(const std::shared_ptr<Request> &request, const SecretResolution &resolution);

    QPointer<SecretStore> m_store;
    QProcessEnvironment m_environment;
    void checkOrigin(const SecretKey &key, const SecretKey &record, const QString &origin,
                     const SecretResolution &resolution, bool mayAsk, const QPointer<QObject> &context,
                     const Callback &done);
    void bindOrigin(const SecretKey &record, const QString &origin);

    PromptHandler m_prompt;
    OriginHandler m_originHandler;
    bool m_allowNewOrigin = false;
    std::chrono::milliseconds m_keychainTimeout = DefaultKeychainTimeout;
    QHash<QString, std::shared_ptr<Request>> m_requests;
    /// Secrets typed at a prompt and not stored in the keychain, by keychain key: asked once per session,
    /// not once per request. Memory only; dropped by forget() and when the console quits. Each is bound, per
    /// purpose, to the origin it first went to: another origin asks again.
    struct Typed
    {
        QString secret;
        QHash<QString, QString> originByPurpose;
    };
    QHash<QString, Typed> m_typed;
};

} // namespace gw
