// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspacefile.h"

#include "cappedfileread.h"
#include "workspacevalidator.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <utility>

namespace gw::WorkspaceFile {

namespace {

// ---------------------------------------------------------------------------------------------
// Names the file uses for the model's enums. The first table entry is written for a value; the
// tables double as the "allowed values" list of an error message.

template<typename E> struct EnumName
{
    E value;
    QLatin1String name;
};

constexpr EnumName<CredentialStrategy> CredentialStrategies[] = {
    {CredentialStrategy::Shared, QLatin1String("shared")},
    {CredentialStrategy::PerProject, QLatin1String("perProject")},
    {CredentialStrategy::Custom, QLatin1String("custom")},
};
constexpr EnumName<Environment::AliasPasswordEncoding> PasswordEncodings[] = {
    {Environment::AliasPasswordEncoding::Base64, QLatin1String("base64")},
    {Environment::AliasPasswordEncoding::Plain, QLatin1String("plain")},
};
constexpr EnumName<OAuthServer::ClientAuthMethod> ClientAuthMethods[] = {
    {OAuthServer::ClientAuthMethod::Basic, QLatin1String("client_secret_basic")},
    {OAuthServer::ClientAuthMethod::Post, QLatin1String("client_secret_post")},
};
constexpr EnumName<Integration::Kind> IntegrationKinds[] = {
    {Integration::Kind::FlowService, QLatin1String("flow")},
    {Integration::Kind::Webhook, QLatin1String("webhook")},
};
constexpr EnumName<Alias::Type> AliasTypes[] = {
    {Alias::Type::HttpTransportSecurity, QLatin1String("httpTransportSecurityAlias")},
    {Alias::Type::Simple, QLatin1String("simple")},
    {Alias::Type::Endpoint, QLatin1String("endpoint")},
};
constexpr EnumName<InboundAuth::Kind> InboundKinds[] = {
    {InboundAuth::Kind::None, QLatin1String("none")},
    {InboundAuth::Kind::OAuth2Token, QLatin1String("oAuth2Token")},
    {InboundAuth::Kind::JwtClaims, QLatin1String("jwtClaims")},
};
constexpr EnumName<OutboundAuth::Kind> OutboundKinds[] = {
    {OutboundAuth::Kind::None, QLatin1String("none")},
    {OutboundAuth::Kind::Alias, QLatin1String("alias")},
};

template<typename E, std::size_t N> QString enumName(const EnumName<E> (&table)[N], E value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return table[0].name;
}

const QString KeychainPrefix = QStringLiteral("keychain:");

// ---------------------------------------------------------------------------------------------
// Writing: an ordered tree and a serializer of our own, because QJsonDocument sorts keys and the
// file's order (identity first, then settings, then children) is part of its readability.

struct Node
{
    enum class Kind { String, Integer, Boolean, Array, Object };
    Kind kind = Kind::Object;
    QString string;
    qint64 integer = 0;
    bool boolean = false;
    QList<Node> items;
    QList<std::pair<QString, Node>> members;

    static Node ofKind(Kind kind)
    {
        Node node;
        node.kind = kind;
        return node;
    }
    static Node text(const QString &value)
    {
        Node node = ofKind(Kind::String);
        node.string = value;
        return node;
    }
    static Node number(qint64 value)
    {
        Node node = ofKind(Kind::Integer);
        node.integer = value;
        return node;
    }
    static Node flag(bool value)
    {
        Node node = ofKind(Kind::Boolean);
        node.boolean = value;
        return node;
    }
    static Node array() { return ofKind(Kind::Array); }
    static Node object() { return ofKind(Kind::Object); }
    static Node strings(const QStringList &values)
    {
        Node node = array();
        for (const QString &value : values)
            node.items.append(text(value));
        return node;
    }

    Node &add(const QString &key, Node value)
    {
        members.append({key, std::move(value)});
        return *this;
    }
    Node &add(const QString &key, const QString &value) { return add(key, text(value)); }
    /// Optional strings are left out when empty, so a file only says what is set.
    Node &addIfSet(const QString &key, const QString &value)
    {
        if (!value.isEmpty())
            add(key, text(value));
        return *this;
    }
    Node &addSecretRef(const QString &key, const SecretRef &ref)
    {
        if (ref.isSet())
            add(key, text(KeychainPrefix + ref.key));
        return *this;
    }
};

void appendEscaped(QByteArray &out, const QString &value)
{
    QString escaped;
    escaped.reserve(value.size() + 2);
    escaped.append(QLatin1Char('"'));
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '"':
            escaped.append(QStringLiteral("\\\""));
            break;
        case '\\':
            escaped.append(QStringLiteral("\\\\"));
            break;
        case '\b':
            escaped.append(QStringLiteral("\\b"));
            break;
        case '\f':
            escaped.append(QStringLiteral("\\f"));
            break;
        case '\n':
            escaped.append(QStringLiteral("\\n"));
            break;
        case '\r':
            escaped.append(QStringLiteral("\\r"));
            break;
        case '\t':
            escaped.append(QStringLiteral("\\t"));
            break;
        default:
            if (c.unicode() < 0x20)
                escaped.append(QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')));
            else
                escaped.append(c);
        }
    }
    escaped.append(QLatin1Char('"'));
    out.append(escaped.toUtf8());
}

void serialize(QByteArray &out, const Node &node, int depth)
{
    const QByteArray indent(2 * (depth + 1), ' ');
    const QByteArray closingIndent(2 * depth, ' ');
    switch (node.kind) {
    case Node::Kind::String:
        appendEscaped(out, node.string);
        return;
    case Node::Kind::Integer:
        out.append(QByteArray::number(node.integer));
        return;
    case Node::Kind::Boolean:
        out.append(node.boolean ? "true" : "false");
        return;
    case Node::Kind::Array:
        if (node.items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (qsizetype i = 0; i < node.items.size(); ++i) {
            out.append(indent);
            serialize(out, node.items.at(i), depth + 1);
            out.append(i + 1 < node.items.size() ? ",\n" : "\n");
        }
        out.append(closingIndent).append(']');
        return;
    case Node::Kind::Object:
        if (node.members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        for (qsizetype i = 0; i < node.members.size(); ++i) {
            out.append(indent);
            appendEscaped(out, node.members.at(i).first);
            out.append(": ");
            serialize(out, node.members.at(i).second, depth + 1);
            out.append(i + 1 < node.members.size() ? ",\n" : "\n");
        }
        out.append(closingIndent).append('}');
        return;
    }
}

Node toNode(const Environment &environment)
{
    Node tls = Node::object();
    tls.add(QStringLiteral("verifyPeer"), Node::flag(environment.tls.verifyPeer))
        .addIfSet(QStringLiteral("caCertificateFile"), environment.tls.caCertificateFile)
        .addIfSet(QStringLiteral("pinnedSha256"), environment.tls.pinnedSha256);

    const OAuthServer &oauth = environment.oauth;
    Node oauthNode = Node::object();
    oauthNode.addIfSet(QStringLiteral("issuer"), oauth.issuer)
        .addIfSet(QStringLiteral("authorizationEndpoint"), oauth.authorizationEndpoint)
        .addIfSet(QStringLiteral("tokenEndpoint"), oauth.tokenEndpoint)
        .addIfSet(QStringLiteral("jwksUri"), oauth.jwksUri)
        .addIfSet(QStringLiteral("introspectionEndpoint"), oauth.introspectionEndpoint)
        .addIfSet(QStringLiteral("revocationEndpoint"), oauth.revocationEndpoint)
        .addIfSet(QStringLiteral("clientId"), oauth.clientId)
        .addSecretRef(QStringLiteral("clientSecretRef"), oauth.clientSecret)
        .addIfSet(QStringLiteral("audience"), oauth.audience)
        .addIfSet(QStringLiteral("resource"), oauth.resource);
    if (oauth.clientAuthMethod != OAuthServer::ClientAuthMethod::Basic)
        oauthNode.add(QStringLiteral("clientAuthMethod"), enumName(ClientAuthMethods, oauth.clientAuthMethod));

    Node node = Node::object();
    node.add(QStringLiteral("name"), environment.name)
        .add(QStringLiteral("gatewayUrl"), environment.gatewayUrl)
        .add(QStringLiteral("adminUser"), environment.adminUser)
        .addSecretRef(QStringLiteral("adminPasswordRef"), environment.adminPassword)
        .add(QStringLiteral("aliasPasswordEncoding"), enumName(PasswordEncodings, environment.aliasPasswordEncoding))
        .add(QStringLiteral("tls"), std::move(tls))
        .add(QStringLiteral("ioTenantUrl"), environment.ioTenantUrl)
        .addIfSet(QStringLiteral("tenantUser"), environment.ioTenantUser)
        .add(QStringLiteral("oauth"), std::move(oauthNode));
    if (environment.production)
        node.add(QStringLiteral("production"), Node::flag(true));
    return node;
}

Node toNode(const IoProject &project)
{
    Node integrations = Node::array();
    for (const Integration &integration : project.integrations) {
        Node item = Node::object();
        item.add(QStringLiteral("name"), integration.name)
            .add(QStringLiteral("kind"), enumName(IntegrationKinds, integration.kind))
            .add(QStringLiteral("path"), integration.path);
        integrations.items.append(std::move(item));
    }
    Node node = Node::object();
    node.add(QStringLiteral("name"), project.name)
        .add(QStringLiteral("uid"), project.uid)
        .addIfSet(QStringLiteral("sensitivity"), project.sensitivity)
        .add(QStringLiteral("integrations"), std::move(integrations));
    return node;
}

Node toNode(const TechnicalUser &user)
{
    Node node = Node::object();
    node.add(QStringLiteral("name"), user.name)
        .addIfSet(QStringLiteral("description"), user.description)
        .add(QStringLiteral("projects"), Node::strings(user.projects));
    return node;
}

Node toNode(const Alias &alias)
{
    Node node = Node::object();
    node.add(QStringLiteral("name"), alias.name)
        .add(QStringLiteral("type"), enumName(AliasTypes, alias.type))
        .addIfSet(QStringLiteral("description"), alias.description);
    switch (alias.type) {
    case Alias::Type::HttpTransportSecurity:
        node.add(QStringLiteral("technicalUser"), alias.technicalUser)
            .addSecretRef(QStringLiteral("passwordRef"), alias.password);
        break;
    case Alias::Type::Simple:
        node.add(QStringLiteral("value"), alias.value);
        break;
    case Alias::Type::Endpoint:
        node.add(QStringLiteral("endpointUri"), alias.endpointUri)
            .add(QStringLiteral("connectionTimeoutSeconds"), Node::number(alias.connectionTimeoutSeconds))
            .add(QStringLiteral("readTimeoutSeconds"), Node::number(alias.readTimeoutSeconds));
        break;
    }
    return node;
}

Node toNode(const GatewayProxy &proxy)
{
    Node inbound = Node::object();
    inbound.add(QStringLiteral("kind"), enumName(InboundKinds, proxy.inbound.kind))
        .add(QStringLiteral("scopes"), Node::strings(proxy.inbound.scopes));
    Node outbound = Node::object();
    outbound.add(QStringLiteral("kind"), enumName(OutboundKinds, proxy.outbound.kind));
    if (proxy.outbound.kind == OutboundAuth::Kind::Alias)
        outbound.add(QStringLiteral("alias"), proxy.outbound.alias);

    Node node = Node::object();
    node.add(QStringLiteral("name"), proxy.name)
        .add(QStringLiteral("version"), proxy.version)
        .addIfSet(QStringLiteral("description"), proxy.description)
        .add(QStringLiteral("project"), proxy.project)
        .add(QStringLiteral("integration"), proxy.integration)
        .add(QStringLiteral("inboundAuth"), std::move(inbound))
        .addIfSet(QStringLiteral("routingEndpoint"), proxy.routingEndpoint)
        .add(QStringLiteral("outboundAuth"), std::move(outbound))
        .add(QStringLiteral("active"), Node::flag(proxy.active));
    return node;
}

template<typename T> Node listNode(const QList<T> &list)
{
    Node node = Node::array();
    for (const T &item : list)
        node.items.append(toNode(item));
    return node;
}

// ---------------------------------------------------------------------------------------------
// Reading.

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

/// 1-based line and column (in characters) of a byte offset.
QString lineAndColumn(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(data.at(i));
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

/// A problem the structure scan finds: where (byte offset) and what.
struct StructureProblem
{
    qsizetype offset = -1;
    QString message;
};

/// Scans the file ahead of the parser for what QJsonDocument accepts silently or expensively:
/// arrays and objects nested deeper than the limit (a hostile file costs neither deep recursion nor
/// a large tree) and a key given twice in one object (the parser keeps the last one without a word).
/// Syntax is the parser's business; on malformed input this scan may miss things but never fails.
std::optional<StructureProblem> scanStructure(const QByteArray &data)
{
    struct Frame
    {
        bool isObject = false;
        QSet<QByteArray> keys;
    };
    QList<Frame> stack;
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data.at(i);
        switch (c) {
        case '"': {
            const qsizetype start = i;
            bool escaped = false;
            for (++i; i < data.size(); ++i) {
                if (escaped)
                    escaped = false;
                else if (data.at(i) == '\\')
                    escaped = true;
                else if (data.at(i) == '"')
                    break;
            }
            if (stack.isEmpty() || !stack.last().isObject)
                break;
            qsizetype next = i + 1;
            while (next < data.size() && isSpace(data.at(next)))
                ++next;
            if (next >= data.size() || data.at(next) != ':')
                break;
            const QByteArray key = data.mid(start + 1, i - start - 1);
            // Shown shortened: the key is the file's text, not ours.
            if (stack.last().keys.contains(key)) {
                return StructureProblem{
                    start, QStringLiteral("the key %1 appears twice in the same object")
                               .arg(QLatin1Char('"') + QString::fromUtf8(key.left(80)) + QLatin1Char('"'))};
            }
            stack.last().keys.insert(key);
            break;
        }
        case '{':
        case '[':
            if (stack.size() >= MaxNestingDepth) {
                return StructureProblem{
                    i, QStringLiteral("arrays and objects are nested deeper than %1 levels").arg(MaxNestingDepth)};
            }
            stack.append(Frame{c == '{', {}});
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

/// Keys that would hold a secret value. Compared case-insensitively, ignoring '_' and '-'.
const QSet<QString> &secretKeyNames()
{
    static const QSet<QString> names = {
        QStringLiteral("password"),     QStringLiteral("passwd"),      QStringLiteral("secret"),
        QStringLiteral("clientsecret"), QStringLiteral("token"),       QStringLiteral("accesstoken"),
        QStringLiteral("refreshtoken"), QStringLiteral("idtoken"),     QStringLiteral("apikey"),
        QStringLiteral("privatekey"),   QStringLiteral("credentials"),
    };
    return names;
}

bool isSecretKey(const QString &key)
{
    QString normalized = key.toLower();
    normalized.remove(QLatin1Char('_'));
    normalized.remove(QLatin1Char('-'));
    return secretKeyNames().contains(normalized);
}

class Reader
{
public:
    void error(const QString &pointer, const QString &message) { m_errors.append({pointer, message}); }
    const QList<WorkspaceError> &errors() const { return m_errors; }
    bool hasErrors() const { return !m_errors.isEmpty(); }

    void findSecrets(const QJsonValue &value, const QString &pointer)
    {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QString child = pointer + QLatin1Char('/') + WorkspaceError::escapeToken(it.key());
                if (isSecretKey(it.key()))
                    error(child, QStringLiteral("secrets are not stored in workspace files; put it in the keychain"));
                else
                    findSecrets(it.value(), child);
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                findSecrets(array.at(i), pointer + QLatin1Char('/') + QString::number(i));
        }
    }

private:
    QList<WorkspaceError> m_errors;
};

/// Reads the fields of one JSON object, reporting wrong types and missing fields, and at the end
/// the fields it did not ask for.
class ObjectReader
{
public:
    enum Need { Optional, Required };

    ObjectReader(Reader &reader, const QJsonObject &object, const QString &pointer, const QString &what)
        : m_reader(reader)
        , m_object(object)
        , m_pointer(pointer)
        , m_what(what)
    {}
    ~ObjectReader() { reportUnknownFields(); }
    ObjectReader(const ObjectReader &) = delete;
    ObjectReader &operator=(const ObjectReader &) = delete;

    QString pointer(const QString &key) const
    {
        return m_pointer + QLatin1Char('/') + WorkspaceError::escapeToken(key);
    }
    bool has(const QString &key) const { return m_object.contains(key); }

    QString string(const QString &key, Need need)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return {};
        if (!value.isString()) {
            wrongType(key, value, QStringLiteral("a string"));
            return {};
        }
        return value.toString();
    }

    bool boolean(const QString &key, bool defaultValue)
    {
        const QJsonValue value = take(key, Optional);
        if (value.isUndefined())
            return defaultValue;
        if (!value.isBool()) {
            wrongType(key, value, QStringLiteral("a boolean"));
            return defaultValue;
        }
        return value.toBool();
    }

    int integer(const QString &key, Need need, int defaultValue)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return defaultValue;
        const double number = value.toDouble();
        if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number)) || std::abs(number) > 1e9) {
            wrongType(key, value, QStringLiteral("an integer"));
            return defaultValue;
        }
        return static_cast<int>(number);
    }

    template<typename E, std::size_t N>
    E enumeration(const QString &key, Need need, const EnumName<E> (&table)[N], E defaultValue)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return defaultValue;
        if (!value.isString()) {
            wrongType(key, value, QStringLiteral("a string"));
            return defaultValue;
        }
        const QString text = value.toString();
        QStringList allowed;
        for (const auto &entry : table) {
            if (text == entry.name)
                return entry.value;
            allowed.append(quoted(entry.name));
        }
        m_reader.error(pointer(key),
                       quoted(text) + QStringLiteral(" is not one of ") + allowed.join(QStringLiteral(", ")));
        return defaultValue;
    }

    /// A "keychain:<kind>/<name>" reference. The value is never echoed: it may be a pasted secret.
    SecretRef secretRef(const QString &key)
    {
        const QString text = string(key, Optional);
        if (text.isEmpty())
            return {};
        if (!text.startsWith(KeychainPrefix)) {
            m_reader.error(pointer(key),
                           QStringLiteral("must be a keychain reference such as \"keychain:alias/io-orders-basic\"; "
                                          "secrets are not stored in workspace files"));
            return {};
        }
        return SecretRef{text.mid(KeychainPrefix.size())};
    }

    QStringList strings(const QString &key, Need need)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            wrongType(key, value, QStringLiteral("an array of strings"));
            return {};
        }
        QStringList result;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue item = array.at(i);
            if (!item.isString()) {
                m_reader.error(pointer(key) + QLatin1Char('/') + QString::number(i),
                               QStringLiteral("expected a string, found ") + describeType(item));
                continue;
            }
            result.append(item.toString());
        }
        return result;
    }

    /// An array of objects; elements that are not objects are reported and skipped.
    QList<std::pair<QJsonObject, QString>> objects(const QString &key, Need need)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            wrongType(key, value, QStringLiteral("an array"));
            return {};
        }
        QList<std::pair<QJsonObject, QString>> result;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString itemPointer = pointer(key) + QLatin1Char('/') + QString::number(i);
            const QJsonValue item = array.at(i);
            if (!item.isObject()) {
                m_reader.error(itemPointer, QStringLiteral("expected an object, found ") + describeType(item));
                continue;
            }
            result.append({item.toObject(), itemPointer});
        }
        return result;
    }

    /// A nested object; nullopt when absent or not an object.
    std::optional<QJsonObject> object(const QString &key, Need need)
    {
        const QJsonValue value = take(key, need);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            wrongType(key, value, QStringLiteral("an object"));
            return std::nullopt;
        }
        return value.toObject();
    }

    /// Marks a field as known without reading it.
    void skip(const QString &key) { m_known.insert(key); }

private:
    QJsonValue take(const QString &key, Need need)
    {
        m_known.insert(key);
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd()) {
            if (need == Required)
                m_reader.error(m_pointer, QStringLiteral("missing required field ") + quoted(key));
            return QJsonValue(QJsonValue::Undefined);
        }
        return it.value();
    }

    void wrongType(const QString &key, const QJsonValue &value, const QString &expected)
    {
        m_reader.error(pointer(key),
                       QStringLiteral("expected ") + expected + QStringLiteral(", found ") + describeType(value));
    }

    void reportUnknownFields()
    {
        QStringList unknown;
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            // Secret-looking keys were already reported with their own reason.
            if (!m_known.contains(it.key()) && !isSecretKey(it.key()))
                unknown.append(it.key());
        }
        if (unknown.isEmpty())
            return;
        QStringList known = m_known.values();
        known.sort();
        for (const QString &key : std::as_const(unknown))
            m_reader.error(pointer(key), QStringLiteral("unknown field in ") + m_what + QStringLiteral(" (known: ") +
                                             known.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }

    Reader &m_reader;
    QJsonObject m_object;
    QString m_pointer;
    QString m_what;
    QSet<QString> m_known;
};

Environment readEnvironment(Reader &reader, const QJsonObject &object, const QString &pointer)
{
    Environment environment;
    ObjectReader fields(reader, object, pointer, QStringLiteral("an environment"));
    environment.name = fields.string(QStringLiteral("name"), ObjectReader::Required);
    environment.gatewayUrl = fields.string(QStringLiteral("gatewayUrl"), ObjectReader::Required);
    environment.adminUser = fields.string(QStringLiteral("adminUser"), ObjectReader::Required);
    environment.adminPassword = fields.secretRef(QStringLiteral("adminPasswordRef"));
    environment.aliasPasswordEncoding =
        fields.enumeration(QStringLiteral("aliasPasswordEncoding"), ObjectReader::Optional, PasswordEncodings,
                           Environment::AliasPasswordEncoding::Base64);
    if (const auto tls = fields.object(QStringLiteral("tls"), ObjectReader::Optional)) {
        ObjectReader tlsFields(reader, *tls, fields.pointer(QStringLiteral("tls")), QStringLiteral("tls"));
        environment.tls.verifyPeer = tlsFields.boolean(QStringLiteral("verifyPeer"), true);
        environment.tls.caCertificateFile =
            tlsFields.string(QStringLiteral("caCertificateFile"), ObjectReader::Optional);
        environment.tls.pinnedSha256 = tlsFields.string(QStringLiteral("pinnedSha256"), ObjectReader::Optional);
    }
    environment.ioTenantUrl = fields.string(QStringLiteral("ioTenantUrl"), ObjectReader::Required);
    environment.ioTenantUser = fields.string(QStringLiteral("tenantUser"), ObjectReader::Optional);
    environment.production = fields.boolean(QStringLiteral("production"), false);
    if (const auto oauth = fields.object(QStringLiteral("oauth"), ObjectReader::Optional)) {
        ObjectReader o(reader, *oauth, fields.pointer(QStringLiteral("oauth")), QStringLiteral("oauth"));
        OAuthServer &server = environment.oauth;
        server.issuer = o.string(QStringLiteral("issuer"), ObjectReader::Optional);
        server.authorizationEndpoint = o.string(QStringLiteral("authorizationEndpoint"), ObjectReader::Optional);
        server.tokenEndpoint = o.string(QStringLiteral("tokenEndpoint"), ObjectReader::Optional);
        server.jwksUri = o.string(QStringLiteral("jwksUri"), ObjectReader::Optional);
        server.introspectionEndpoint = o.string(QStringLiteral("introspectionEndpoint"), ObjectReader::Optional);
        server.revocationEndpoint = o.string(QStringLiteral("revocationEndpoint"), ObjectReader::Optional);
        server.clientId = o.string(QStringLiteral("clientId"), ObjectReader::Optional);
        server.clientSecret = o.secretRef(QStringLiteral("clientSecretRef"));
        server.audience = o.string(QStringLiteral("audience"), ObjectReader::Optional);
        server.clientAuthMethod = o.enumeration(QStringLiteral("clientAuthMethod"), ObjectReader::Optional,
                                                ClientAuthMethods, OAuthServer::ClientAuthMethod::Basic);
        server.resource = o.string(QStringLiteral("resource"), ObjectReader::Optional);
    }
    return environment;
}

IoProject readProject(Reader &reader, const QJsonObject &object, const QString &pointer)
{
    IoProject project;
    ObjectReader fields(reader, object, pointer, QStringLiteral("a project"));
    project.name = fields.string(QStringLiteral("name"), ObjectReader::Required);
    project.uid = fields.string(QStringLiteral("uid"), ObjectReader::Required);
    project.sensitivity = fields.string(QStringLiteral("sensitivity"), ObjectReader::Optional);
    const auto integrations = fields.objects(QStringLiteral("integrations"), ObjectReader::Required);
    for (const auto &[item, itemPointer] : integrations) {
        ObjectReader i(reader, item, itemPointer, QStringLiteral("an integration"));
        Integration integration;
        integration.name = i.string(QStringLiteral("name"), ObjectReader::Required);
        integration.kind = i.enumeration(QStringLiteral("kind"), ObjectReader::Required, IntegrationKinds,
                                         Integration::Kind::FlowService);
        integration.path = i.string(QStringLiteral("path"), ObjectReader::Required);
        project.integrations.append(integration);
    }
    return project;
}

TechnicalUser readTechnicalUser(Reader &reader, const QJsonObject &object, const QString &pointer)
{
    TechnicalUser user;
    ObjectReader fields(reader, object, pointer, QStringLiteral("a technical user"));
    user.name = fields.string(QStringLiteral("name"), ObjectReader::Required);
    user.description = fields.string(QStringLiteral("description"), ObjectReader::Optional);
    user.projects = fields.strings(QStringLiteral("projects"), ObjectReader::Required);
    return user;
}

Alias readAlias(Reader &reader, const QJsonObject &object, const QString &pointer)
{
    Alias alias;
    ObjectReader fields(reader, object, pointer, QStringLiteral("an alias"));
    alias.name = fields.string(QStringLiteral("name"), ObjectReader::Required);
    const qsizetype errorsBefore = reader.errors().size();
    alias.type = fields.enumeration(QStringLiteral("type"), ObjectReader::Required, AliasTypes,
                                    Alias::Type::HttpTransportSecurity);
    if (reader.errors().size() != errorsBefore) {
        // Without a known type the other fields cannot be judged; don't pile up noise about them.
        for (const QString &key : object.keys())
            fields.skip(key);
        return alias;
    }
    alias.description = fields.string(QStringLiteral("description"), ObjectReader::Optional);
    switch (alias.type) {
    case Alias::Type::HttpTransportSecurity:
        alias.technicalUser = fields.string(QStringLiteral("technicalUser"), ObjectReader::Required);
        alias.password = fields.secretRef(QStringLiteral("passwordRef"));
        break;
    case Alias::Type::Simple:
        alias.value = fields.string(QStringLiteral("value"), ObjectReader::Required);
        break;
    case Alias::Type::Endpoint:
        alias.endpointUri = fields.string(QStringLiteral("endpointUri"), ObjectReader::Required);
        alias.connectionTimeoutSeconds =
            fields.integer(QStringLiteral("connectionTimeoutSeconds"), ObjectReader::Optional, 30);
        alias.readTimeoutSeconds = fields.integer(QStringLiteral("readTimeoutSeconds"), ObjectReader::Optional, 30);
        break;
    }
    return alias;
}

GatewayProxy readProxy(Reader &reader, const QJsonObject &object, const QString &pointer)
{
    GatewayProxy proxy;
    ObjectReader fields(reader, object, pointer, QStringLiteral("a proxy"));
    proxy.name = fields.string(QStringLiteral("name"), ObjectReader::Required);
    proxy.version = fields.string(QStringLiteral("version"), ObjectReader::Required);
    proxy.description = fields.string(QStringLiteral("description"), ObjectReader::Optional);
    proxy.project = fields.string(QStringLiteral("project"), ObjectReader::Required);
    proxy.integration = fields.string(QStringLiteral("integration"), ObjectReader::Required);
    if (const auto inbound = fields.object(QStringLiteral("inboundAuth"), ObjectReader::Required)) {
        ObjectReader i(reader, *inbound, fields.pointer(QStringLiteral("inboundAuth")), QStringLiteral("inboundAuth"));
        proxy.inbound.kind =
            i.enumeration(QStringLiteral("kind"), ObjectReader::Required, InboundKinds, InboundAuth::Kind::OAuth2Token);
        proxy.inbound.scopes = i.strings(QStringLiteral("scopes"), ObjectReader::Optional);
    }
    proxy.routingEndpoint = fields.string(QStringLiteral("routingEndpoint"), ObjectReader::Optional);
    if (const auto outbound = fields.object(QStringLiteral("outboundAuth"), ObjectReader::Required)) {
        const QString outboundPointer = fields.pointer(QStringLiteral("outboundAuth"));
        ObjectReader o(reader, *outbound, outboundPointer, QStringLiteral("outboundAuth"));
        const qsizetype errorsBefore = reader.errors().size();
        proxy.outbound.kind =
            o.enumeration(QStringLiteral("kind"), ObjectReader::Required, OutboundKinds, OutboundAuth::Kind::Alias);
        if (reader.errors().size() != errorsBefore) {
            o.skip(QStringLiteral("alias")); // whether it belongs depends on the kind, which is wrong
        } else if (proxy.outbound.kind == OutboundAuth::Kind::Alias) {
            proxy.outbound.alias = o.string(QStringLiteral("alias"), ObjectReader::Required);
        } else if (outbound->contains(QStringLiteral("alias"))) {
            o.skip(QStringLiteral("alias"));
            reader.error(o.pointer(QStringLiteral("alias")), QStringLiteral("only allowed when kind is \"alias\""));
        }
    }
    proxy.active = fields.boolean(QStringLiteral("active"), true);
    return proxy;
}

Workspace readWorkspace(Reader &reader, const QJsonObject &root)
{
    Workspace workspace;
    ObjectReader fields(reader, root, QString(), QStringLiteral("a workspace"));
    fields.skip(QStringLiteral("format"));
    fields.skip(QStringLiteral("schemaVersion"));
    workspace.name = fields.string(QStringLiteral("name"), ObjectReader::Optional);
    workspace.credentialStrategy = fields.enumeration(QStringLiteral("credentialStrategy"), ObjectReader::Required,
                                                      CredentialStrategies, CredentialStrategy::Shared);
    for (const auto &[item, pointer] : fields.objects(QStringLiteral("environments"), ObjectReader::Required))
        workspace.environments.append(readEnvironment(reader, item, pointer));
    for (const auto &[item, pointer] : fields.objects(QStringLiteral("projects"), ObjectReader::Required))
        workspace.projects.append(readProject(reader, item, pointer));
    for (const auto &[item, pointer] : fields.objects(QStringLiteral("technicalUsers"), ObjectReader::Required))
        workspace.technicalUsers.append(readTechnicalUser(reader, item, pointer));
    for (const auto &[item, pointer] : fields.objects(QStringLiteral("aliases"), ObjectReader::Required))
        workspace.aliases.append(readAlias(reader, item, pointer));
    for (const auto &[item, pointer] : fields.objects(QStringLiteral("proxies"), ObjectReader::Required))
        workspace.proxies.append(readProxy(reader, item, pointer));
    return workspace;
}

/// The format marker and schema version; false when the rest of the file must not be read.
bool checkFormat(Reader &reader, const QJsonObject &root)
{
    const QJsonValue format = root.value(QStringLiteral("format"));
    if (format.isUndefined()) {
        reader.error(QString(),
                     QStringLiteral("not a Gatewright workspace: missing \"format\": \"%1\"").arg(FormatName));
        return false;
    }
    if (format.toString() != FormatName) {
        reader.error(QStringLiteral("/format"),
                     QStringLiteral("not a Gatewright workspace: expected \"%1\"").arg(FormatName));
        return false;
    }
    const QJsonValue version = root.value(QStringLiteral("schemaVersion"));
    if (version.isUndefined()) {
        reader.error(QString(), QStringLiteral("missing required field \"schemaVersion\""));
        return false;
    }
    const double number = version.toDouble();
    if (!version.isDouble() || number != static_cast<double>(static_cast<qint64>(number)) || number < 1) {
        reader.error(QStringLiteral("/schemaVersion"),
                     QStringLiteral("expected a positive integer, found ") + describeType(version));
        return false;
    }
    if (number > SchemaVersion) {
        const QString shown =
            number > 1e9 ? QStringLiteral("%1").arg(number, 0, 'g', 3) : QString::number(static_cast<qint64>(number));
        reader.error(QStringLiteral("/schemaVersion"),
                     QStringLiteral("this file was written by a newer Gatewright (schema %1); this version reads "
                                    "schema %2 \u2014 upgrade Gatewright")
                         .arg(shown)
                         .arg(SchemaVersion));
        return false;
    }
    return true;
}

WorkspaceReadResult failure(QList<WorkspaceError> errors)
{
    if (errors.size() > MaxReportedErrors) {
        const qsizetype more = errors.size() - MaxReportedErrors;
        errors.resize(MaxReportedErrors);
        errors.append({QString(), QStringLiteral("%1 more errors not shown").arg(more)});
    }
    return WorkspaceReadResult{std::nullopt, std::move(errors)};
}

WorkspaceReadResult failure(const QString &pointer, const QString &message)
{
    return failure(QList<WorkspaceError>{{pointer, message}});
}

QString tooLargeMessage(qint64 size)
{
    return QStringLiteral("the file is %1 bytes; workspace files are limited to %2 MiB")
        .arg(size)
        .arg(MaxFileSize / (1024 * 1024));
}

} // namespace

QByteArray toJson(const Workspace &workspace)
{
    Node root = Node::object();
    root.add(QStringLiteral("format"), QString(FormatName))
        .add(QStringLiteral("schemaVersion"), Node::number(SchemaVersion))
        .add(QStringLiteral("name"), workspace.name)
        .add(QStringLiteral("credentialStrategy"), enumName(CredentialStrategies, workspace.credentialStrategy))
        .add(QStringLiteral("environments"), listNode(workspace.environments))
        .add(QStringLiteral("projects"), listNode(workspace.projects))
        .add(QStringLiteral("technicalUsers"), listNode(workspace.technicalUsers))
        .add(QStringLiteral("aliases"), listNode(workspace.aliases))
        .add(QStringLiteral("proxies"), listNode(workspace.proxies));
    QByteArray out;
    serialize(out, root, 0);
    out.append('\n');
    return out;
}

WorkspaceReadResult fromJson(const QByteArray &input)
{
    if (input.size() > MaxFileSize)
        return failure(QString(), tooLargeMessage(input.size()));
    QByteArray json = input;
    if (json.startsWith("\xEF\xBB\xBF"))
        json.remove(0, 3); // tolerate a BOM some editors add; it is not written back
    if (json.trimmed().isEmpty())
        return failure(QString(), QStringLiteral("the file is empty"));

    if (const auto problem = scanStructure(json))
        return failure(QString(), lineAndColumn(json, problem->offset) + QStringLiteral(": ") + problem->message);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return failure(QString(), lineAndColumn(json, parseError.offset) + QStringLiteral(": invalid JSON: ") +
                                      parseError.errorString());
    }
    if (!document.isObject())
        return failure(QString(), QStringLiteral("the top level must be a JSON object, found an array"));

    const QJsonObject root = document.object();
    Reader reader;
    reader.findSecrets(root, QString());
    if (reader.hasErrors())
        return failure(reader.errors());
    if (!checkFormat(reader, root))
        return failure(reader.errors());

    Workspace workspace = readWorkspace(reader, root);
    if (reader.hasErrors())
        return failure(reader.errors());

    // Values and cross-references only once the shape is right: a malformed entry would otherwise
    // show up again as a dangling reference somewhere else.
    QList<WorkspaceError> errors = WorkspaceValidator::validate(workspace);
    if (!errors.isEmpty())
        return failure(std::move(errors));
    return WorkspaceReadResult{std::move(workspace), {}};
}

WorkspaceReadResult read(const QString &path)
{
    // A FIFO would block open() and /dev/zero would never end: only regular files are read.
    const CappedFileRead file = readCappedRegularFile(path, MaxFileSize, QStringLiteral("the workspace file"));
    if (!file.ok())
        return failure(QString(), file.error);
    return fromJson(file.data);
}

bool write(const Workspace &workspace, const QString &path, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    const QList<WorkspaceError> problems = WorkspaceValidator::validate(workspace);
    if (!problems.isEmpty()) {
        return fail(QStringLiteral("%1 was not saved: the workspace has %2 %3; the first is %4")
                        .arg(quoted(path))
                        .arg(problems.size())
                        .arg(problems.size() == 1 ? QStringLiteral("problem") : QStringLiteral("problems"),
                             problems.constFirst().toString()));
    }

    const QByteArray json = toJson(workspace);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot save %1: %2").arg(quoted(path), file.errorString()));
    // The file names keychain entries and hosts; keep it to its owner like other credentials metadata.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(json) != json.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(QStringLiteral("cannot save %1: %2").arg(quoted(path), reason));
    }
    if (!file.commit())
        return fail(QStringLiteral("cannot save %1: %2").arg(quoted(path), file.errorString()));
    return true;
}

} // namespace gw::WorkspaceFile
