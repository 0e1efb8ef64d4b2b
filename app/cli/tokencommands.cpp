// SPDX-License-Identifier: GPL-3.0-or-later
// gatewright token / gatewright call: the token lab and the call tester, headless.
#include "tokencommands.h"

#include "calldiagnosis.h"
#include "cappedfileread.h"
#include "commonoptions.h"
#include "oauth/jwkscache.h"
#include "oauth/revocationjob.h"
#include "oauth/tokensession.h"
#include "probe/calltester.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gw::cli {

namespace {

constexpr int OverallTimeoutMs = 120000;
// A test request body, not an upload: the gateway's own default payload limit is lower.
constexpr qint64 MaxBodyFileSize = 8 * 1024 * 1024;

QStringList scopesOf(const Workspace &workspace, const QString &proxyName)
{
    QStringList scopes;
    for (const GatewayProxy &proxy : workspace.proxies) {
        if (!proxyName.isEmpty() && proxy.name != proxyName)
            continue;
        for (const QString &scope : proxy.inbound.scopes) {
            if (!scopes.contains(scope))
                scopes << scope;
        }
    }
    return scopes;
}

QJsonObject tokenJson(const TokenSession &session)
{
    const TokenInfo &token = session.token();
    QJsonObject object{
        {u"issuer"_s, session.metadata() ? session.metadata()->issuer : session.config().server.issuer},
        {u"clientId"_s, session.config().effectiveClientId()},
        {u"grant"_s, token.grant},
        {u"verification"_s, TokenInfo::verificationName(token.verification)},
        {u"verified"_s, token.verification == TokenInfo::Verification::Verified},
        {u"signatureVerified"_s, token.signatureVerified},
        {u"verificationText"_s, token.verificationText},
        {u"errors"_s, QJsonArray::fromStringList(token.errorCodes)},
        {u"header"_s, token.header},
        {u"claims"_s, token.claims},
        {u"requestedScopes"_s, QJsonArray::fromStringList(token.requestedScopes)},
        {u"missingScopes"_s, token.missingScopesJson()},
    };
    if (token.grantedScopes)
        object.insert(u"grantedScopes"_s, QJsonArray::fromStringList(*token.grantedScopes));
    if (token.expiresAt.isValid()) {
        object.insert(u"expiresAt"_s, token.expiresAt.toString(Qt::ISODate));
        object.insert(u"expiresIn"_s, QDateTime::currentDateTimeUtc().secsTo(token.expiresAt));
    }
    return object;
}

void printToken(QTextStream &out, const TokenSession &session)
{
    const TokenInfo &token = session.token();
    out << "Token from " << (session.metadata() ? session.metadata()->issuer : session.config().server.issuer)
        << " for client " << session.config().effectiveClientId() << " (" << token.grant << ")\n";
    out << "Signature: " << token.verificationText << "\n";
    for (const QString &error : token.verificationErrors)
        out << "  - " << error << "\n";
    if (token.expiresAt.isValid())
        out << "Expires:   " << token.expiresAt.toString(Qt::ISODate) << " (in "
            << QDateTime::currentDateTimeUtc().secsTo(token.expiresAt) << " s)\n";
    if (token.grantedScopes)
        out << "Scopes:    " << (token.grantedScopes->isEmpty() ? u"(none)"_s : token.grantedScopes->join(u' '))
            << "\n";
    else if (!token.requestedScopes.isEmpty())
        out << "Scopes:    not stated by the server (asked for: " << token.requestedScopes.join(u' ')
            << "); a call shows whether they were granted\n";
    if (!token.missingScopes.isEmpty())
        out << "Not granted: " << token.missingScopes.join(u' ') << "\n";
    if (!token.claims.isEmpty()) {
        out << "Claims:\n";
        for (auto it = token.claims.begin(); it != token.claims.end(); ++it) {
            const QJsonValue value = it.value();
            QString text =
                value.isString() ? value.toString()
                : value.isDouble()
                    ? QString::number(qint64(value.toDouble()))
                    : QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
            if (value.isArray())
                text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            out << "  " << it.key() << ": " << text << "\n";
        }
    }
}

/// The objects one headless token run needs; lives on the stack of the command.
struct TokenRun
{
    QNetworkAccessManager network;
    KeychainSecretStore keychain;
    SecretProvider secrets;
    JwksCache jwks;
    TokenSession session;

    explicit TokenRun(const QProcessEnvironment &environment)
        : secrets(&keychain, environment, nullptr)
        , jwks(&network)
        , session(&network, &secrets, &jwks)
    {
        session.setAutoRefresh(false);
    }
};

TokenSessionConfig sessionConfig(const LoadedWorkspace &loaded, const CommonOptions &options, const QString &proxyName)
{
    TokenSessionConfig config = TokenSessionConfig::forEnvironment(
        loaded.environment, options.values.contains(u"--scope"_s)
                                ? options.values.value(u"--scope"_s).split(u' ', Qt::SkipEmptyParts)
                                : scopesOf(loaded.workspace, proxyName));
    if (options.flags.contains(u"--client-secret-post"_s))
        config.authMethod = OAuthClientConfig::AuthMethod::ClientSecretPost;
    return config;
}

/// Gets a token and waits for its verification; runs the event loop. Returns false with the error printed.
bool obtainToken(TokenSession &session, CliIo &io, const QString &command)
{
    bool ok = false;
    QString failure;
    QObject context;
    QObject::connect(&session, &TokenSession::failed, &context, [&](const OAuthError &error) {
        failure = error.message;
        QCoreApplication::exit(1);
    });
    QObject::connect(&session, &TokenSession::busyChanged, &context, [&](bool busy) {
        if (!busy && !session.token().isEmpty()) {
            ok = true;
            QCoreApplication::exit(0);
        }
    });
    QObject::connect(&session, &TokenSession::notice, &context,
                     [&](const QString &text) { io.err << "gatewright " << command << ": " << text << "\n"; });
    QTimer::singleShot(OverallTimeoutMs, &context, [&] {
        failure = u"no token within %1 s."_s.arg(OverallTimeoutMs / 1000);
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(0, &session, &TokenSession::requestToken);
    QCoreApplication::exec();
    if (!ok) {
        io.err << "gatewright " << command << ": " << failure << "\n";
        io.err.flush();
    }
    return ok;
}

int runToken(const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.flags = {u"--client-secret-post"_s};
    spec.valueOptions = {u"--scope"_s};
    const CommonOptionsResult parsed = parseCommonOptions(u"token"_s, arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << "Usage: gatewright token --workspace FILE --env NAME [--json] [--scope \"A B\"] "
                  "[--client-secret-post] [--set FIELD=VALUE ...]\n\n"
                  "Gets an access token for the environment's OAuth client (client credentials), verifies it against\n"
                  "the issuer's JWKS (signature, iss, aud, exp) and prints its claims. The client secret comes from\n"
                  "the keychain or GATEWRIGHT_CLIENT_SECRET. By default it asks for every scope the workspace's\n"
                  "proxies require.\n\n"
               << commonOptionsHelp(false)
               << "  --scope \"A B\"        the scopes to ask for\n"
                  "  --client-secret-post send the client secret in the form instead of HTTP Basic\n"
                  "\nExit status: 0 with a verified (or opaque) token, 1 otherwise.\n";
        return 0;
    }
    QString error;
    const auto loaded = loadWorkspace(options, &error);
    if (!loaded) {
        io.err << error << "\n";
        return 1;
    }
    TokenRun run(io.environment);
    run.session.setConfig(sessionConfig(*loaded, options, {}));
    if (!obtainToken(run.session, io, u"token"_s))
        return 1;
    const TokenInfo &token = run.session.token();
    if (options.json) {
        QJsonObject object = tokenJson(run.session);
        object.insert(u"accessToken"_s, token.accessToken);
        io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        printToken(io.out, run.session);
        io.out << "Access token:\n" << token.accessToken << "\n";
    }
    return token.verification == TokenInfo::Verification::Invalid ? 1 : 0;
}

QJsonValue bodyJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    if (error.error == QJsonParseError::NoError && document.isArray())
        return document.array();
    return QString::fromUtf8(body);
}

QString originName(Diagnosis::Origin origin)
{
    switch (origin) {
    case Diagnosis::Origin::None:
        return u"none"_s;
    case Diagnosis::Origin::Transport:
        return u"transport"_s;
    case Diagnosis::Origin::Gateway:
        return u"gateway"_s;
    case Diagnosis::Origin::NativeProvider:
        return u"native-provider"_s;
    }
    return {};
}

/// `introspect` and `revoke`: on --token TOKEN, or on a token obtained first with the environment's client.
int runTokenOperation(const QString &command, const QStringList &arguments, CliIo &io)
{
    const bool revoke = command == u"revoke";
    CommandSpec spec;
    spec.flags = {u"--client-secret-post"_s};
    spec.valueOptions = {u"--token"_s, u"--scope"_s};
    const CommonOptionsResult parsed = parseCommonOptions(command, arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << "Usage: gatewright " << command
               << " --workspace FILE --env NAME [--token TOKEN] [--scope \"A B\"] [--json]\n"
               << (revoke ? "Asks the environment's OAuth server to revoke an access token (RFC 7009) and says what "
                            "that does\nnot do to a self-contained JWT. Exit code 0: accepted; 1: refused or error.\n"
                          : "Asks the environment's OAuth server about an access token (RFC 7662). Exit code 0: "
                            "active; 2: not\nactive (revoked, expired or unknown); 1: error.\n")
               << "Without --token it first gets one, as 'gatewright token' does ($GATEWRIGHT_TOKEN works too).\n\n"
               << commonOptionsHelp(false);
        return 0;
    }
    QString error;
    const auto loaded = loadWorkspace(options, &error);
    if (!loaded) {
        io.err << error << "\n";
        return 1;
    }
    TokenRun run(io.environment);
    run.session.setConfig(sessionConfig(*loaded, options, QString()));
    QString token = options.values.value(u"--token"_s, io.environment.value(u"GATEWRIGHT_TOKEN"_s));
    if (token.isEmpty()) {
        if (!obtainToken(run.session, io, command))
            return 1;
        token = run.session.token().accessToken;
    }
    int code = 1;
    QObject context;
    QObject::connect(&run.session, &TokenSession::failed, &context, [&](const OAuthError &failure) {
        io.err << "gatewright " << command << ": " << failure.message << "\n";
        QCoreApplication::exit(1);
    });
    QObject::connect(&run.session, &TokenSession::introspected, &context, [&](const IntrospectionResult &result) {
        if (options.json) {
            QJsonObject object{{u"active"_s, result.active}, {u"response"_s, result.members}};
            printJson(io, object);
        } else {
            io.out << (result.active ? "active" : "not active (revoked, expired, unknown, or not for this client)")
                   << "\n";
            for (auto it = result.members.constBegin(); it != result.members.constEnd(); ++it) {
                if (it.key() != u"active")
                    io.out << "  " << it.key() << ": "
                           << (it.value().isString()
                                   ? it.value().toString()
                                   : QString::fromUtf8(
                                         QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact))
                                         .mid(1)
                                         .chopped(1))
                           << "\n";
            }
        }
        code = result.active ? 0 : 2;
        QCoreApplication::exit(code);
    });
    QObject::connect(&run.session, &TokenSession::revoked, &context, [&](const QString &note) {
        if (options.json)
            printJson(
                io, QJsonObject{{u"revoked"_s, true},
                                {u"note"_s, note},
                                {u"lifetime"_s, RevocationJob::lifetimeNote(token, QDateTime::currentDateTimeUtc())}});
        else
            io.out << note << "\n";
        code = 0;
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(0, &run.session, [&] {
        if (revoke)
            run.session.revokeToken(token);
        else
            run.session.introspectToken(token);
    });
    QCoreApplication::exec();
    io.out.flush();
    io.err.flush();
    return code;
}

int runCall(const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.flags = {u"--client-secret-post"_s, u"--no-token"_s};
    spec.valueOptions = {u"--proxy"_s,  u"--path"_s,  u"--method"_s, u"--body"_s,
                         u"--header"_s, u"--scope"_s, u"--token"_s};
    const CommonOptionsResult parsed = parseCommonOptions(u"call"_s, arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << "Usage: gatewright call --workspace FILE --env NAME --proxy NAME [--path /x] [--method M]\n"
                  "                       [--body TEXT|@FILE] [--header \"Name: value\"] [--token T | --no-token]\n"
                  "                       [--json]\n\n"
                  "Gets a token (as 'gatewright token' does, with the scopes the proxy requires), calls\n"
                  "<gateway>/gateway/<proxy>/<version><path> with it and explains the answer: which check refused\n"
                  "the token, or why webMethods.io refused the gateway (a native-provider 401), and the fix.\n"
                  "An expired token is renewed and the call retried once.\n\n"
               << commonOptionsHelp(false)
               << "  --proxy NAME         the proxy (API) of the workspace\n"
                  "  --path /x            the resource path and query after the proxy's URL\n"
                  "  --method M           GET (default), POST, PUT, PATCH, DELETE\n"
                  "  --body TEXT|@FILE    the request body\n"
                  "  --header \"N: v\"      one extra request header\n"
                  "  --token T            call with this token (also $GATEWRIGHT_TOKEN), as it is: not renewed\n"
                  "  --no-token           call without a bearer token\n"
                  "\nExit status: 0 when the proxy answered 2xx, 1 otherwise.\n";
        return 0;
    }
    const QString proxyName = options.values.value(u"--proxy"_s);
    if (proxyName.isEmpty()) {
        io.err << "gatewright call: --proxy NAME is required.\n";
        return 1;
    }
    QString error;
    const auto loaded = loadWorkspace(options, &error);
    if (!loaded) {
        io.err << error << "\n";
        return 1;
    }
    ProxyCallRequest request;
    request.environment = loaded->environment.name;
    request.proxyName = proxyName;
    request.method = options.values.value(u"--method"_s, u"GET"_s).toUpper();
    request.resource = options.values.value(u"--path"_s);
    QString body = options.values.value(u"--body"_s);
    if (body.startsWith(u'@')) {
        const CappedFileRead file =
            readCappedRegularFile(body.mid(1), MaxBodyFileSize, QStringLiteral("the body file (--body @file)"));
        if (!file.ok()) {
            io.err << "gatewright call: " << file.error << "\n";
            return 1;
        }
        request.body = file.data;
    } else {
        request.body = body.toUtf8();
    }
    if (!request.body.isEmpty())
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    const QString header = options.values.value(u"--header"_s);
    if (!header.isEmpty()) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0) {
            io.err << "gatewright call: --header needs \"Name: value\".\n";
            return 1;
        }
        request.headers.append({header.left(colon).trimmed().toLatin1(), header.mid(colon + 1).trimmed().toUtf8()});
    }

    TokenRun run(io.environment);
    CallTester tester(&run.network, &run.session);
    tester.setWorkspace(&loaded->workspace);
    QString urlError;
    if (tester.urlFor(request, &urlError).isEmpty()) {
        io.err << "gatewright call: " << urlError << "\n";
        return 1;
    }
    if (options.flags.contains(u"--no-token"_s)) {
        request.bearer = ProxyCallRequest::Bearer::None;
    } else if (const QString given = options.values.value(u"--token"_s, io.environment.value(u"GATEWRIGHT_TOKEN"_s));
               !given.isEmpty()) {
        request.bearer = ProxyCallRequest::Bearer::Given;
        request.givenToken = given;
    } else {
        request.fitProxyScopes = !options.values.contains(u"--scope"_s);
        run.session.setConfig(sessionConfig(*loaded, options, proxyName));
        if (!obtainToken(run.session, io, u"call"_s))
            return 1;
        if (run.session.token().verification == TokenInfo::Verification::Invalid)
            io.err << "gatewright call: warning: the token failed local verification ("
                   << run.session.token().verificationText << "); calling anyway.\n";
    }

    CallRecord result;
    QObject context;
    QObject::connect(&tester, &CallTester::retrying, &context, [&](const CallRecord &first) {
        io.err << "gatewright call: " << first.diagnosis.title << ": getting a new token and retrying once.\n";
    });
    QObject::connect(&tester, &CallTester::finished, &context, [&](const CallRecord &record) {
        result = record;
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(0, &tester, [&] { tester.call(request); });
    QCoreApplication::exec();

    const Diagnosis &diagnosis = result.diagnosis;
    if (options.json) {
        QJsonObject headers;
        for (const auto &[name, value] : result.response.headers)
            headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        QJsonObject object{
            {u"proxy"_s, result.request.proxyName},
            {u"version"_s, result.request.proxyVersion},
            {u"method"_s, result.request.method},
            {u"url"_s, result.url},
            {u"status"_s, result.response.status},
            {u"elapsedMs"_s, result.elapsedMs},
            {u"sentToken"_s, result.sentToken},
            {u"retriedWithNewToken"_s, result.retriedWithNewToken},
            {u"headers"_s, headers},
            {u"body"_s, bodyJson(result.response.body)},
            {u"diagnosis"_s, QJsonObject{{u"code"_s, diagnosis.code()},
                                         {u"origin"_s, originName(diagnosis.origin)},
                                         {u"title"_s, diagnosis.title},
                                         {u"explanation"_s, diagnosis.explanation},
                                         {u"fix"_s, diagnosis.fix},
                                         {u"suggestedAlias"_s, diagnosis.suggestedAlias}}},
        };
        if (!result.response.failureText.isEmpty())
            object.insert(u"error"_s, result.response.failureText);
        if (!result.note.isEmpty())
            object.insert(u"note"_s, result.note);
        if (!result.retryTokenProblem.isEmpty())
            object.insert(u"retryTokenProblem"_s, result.retryTokenProblem);
        if (!run.session.token().isEmpty())
            object.insert(u"token"_s, tokenJson(run.session));
        io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        io.out << result.request.method << " " << result.url << "\n";
        if (result.response.status > 0)
            io.out << "HTTP " << result.response.status << " in " << result.elapsedMs << " ms"
                   << (result.retriedWithNewToken ? " (second attempt, with a new token)" : "") << "\n";
        else
            io.out << "No answer: " << result.response.failureText << "\n";
        io.out << "Diagnosis: " << diagnosis.title << " [" << diagnosis.code() << "]\n";
        if (!diagnosis.explanation.isEmpty())
            io.out << "  " << diagnosis.explanation << "\n";
        if (!diagnosis.fix.isEmpty())
            io.out << "Fix: " << diagnosis.fix << "\n";
        if (!result.note.isEmpty())
            io.out << "Note: " << result.note << "\n";
        if (!result.retryTokenProblem.isEmpty())
            io.out << "Warning: the new token of the second attempt did not verify locally: "
                   << result.retryTokenProblem << "\n";
        if (!result.response.body.isEmpty()) {
            const QJsonValue body = bodyJson(result.response.body);
            io.out << "Body:\n"
                   << (body.isString()
                           ? body.toString()
                           : QString::fromUtf8(
                                 QJsonDocument::fromVariant(body.toVariant()).toJson(QJsonDocument::Indented)));
            if (body.isString())
                io.out << "\n";
        }
    }
    return diagnosis.isSuccess() ? 0 : 1;
}

} // namespace

QList<CliCommand> tokenCommands()
{
    return {
        {u"token"_s, u"token --workspace FILE --env NAME [--json]"_s,
         u"get and verify an access token for the environment's OAuth client"_s, runToken},
        {u"introspect"_s, u"introspect --workspace FILE --env NAME [--token TOKEN] [--json]"_s,
         u"ask the OAuth server whether a token is active (RFC 7662)"_s,
         [](const QStringList &arguments, CliIo &io) { return runTokenOperation(u"introspect"_s, arguments, io); }},
        {u"revoke"_s, u"revoke --workspace FILE --env NAME [--token TOKEN] [--json]"_s,
         u"revoke an access token (RFC 7009), and what that means for a JWT"_s,
         [](const QStringList &arguments, CliIo &io) { return runTokenOperation(u"revoke"_s, arguments, io); }},
        {u"call"_s, u"call --workspace FILE --env NAME --proxy NAME --path /x [--method M] [--json]"_s,
         u"call a proxy with a token and explain the answer"_s, runCall},
    };
}

} // namespace gw::cli
