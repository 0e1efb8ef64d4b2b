// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspacevalidator.h"

#include <tuple>

#include "displaytext.h"
#include "endpointresolver.h"

#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace gw::WorkspaceValidator {

namespace {

QString quoted(const QString &text)
{
    // Messages go to terminals and labels: a name holding ESC or U+202E must not act on them.
    return QLatin1Char('"') + DisplayText::escaped(text) + QLatin1Char('"');
}

QString at(const QString &pointer, const QString &key)
{
    return pointer + QLatin1Char('/') + WorkspaceError::escapeToken(key);
}

QString at(const QString &pointer, qsizetype index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

bool isLoopbackHost(const QString &host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("::1") || host.startsWith(QLatin1String("127."));
}

/// Checks `url`, naming `shown` (what the user wrote) in the message.
QString urlProblemShown(const QString &url, const QString &shown)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.isRelative() || parsed.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return quoted(shown) + QStringLiteral(" is not an absolute http or https URL");
    // The user info may be a password: never echo it.
    if (!parsed.userInfo().isEmpty())
        return QStringLiteral("must not contain a user name or password; credentials belong in the keychain");
    if (parsed.hasFragment())
        return quoted(shown) + QStringLiteral(" must not have a fragment");
    if (scheme == QLatin1String("http") && !isLoopbackHost(parsed.host()))
        return quoted(shown) +
               QStringLiteral(" must use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)");
    return {};
}

const QStringList &secretKinds()
{
    static const QStringList kinds = {QStringLiteral("gateway-admin"), QStringLiteral("alias"),
                                      QStringLiteral("oauth-client"), QStringLiteral("refresh-token"),
                                      QStringLiteral("tenant-user")};
    return kinds;
}

const QStringList &sensitivities()
{
    static const QStringList values = {QStringLiteral("public"), QStringLiteral("internal"),
                                       QStringLiteral("confidential"), QStringLiteral("restricted")};
    return values;
}

QString quotedList(const QStringList &values)
{
    QStringList items;
    for (const QString &value : values)
        items.append(quoted(value));
    return items.join(QStringLiteral(", "));
}

/// RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E ).
bool isScopeToken(const QString &scope)
{
    if (scope.isEmpty())
        return false;
    for (const QChar c : scope) {
        const char16_t u = c.unicode();
        if (u < 0x21 || u > 0x7E || u == 0x22 || u == 0x5C)
            return false;
    }
    return true;
}

class Validator
{
public:
    explicit Validator(const Workspace &workspace)
        : m_workspace(workspace)
    {}

    QList<WorkspaceError> run()
    {
        for (qsizetype i = 0; i < m_workspace.environments.size(); ++i)
            environment(m_workspace.environments.at(i), at(QStringLiteral("/environments"), i));
        for (qsizetype i = 0; i < m_workspace.projects.size(); ++i)
            project(m_workspace.projects.at(i), at(QStringLiteral("/projects"), i));
        for (qsizetype i = 0; i < m_workspace.technicalUsers.size(); ++i)
            technicalUser(m_workspace.technicalUsers.at(i), at(QStringLiteral("/technicalUsers"), i));
        for (qsizetype i = 0; i < m_workspace.aliases.size(); ++i)
            alias(m_workspace.aliases.at(i), at(QStringLiteral("/aliases"), i));
        for (qsizetype i = 0; i < m_workspace.proxies.size(); ++i)
            proxy(m_workspace.proxies.at(i), at(QStringLiteral("/proxies"), i));
        return m_errors;
    }

private:
    void error(const QString &pointer, const QString &message) { m_errors.append({pointer, message}); }

    bool required(const QString &value, const QString &pointer)
    {
        if (!value.trimmed().isEmpty())
            return true;
        error(pointer, QStringLiteral("must not be empty"));
        return false;
    }

    /// Names are printed in terminals, labels and the gateway's UI: none may hold a character that
    /// moves the cursor, recolours, hides or reorders text (DisplayText lists them).
    bool printable(const QString &value, const QString &pointer)
    {
        const std::optional<char32_t> found = DisplayText::firstUnsafe(value);
        if (!found)
            return true;
        error(pointer, QStringLiteral("%1 contains %2, %3; remove it (names must not hold control, invisible or "
                                      "bidirectional formatting characters)")
                           .arg(quoted(value), DisplayText::codePointName(*found), DisplayText::unsafeKind(*found)));
        return false;
    }

    /// Records the first holder of an identity; reports later ones.
    void unique(QHash<QString, QString> &seen, const QString &identity, const QString &pointer, const QString &what,
                const QString &reportAt)
    {
        const auto it = seen.constFind(identity);
        if (it == seen.constEnd()) {
            seen.insert(identity, pointer);
            return;
        }
        error(reportAt, QStringLiteral("duplicate %1 (first at %2)").arg(what, it.value()));
    }

    /// A required, unique name; `context` follows the name in a duplicate's message.
    void name(const QString &value, const QString &pointer, QHash<QString, QString> &seen, const QString &kind,
              const QString &context = QString())
    {
        const QString field = at(pointer, QStringLiteral("name"));
        if (!required(value, field))
            return;
        if (value != value.trimmed()) {
            error(field, quoted(value) + QStringLiteral(" must not begin or end with white space"));
            return;
        }
        if (!printable(value, field))
            return;
        unique(seen, value, pointer, kind + QLatin1Char(' ') + quoted(value) + context, field);
    }

    void url(const QString &value, const QString &pointer, bool isRequired)
    {
        if (value.isEmpty()) {
            if (isRequired)
                error(pointer, QStringLiteral("must not be empty"));
            return;
        }
        if (const QString problem = urlProblemShown(value, value); !problem.isEmpty())
            error(pointer, problem);
    }

    void secretRef(const SecretRef &ref, const QString &pointer)
    {
        if (!ref.isSet())
            return;
        const QString name = ref.name();
        if (!secretKinds().contains(ref.kind()) || name.isEmpty() || name.contains(QLatin1Char('/'))) {
            // The reference is not echoed: a mistyped one may hold a pasted secret.
            error(pointer, QStringLiteral("must have the form \"keychain:<kind>/<name>\" with kind ") +
                               quotedList(secretKinds()));
        }
    }

    /// Reports {{...}} placeholders that EndpointResolver does not know.
    bool placeholders(const QString &value, const QString &pointer)
    {
        static const QRegularExpression pattern(QStringLiteral("\\{\\{[^}]*\\}\\}"));
        bool ok = true;
        for (auto it = pattern.globalMatch(value); it.hasNext();) {
            const QString found = it.next().captured();
            if (!EndpointResolver::placeholders().contains(found)) {
                error(pointer, QStringLiteral("unknown placeholder %1 (known: %2)")
                                   .arg(quoted(found), EndpointResolver::placeholders().join(QStringLiteral(", "))));
                ok = false;
            }
        }
        return ok;
    }

    /// A URL that may hold placeholders and gateway variables (${sys:resource_path}).
    void templatedUrl(const QString &value, const QString &pointer)
    {
        if (!placeholders(value, pointer))
            return;
        Environment probe;
        probe.ioTenantUrl = QStringLiteral("https://tenant.invalid");
        probe.gatewayUrl = QStringLiteral("https://gateway.invalid");
        static const QRegularExpression gatewayVariable(QStringLiteral("\\$\\{[^}]*\\}"));
        QString concrete = EndpointResolver::expand(value, probe);
        concrete.replace(gatewayVariable, QStringLiteral("x"));
        if (const QString problem = urlProblemShown(concrete, value); !problem.isEmpty())
            error(pointer, problem);
    }

    void environment(const Environment &env, const QString &pointer)
    {
        name(env.name, pointer, m_environments, QStringLiteral("environment"));
        static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
        if (!env.name.trimmed().isEmpty() && env.name == env.name.trimmed() && !DisplayText::firstUnsafe(env.name) &&
            !namePattern.match(env.name).hasMatch()) {
            error(at(pointer, QStringLiteral("name")),
                  quoted(env.name) +
                      QStringLiteral(" is not a valid environment name (letters, digits, '.', '_' and '-', "
                                     "starting with a letter or digit)"));
        }
        url(env.gatewayUrl, at(pointer, QStringLiteral("gatewayUrl")), true);
        if (required(env.adminUser, at(pointer, QStringLiteral("adminUser"))))
            printable(env.adminUser, at(pointer, QStringLiteral("adminUser")));
        secretRef(env.adminPassword, at(pointer, QStringLiteral("adminPasswordRef")));

        const QString tls = at(pointer, QStringLiteral("tls"));
        static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
        if (!env.tls.pinnedSha256.isEmpty() && !sha256.match(env.tls.pinnedSha256).hasMatch()) {
            error(at(tls, QStringLiteral("pinnedSha256")),
                  QStringLiteral("must be 64 hexadecimal digits (the SHA-256 of the gateway's certificate)"));
        }
        if (!env.tls.verifyPeer && env.tls.pinnedSha256.isEmpty() && env.tls.caCertificateFile.isEmpty()) {
            error(at(tls, QStringLiteral("verifyPeer")),
                  QStringLiteral("false needs pinnedSha256 or caCertificateFile: certificate checks are never "
                                 "switched off outright"));
        }

        url(env.ioTenantUrl, at(pointer, QStringLiteral("ioTenantUrl")), true);
        if (printable(env.ioTenantUser, at(pointer, QStringLiteral("tenantUser"))) &&
            (env.ioTenantUser.contains(QLatin1Char('/')) || env.ioTenantUser.trimmed() != env.ioTenantUser))
            error(at(pointer, QStringLiteral("tenantUser")),
                  quoted(env.ioTenantUser) +
                      QStringLiteral(" is not a tenant login (no '/' and no white space at either end)"));

        const QString oauth = at(pointer, QStringLiteral("oauth"));
        url(env.oauth.issuer, at(oauth, QStringLiteral("issuer")), false);
        url(env.oauth.authorizationEndpoint, at(oauth, QStringLiteral("authorizationEndpoint")), false);
        url(env.oauth.tokenEndpoint, at(oauth, QStringLiteral("tokenEndpoint")), false);
        url(env.oauth.jwksUri, at(oauth, QStringLiteral("jwksUri")), false);
        url(env.oauth.introspectionEndpoint, at(oauth, QStringLiteral("introspectionEndpoint")), false);
        url(env.oauth.revocationEndpoint, at(oauth, QStringLiteral("revocationEndpoint")), false);
        printable(env.oauth.clientId, at(oauth, QStringLiteral("clientId")));
        secretRef(env.oauth.clientSecret, at(oauth, QStringLiteral("clientSecretRef")));
        url(env.oauth.resource, at(oauth, QStringLiteral("resource")), false);
    }

    void project(const IoProject &project, const QString &pointer)
    {
        name(project.name, pointer, m_projects, QStringLiteral("project"));
        const QString uid = at(pointer, QStringLiteral("uid"));
        if (required(project.uid, uid))
            unique(m_projectUids, project.uid, pointer, QStringLiteral("project uid ") + quoted(project.uid), uid);
        if (!project.sensitivity.isEmpty() && !sensitivities().contains(project.sensitivity)) {
            error(at(pointer, QStringLiteral("sensitivity")),
                  quoted(project.sensitivity) + QStringLiteral(" is not one of ") + quotedList(sensitivities()));
        }
        QHash<QString, QString> integrations;
        const QString list = at(pointer, QStringLiteral("integrations"));
        for (qsizetype i = 0; i < project.integrations.size(); ++i) {
            const Integration &integration = project.integrations.at(i);
            const QString item = at(list, i);
            name(integration.name, item, integrations, QStringLiteral("integration"),
                 QStringLiteral(" in project ") + quoted(project.name));
            const QString path = at(item, QStringLiteral("path"));
            if (!required(integration.path, path))
                continue;
            static const QRegularExpression pathPattern(QStringLiteral("^/[^\\s?#]*$"));
            if (!pathPattern.match(integration.path).hasMatch()) {
                error(path, quoted(integration.path) +
                                QStringLiteral(" is not a path on the tenant (it starts with \"/\" and has no "
                                               "spaces, query or fragment)"));
            }
        }
    }

    void technicalUser(const TechnicalUser &user, const QString &pointer)
    {
        name(user.name, pointer, m_users, QStringLiteral("technical user"));
        const QString list = at(pointer, QStringLiteral("projects"));
        QHash<QString, QString> listed;
        for (qsizetype i = 0; i < user.projects.size(); ++i) {
            const QString &projectName = user.projects.at(i);
            const QString item = at(list, i);
            if (!m_workspace.project(projectName)) {
                error(item, QStringLiteral("unknown project ") + quoted(projectName));
                continue;
            }
            unique(listed, projectName, item, QStringLiteral("project ") + quoted(projectName), item);
        }
    }

    void alias(const Alias &alias, const QString &pointer)
    {
        name(alias.name, pointer, m_aliases, QStringLiteral("alias"));
        switch (alias.type) {
        case Alias::Type::HttpTransportSecurity: {
            const QString user = at(pointer, QStringLiteral("technicalUser"));
            if (required(alias.technicalUser, user) && !m_workspace.technicalUser(alias.technicalUser))
                error(user, QStringLiteral("unknown technical user ") + quoted(alias.technicalUser));
            const QString password = at(pointer, QStringLiteral("passwordRef"));
            if (!alias.password.isSet()) {
                error(password, QStringLiteral("an httpTransportSecurityAlias needs a keychain reference for its "
                                               "password, such as \"keychain:alias/%1\"")
                                    .arg(alias.name));
            }
            secretRef(alias.password, password);
            break;
        }
        case Alias::Type::Simple: {
            const QString value = at(pointer, QStringLiteral("value"));
            if (required(alias.value, value))
                placeholders(alias.value, value);
            break;
        }
        case Alias::Type::Endpoint: {
            const QString uri = at(pointer, QStringLiteral("endpointUri"));
            if (required(alias.endpointUri, uri))
                templatedUrl(alias.endpointUri, uri);
            if (alias.connectionTimeoutSeconds < 0)
                error(at(pointer, QStringLiteral("connectionTimeoutSeconds")), QStringLiteral("must not be negative"));
            if (alias.readTimeoutSeconds < 0)
                error(at(pointer, QStringLiteral("readTimeoutSeconds")), QStringLiteral("must not be negative"));
            break;
        }
        }
    }

    void proxy(const GatewayProxy &proxy, const QString &pointer)
    {
        const QString nameField = at(pointer, QStringLiteral("name"));
        const QString versionField = at(pointer, QStringLiteral("version"));
        bool hasName = required(proxy.name, nameField);
        bool hasVersion = required(proxy.version, versionField);
        // The gateway serves a proxy at /gateway/<name>/<version>: a '/' in either would make another path.
        for (const auto &[value, field, has] :
             {std::tuple{proxy.name, nameField, &hasName}, std::tuple{proxy.version, versionField, &hasVersion}}) {
            if (*has && (value.contains(QLatin1Char('/')) || value != value.trimmed())) {
                error(field,
                      quoted(value) + QStringLiteral(" must not contain '/' nor begin or end with white space "
                                                     "(the gateway serves the proxy at /gateway/<name>/<version>)"));
                *has = false;
            } else if (*has && !printable(value, field)) {
                *has = false;
            }
        }
        if (hasName && hasVersion) {
            unique(m_proxies, proxy.name + QChar(0) + proxy.version, pointer,
                   QStringLiteral("proxy %1 version %2").arg(quoted(proxy.name), quoted(proxy.version)), pointer);
        }

        const QString projectField = at(pointer, QStringLiteral("project"));
        const QString integrationField = at(pointer, QStringLiteral("integration"));
        const IoProject *project = nullptr;
        if (required(proxy.project, projectField)) {
            project = m_workspace.project(proxy.project);
            if (!project)
                error(projectField, QStringLiteral("unknown project ") + quoted(proxy.project));
        }
        if (required(proxy.integration, integrationField) && project && !project->integration(proxy.integration)) {
            error(integrationField, QStringLiteral("unknown integration %1 in project %2")
                                        .arg(quoted(proxy.integration), quoted(proxy.project)));
        }

        const QString scopes = at(at(pointer, QStringLiteral("inboundAuth")), QStringLiteral("scopes"));
        for (qsizetype i = 0; i < proxy.inbound.scopes.size(); ++i) {
            const QString &scope = proxy.inbound.scopes.at(i);
            if (!isScopeToken(scope)) {
                error(at(scopes, i),
                      quoted(scope) + QStringLiteral(" is not a valid OAuth scope (printable ASCII without "
                                                     "spaces, '\"' or '\\', RFC 6749 section 3.3)"));
            }
        }

        if (!proxy.routingEndpoint.isEmpty())
            routingEndpoint(proxy.routingEndpoint, at(pointer, QStringLiteral("routingEndpoint")));

        if (proxy.outbound.kind == OutboundAuth::Kind::Alias) {
            const QString aliasField = at(at(pointer, QStringLiteral("outboundAuth")), QStringLiteral("alias"));
            if (required(proxy.outbound.alias, aliasField)) {
                const Alias *alias = m_workspace.alias(proxy.outbound.alias);
                if (!alias) {
                    error(aliasField, QStringLiteral("unknown alias ") + quoted(proxy.outbound.alias));
                } else if (alias->type != Alias::Type::HttpTransportSecurity) {
                    error(aliasField, QStringLiteral("alias %1 is a %2 alias; Outbound Auth - Transport needs an "
                                                     "httpTransportSecurityAlias")
                                          .arg(quoted(alias->name), alias->type == Alias::Type::Simple
                                                                        ? QStringLiteral("simple")
                                                                        : QStringLiteral("endpoint")));
                }
            }
        }
    }

    /// Either a URL (placeholders and gateway variables allowed) or "${alias}..." naming a simple or
    /// endpoint alias, the gateway's way of making an endpoint differ per stage.
    void routingEndpoint(const QString &value, const QString &pointer)
    {
        if (value.startsWith(QLatin1String("${")) && !value.startsWith(QLatin1String("${sys:"))) {
            const qsizetype close = value.indexOf(QLatin1Char('}'));
            const QString aliasName = close > 2 ? value.mid(2, close - 2) : QString();
            const Alias *alias = m_workspace.alias(aliasName);
            if (!alias) {
                error(pointer, QStringLiteral("unknown alias ") + quoted(aliasName));
            } else if (alias->type == Alias::Type::HttpTransportSecurity) {
                error(pointer, QStringLiteral("alias %1 is an httpTransportSecurityAlias; a routing endpoint "
                                              "needs a simple or endpoint alias")
                                   .arg(quoted(aliasName)));
            }
            return;
        }
        templatedUrl(value, pointer);
    }

    const Workspace &m_workspace;
    QList<WorkspaceError> m_errors;
    QHash<QString, QString> m_environments;
    QHash<QString, QString> m_projects;
    QHash<QString, QString> m_projectUids;
    QHash<QString, QString> m_users;
    QHash<QString, QString> m_aliases;
    QHash<QString, QString> m_proxies;
};

} // namespace

QList<WorkspaceError> validate(const Workspace &workspace)
{
    return Validator(workspace).run();
}

QString urlProblem(const QString &url)
{
    return urlProblemShown(url, url);
}

} // namespace gw::WorkspaceValidator
