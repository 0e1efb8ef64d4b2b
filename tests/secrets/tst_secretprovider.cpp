// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace gw;
using namespace std::chrono_literals;
using Fault = MemorySecretStore::Fault;
using Source = SecretResolution::Source;

namespace {

const SecretKey OrdersAlias = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-orders-basic"));
const SecretKey CustomersAlias = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-customers-basic"));
const QString OrdersVariable = QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_ORDERS_BASIC");

QProcessEnvironment environmentWith(const QString &name = {}, const QString &value = {})
{
    QProcessEnvironment environment;
    if (!name.isEmpty())
        environment.insert(name, value);
    return environment;
}

/// A prompt that records what it was asked and answers as told (or not at all).
struct FakePrompt
{
    QList<SecretPromptRequest> requests;
    std::optional<SecretPromptAnswer> answer;
    SecretProvider::PromptDone pending;

    SecretProvider::PromptHandler handler()
    {
        return [this](const SecretPromptRequest &request, SecretProvider::PromptDone done) {
            requests.append(request);
            if (answer)
                QTimer::singleShot(0, [done, a = *answer] { done(a); });
            else
                pending = done;
        };
    }
};

struct Resolved
{
    std::optional<SecretResolution> resolution;
    int calls = 0;
    SecretProvider::Callback callback()
    {
        return [this](const SecretResolution &r) {
            resolution = r;
            ++calls;
        };
    }
};

} // namespace

class TestSecretProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void originIsBoundOnFirstUseAndAChangeIsRefusedHeadless()
    {
        MemorySecretStore store;
        store.insert(OrdersAlias, QStringLiteral("orders-demo-pass"));
        SecretProvider provider(&store, environmentWith());
        const QUrl gateway(QStringLiteral("https://gw.example.com:5543/rest/apigateway"));

        Resolved first;
        provider.resolve(OrdersAlias, gateway, this, first.callback());
        QTRY_VERIFY(first.resolution.has_value());
        QVERIFY(first.resolution->ok());
        QTRY_COMPARE(store.value(SecretProvider::originKey(OrdersAlias)),
                     QStringLiteral("https://gw.example.com:5543"));

        // The same origin, written differently, is the same origin.
        Resolved same;
        provider.resolve(OrdersAlias, QUrl(QStringLiteral("HTTPS://GW.example.com:5543/other")), this, same.callback());
        QTRY_VERIFY(same.resolution.has_value());
        QVERIFY(same.resolution->ok());

        Resolved moved;
        provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://gw-new.example.com")), this, moved.callback());
        QTRY_VERIFY(moved.resolution.has_value());
        QVERIFY(!moved.resolution->ok());
        QVERIFY(moved.resolution->secret.isEmpty());
        QVERIFY2(moved.resolution->message.contains(QLatin1String("the password of alias \"io-orders-basic\"")),
                 qPrintable(moved.resolution->message));
        QVERIFY(moved.resolution->message.contains(QLatin1String("stored for https://gw.example.com:5543")));
        QVERIFY(moved.resolution->message.contains(QLatin1String("send it to https://gw-new.example.com:443")));
        QVERIFY(moved.resolution->message.contains(QLatin1String("--allow-new-origin")));

        provider.setAllowNewOrigin(true);
        Resolved allowed;
        provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://gw-new.example.com")), this, allowed.callback());
        QTRY_VERIFY(allowed.resolution.has_value());
        QCOMPARE(allowed.resolution->secret, QStringLiteral("orders-demo-pass"));
        // Allowed once from the command line; the binding stays.
        QCOMPARE(store.value(SecretProvider::originKey(OrdersAlias)), QStringLiteral("https://gw.example.com:5543"));
    }

    void aSecondDestinationIsBoundOnItsOwn()
    {
        // An alias password goes to the gateway (the alias) and, for the advisor's live check, to the tenant.
        MemorySecretStore store;
        store.insert(OrdersAlias, QStringLiteral("orders-demo-pass"));
        store.insert(SecretProvider::originKey(OrdersAlias), QStringLiteral("https://gw.example.com:5543"));
        SecretProvider provider(&store, environmentWith());
        const QString tenant = QStringLiteral("tenant");
        QCOMPARE(SecretProvider::originKey(OrdersAlias, tenant).kind, QStringLiteral("alias-origin-tenant"));

        Resolved first;
        provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://acme.int-aws-us.webmethods.io/apis")), tenant, this,
                         first.callback());
        QTRY_VERIFY(first.resolution.has_value());
        QVERIFY(first.resolution->ok());
        QTRY_COMPARE(store.value(SecretProvider::originKey(OrdersAlias, tenant)),
                     QStringLiteral("https://acme.int-aws-us.webmethods.io:443"));
        QCOMPARE(store.value(SecretProvider::originKey(OrdersAlias)), QStringLiteral("https://gw.example.com:5543"));

        Resolved moved;
        provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://evil.example.com")), tenant, this, moved.callback());
        QTRY_VERIFY(moved.resolution.has_value());
        QVERIFY(!moved.resolution->ok());
        QVERIFY(moved.resolution->secret.isEmpty());
    }

    void aChangedOriginIsAskedInTheGui()
    {
        MemorySecretStore store;
        store.insert(OrdersAlias, QStringLiteral("orders-demo-pass"));
        store.insert(SecretProvider::originKey(OrdersAlias), QStringLiteral("https://gw.example.com:443"));
        SecretProvider provider(&store, environmentWith());
        QList<SecretOriginRequest> asked;
        SecretOriginAnswer answer = SecretOriginAnswer::Cancel;
        provider.setOriginHandler([&](const SecretOriginRequest &request, SecretProvider::OriginDone done) {
            asked << request;
            done(answer);
        });
        const QUrl moved(QStringLiteral("https://gw-new.example.com"));

        Resolved cancelled;
        provider.resolve(OrdersAlias, moved, this, cancelled.callback());
        QTRY_VERIFY(cancelled.resolution.has_value());
        QVERIFY(!cancelled.resolution->ok());
        QVERIFY(cancelled.resolution->cancelled);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().boundOrigin, QStringLiteral("https://gw.example.com:443"));
        QCOMPARE(asked.first().newOrigin, QStringLiteral("https://gw-new.example.com:443"));

        answer = SecretOriginAnswer::SendAndRemember;
        Resolved remembered;
        provider.resolve(OrdersAlias, moved, this, remembered.callback());
        QTRY_VERIFY(remembered.resolution.has_value());
        QCOMPARE(remembered.resolution->secret, QStringLiteral("orders-demo-pass"));
        QTRY_COMPARE(store.value(SecretProvider::originKey(OrdersAlias)),
                     QStringLiteral("https://gw-new.example.com:443"));

        // An environment variable is the operator's explicit choice: not bound, not asked.
        SecretProvider headless(nullptr, environmentWith(OrdersVariable, QStringLiteral("from-env")));
        Resolved fromVariable;
        headless.resolve(OrdersAlias, QUrl(QStringLiteral("https://elsewhere.example.com")), this,
                         fromVariable.callback());
        QTRY_VERIFY(fromVariable.resolution.has_value());
        QCOMPARE(fromVariable.resolution->secret, QStringLiteral("from-env"));
        QCOMPARE(asked.size(), 2);
    }

    void environmentVariableNames_data();
    void environmentVariableNames();
    void keychainComesFirst();
    void environmentWhenTheKeychainHasNothing();
    void environmentWhenNoKeychain();
    void promptComesLast();
    void rememberWritesToTheKeychain();
    void nothingIsWrittenWithoutRemember();
    void noKeychainOffersNoRemember();
    void lockedKeyringIsNeverOverwrittenSilently();
    void headlessWithoutSecretSaysWhatToSet_data();
    void headlessWithoutSecretSaysWhatToSet();
    void cancelledPrompt();
    void keychainThatNeverAnswers();
    void sameKeyAtOnceAsksOnce();
    void typedOnceIsNotAskedAgainUntilRejected();
    void aTypedSecretForAnotherOriginIsAskedAgain();
    void quietResolutionNeverAsks();
    void noAnswerAfterContextIsGone();
};

void TestSecretProvider::environmentVariableNames_data()
{
    QTest::addColumn<SecretKey>("key");
    QTest::addColumn<QString>("variable");
    QTest::newRow("gateway admin") << SecretKey::gatewayAdmin(QStringLiteral("prod"), QStringLiteral("Administrator"))
                                   << QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD");
    QTest::newRow("oauth client") << SecretKey::oauthClient(QStringLiteral("prod"), QStringLiteral("demo-client"))
                                  << QStringLiteral("GATEWRIGHT_CLIENT_SECRET");
    QTest::newRow("alias") << OrdersAlias << OrdersVariable;
    QTest::newRow("alias with dots and non-ASCII")
        << SecretKey::alias(QStringLiteral("dev"), QStringLiteral("io.Zürich basic"))
        << QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_Z_RICH_BASIC");
    QTest::newRow("refresh token has none")
        << SecretKey::refreshToken(QStringLiteral("dev"), QStringLiteral("demo-native")) << QString();
}

void TestSecretProvider::environmentVariableNames()
{
    QFETCH(SecretKey, key);
    QFETCH(QString, variable);
    QCOMPARE(SecretProvider::environmentVariableFor(key), variable);
}

void TestSecretProvider::keychainComesFirst()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("from-keychain"));
    SecretProvider provider(&store, environmentWith(OrdersVariable, QStringLiteral("from-env")), nullptr);
    FakePrompt prompt;
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QCOMPARE(resolved.calls, 0);
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::Keychain);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("from-keychain"));
    QVERIFY(resolved.resolution->message.isEmpty());
    QVERIFY(prompt.requests.isEmpty());
}

void TestSecretProvider::environmentWhenTheKeychainHasNothing()
{
    MemorySecretStore store;
    SecretProvider provider(&store, environmentWith(OrdersVariable, QStringLiteral("from-env")), nullptr);
    FakePrompt prompt;
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::EnvironmentVariable);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("from-env"));
    QCOMPARE(store.readCount(), 1);
    QCOMPARE(store.writeCount(), 0);
    QVERIFY(prompt.requests.isEmpty());
}

void TestSecretProvider::environmentWhenNoKeychain()
{
    // Every secret from the environment: no "no keychain" warning on every run (the keychain was not needed).
    QTest::failOnWarning(QRegularExpression(QStringLiteral("keychain"), QRegularExpression::CaseInsensitiveOption));
    MemorySecretStore store;
    store.setFault(Fault::NoKeychain, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    SecretProvider provider(
        &store, environmentWith(QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD"), QStringLiteral("manage")), nullptr);
    Resolved resolved;
    provider.resolve(SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator")), this,
                     resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::EnvironmentVariable);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("manage"));
}

void TestSecretProvider::promptComesLast()
{
    MemorySecretStore store;
    SecretProvider provider(&store, environmentWith(QStringLiteral("GATEWRIGHT_CLIENT_SECRET"), QStringLiteral("x")),
                            nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), false};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::Prompt);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(prompt.requests.size(), 1);
    const SecretPromptRequest &asked = prompt.requests.first();
    QCOMPARE(asked.key, OrdersAlias);
    QCOMPARE(asked.description, QStringLiteral("the password of alias \"io-orders-basic\" (environment \"sandbox\")"));
    // The prompt names the secret above its note: the note does not name it twice.
    QCOMPARE(asked.keychainNote, QStringLiteral("It is not stored in the keychain yet."));
    QVERIFY(asked.canRemember);
}

void TestSecretProvider::rememberWritesToTheKeychain()
{
    MemorySecretStore store;
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), true};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::Prompt);
    QVERIFY(resolved.resolution->message.isEmpty());
    QCOMPARE(store.writeCount(), 1);
    QCOMPARE(store.value(OrdersAlias), QStringLiteral("typed"));

    // Next time the keychain answers and nobody is asked.
    Resolved again;
    provider.resolve(OrdersAlias, this, again.callback());
    QTRY_COMPARE(again.calls, 1);
    QCOMPARE(again.resolution->source, Source::Keychain);
    QCOMPARE(prompt.requests.size(), 1);
}

void TestSecretProvider::nothingIsWrittenWithoutRemember()
{
    MemorySecretStore store;
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), false};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(store.writeCount(), 0);
    QCOMPARE(store.size(), 0);
}

void TestSecretProvider::noKeychainOffersNoRemember()
{
    MemorySecretStore store;
    store.setFault(Fault::NoKeychain, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), true};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::Prompt);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(prompt.requests.size(), 1);
    QVERIFY(!prompt.requests.first().canRemember);
    QCOMPARE(prompt.requests.first().keychainNote,
             QStringLiteral("No keychain: secrets can't be stored on this system (Secret Service not reachable: "
                            "Cannot autolaunch D-Bus without X11 $DISPLAY)."));
    QCOMPARE(store.writeCount(), 0);
}

void TestSecretProvider::lockedKeyringIsNeverOverwrittenSilently()
{
    // gnome-keyring with a locked collection: the stored entry reads as "not found".
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("stored-before"));
    store.setFault(Fault::LockedReadsAsNotFound, QStringLiteral("Cannot create an item in a locked collection"));
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);

    // Headless: nothing is written, the answer says what is missing.
    Resolved headless;
    provider.resolve(OrdersAlias, this, headless.callback());
    QTRY_COMPARE(headless.calls, 1);
    QVERIFY(!headless.resolution->ok());
    QCOMPARE(store.writeCount(), 0);

    // The person types a value and asks to remember it: the write is refused, the value is used
    // once, and the stored entry is untouched.
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), true};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::Prompt);
    QCOMPARE(resolved.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(resolved.resolution->message,
             QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\"): keyring locked or "
                            "access refused (Cannot create an item in a locked collection). Unlock the keyring and "
                            "retry. The secret is kept in memory only, until the console quits."));
    QCOMPARE(store.value(OrdersAlias), QStringLiteral("stored-before"));
}

void TestSecretProvider::headlessWithoutSecretSaysWhatToSet_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<SecretKey>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("alias not stored")
        << Fault::None << OrdersAlias
        << QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") is not stored in the "
                          "keychain yet. Set the environment variable GATEWRIGHT_ALIAS_PASSWORD_IO_ORDERS_BASIC to "
                          "provide it.");
    QTest::newRow("client secret without keychain")
        << Fault::NoKeychain << SecretKey::oauthClient(QStringLiteral("sandbox"), QStringLiteral("demo-client"))
        << QStringLiteral("No keychain: secrets can't be stored on this system (Secret Service not reachable: no "
                          "bus). Set the environment variable GATEWRIGHT_CLIENT_SECRET to provide it.");
    QTest::newRow("refresh token not stored")
        << Fault::None << SecretKey::refreshToken(QStringLiteral("sandbox"), QStringLiteral("demo-native"))
        << QStringLiteral("The refresh token of OAuth client \"demo-native\" (environment \"sandbox\") is not stored "
                          "in the keychain yet.");
}

void TestSecretProvider::headlessWithoutSecretSaysWhatToSet()
{
    QFETCH(Fault, fault);
    QFETCH(SecretKey, key);
    QFETCH(QString, message);
    MemorySecretStore store;
    store.setFault(fault, QStringLiteral("no bus"));
    SecretProvider provider(&store, environmentWith(QStringLiteral("UNRELATED"), QStringLiteral("x")), nullptr);
    QVERIFY(!provider.canPrompt());
    Resolved resolved;
    provider.resolve(key, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QVERIFY(!resolved.resolution->ok());
    QVERIFY(!resolved.resolution->cancelled);
    QVERIFY(resolved.resolution->secret.isEmpty());
    QCOMPARE(resolved.resolution->message, message);
}

void TestSecretProvider::cancelledPrompt()
{
    MemorySecretStore store;
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{false, {}, false};
    provider.setPromptHandler(prompt.handler());
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTRY_COMPARE(resolved.calls, 1);
    QVERIFY(!resolved.resolution->ok());
    QVERIFY(resolved.resolution->cancelled);
    QCOMPARE(resolved.resolution->message, QStringLiteral("Cancelled: the password of alias \"io-orders-basic\" "
                                                          "(environment \"sandbox\") was not entered."));
}

void TestSecretProvider::keychainThatNeverAnswers()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("from-keychain"));
    store.setFault(Fault::NeverFinish);
    SecretProvider provider(&store, environmentWith(OrdersVariable, QStringLiteral("from-env")), nullptr);
    provider.setKeychainTimeout(50ms);
    Resolved resolved;
    provider.resolve(OrdersAlias, this, resolved.callback());
    QTest::qWait(10);
    QCOMPARE(resolved.calls, 0);
    QTRY_COMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::EnvironmentVariable);

    // The keychain answers at last: the request is over, nobody is called twice.
    QCOMPARE(store.pendingCount(), 1);
    store.finishPending();
    QTest::qWait(20);
    QCOMPARE(resolved.calls, 1);
    QCOMPARE(resolved.resolution->source, Source::EnvironmentVariable);
}

void TestSecretProvider::sameKeyAtOnceAsksOnce()
{
    MemorySecretStore store;
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    provider.setPromptHandler(prompt.handler());
    Resolved first;
    Resolved second;
    provider.resolve(OrdersAlias, this, first.callback());
    provider.resolve(OrdersAlias, this, second.callback());
    QTRY_COMPARE(prompt.requests.size(), 1);
    QVERIFY(prompt.pending);
    prompt.pending(SecretPromptAnswer{true, QStringLiteral("typed"), false});
    QTRY_COMPARE(second.calls, 1);
    QCOMPARE(first.calls, 1);
    QCOMPARE(first.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(second.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(store.readCount(), 1);
    QTest::qWait(20);
    QCOMPARE(prompt.requests.size(), 1);
}

void TestSecretProvider::typedOnceIsNotAskedAgainUntilRejected()
{
    // No keychain: the admin password is typed once per session, not once per request.
    MemorySecretStore store;
    store.setFault(Fault::NoKeychain, QStringLiteral("no Secret Service"));
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed-once"), false};
    provider.setPromptHandler(prompt.handler());
    const SecretKey admin = SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator"));
    const QUrl gateway(QStringLiteral("http://127.0.0.1:5555/rest/apigateway"));
    for (int i = 0; i < 3; ++i) {
        Resolved resolved;
        provider.resolve(admin, gateway, this, resolved.callback());
        QTRY_COMPARE(resolved.calls, 1);
        QCOMPARE(resolved.resolution->secret, QStringLiteral("typed-once"));
        QCOMPARE(resolved.resolution->source, Source::Prompt);
    }
    QCOMPARE(prompt.requests.size(), 1);
    QCOMPARE(store.writeCount(), 0);

    // The gateway refused it: forgotten, and the next request asks again.
    provider.forget(admin);
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed-again"), false};
    Resolved again;
    provider.resolve(admin, gateway, this, again.callback());
    QTRY_COMPARE(again.calls, 1);
    QCOMPARE(again.resolution->secret, QStringLiteral("typed-again"));
    QCOMPARE(prompt.requests.size(), 2);
}

void TestSecretProvider::aTypedSecretForAnotherOriginIsAskedAgain()
{
    MemorySecretStore store;
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("for-the-old-gateway"), false};
    provider.setPromptHandler(prompt.handler());
    Resolved first;
    provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://gw.example.com")), this, first.callback());
    QTRY_COMPARE(first.calls, 1);
    // The environment now points elsewhere: what was typed for gw.example.com is not sent there unasked.
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("for-the-new-gateway"), false};
    Resolved moved;
    provider.resolve(OrdersAlias, QUrl(QStringLiteral("https://gw-new.example.com")), this, moved.callback());
    QTRY_COMPARE(moved.calls, 1);
    QCOMPARE(moved.resolution->secret, QStringLiteral("for-the-new-gateway"));
    QCOMPARE(prompt.requests.size(), 2);
}

void TestSecretProvider::quietResolutionNeverAsks()
{
    MemorySecretStore store;
    store.insert(CustomersAlias, QStringLiteral("stored"));
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    FakePrompt prompt;
    prompt.answer = SecretPromptAnswer{true, QStringLiteral("typed"), false};
    provider.setPromptHandler(prompt.handler());
    const QUrl gateway(QStringLiteral("https://gw.example.com"));
    Resolved absent;
    provider.resolveQuietly(OrdersAlias, gateway, this, absent.callback());
    QTRY_COMPARE(absent.calls, 1);
    QVERIFY(!absent.resolution->ok());
    QVERIFY(!absent.resolution->cancelled);
    Resolved stored;
    provider.resolveQuietly(CustomersAlias, gateway, this, stored.callback());
    QTRY_COMPARE(stored.calls, 1);
    QCOMPARE(stored.resolution->secret, QStringLiteral("stored"));
    QCOMPARE(prompt.requests.size(), 0);

    // Bound elsewhere: refused quietly instead of asking about the new origin.
    bool asked = false;
    provider.setOriginHandler([&](const SecretOriginRequest &, SecretProvider::OriginDone done) {
        asked = true;
        done(SecretOriginAnswer::SendOnce);
    });
    Resolved moved;
    provider.resolveQuietly(CustomersAlias, QUrl(QStringLiteral("https://gw-new.example.com")), this, moved.callback());
    QTRY_COMPARE(moved.calls, 1);
    QVERIFY(!moved.resolution->ok());
    QVERIFY(!asked);

    // A quiet request joined by one that may ask: the person is asked once, for both.
    Resolved quiet;
    Resolved loud;
    provider.resolveQuietly(OrdersAlias, gateway, this, quiet.callback());
    provider.resolve(OrdersAlias, gateway, this, loud.callback());
    QTRY_COMPARE(loud.calls, 1);
    QCOMPARE(quiet.calls, 1);
    QCOMPARE(quiet.resolution->secret, QStringLiteral("typed"));
    QCOMPARE(prompt.requests.size(), 1);
}

void TestSecretProvider::noAnswerAfterContextIsGone()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("x"));
    store.setLatency(20ms);
    SecretProvider provider(&store, QProcessEnvironment(), nullptr);
    Resolved resolved;
    Resolved other;
    auto *context = new QObject;
    provider.resolve(OrdersAlias, context, resolved.callback());
    provider.resolve(OrdersAlias, this, other.callback());
    delete context;
    QTRY_COMPARE(other.calls, 1);
    QCOMPARE(resolved.calls, 0);
}

QTEST_GUILESS_MAIN(TestSecretProvider)
#include "tst_secretprovider.moc"
