// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox.h"

#include "adminapi.h"
#include "gatewaysocket.h"
#include "sandboxlog.h"
#include "version.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSaveFile>

namespace gw {

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

Sandbox::Sandbox(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_gateway.setMaxBodyBytes(m_options.maxBodyBytes);
    m_gateway.setAllowRemote(m_options.allowRemote);
    m_gateway.setHangMilliseconds(m_options.hangMilliseconds);
    m_state.setMasksAliasSecrets(m_options.maskAliasSecrets);
    for (const QString &text : std::as_const(m_options.faults)) {
        QString error;
        if (const auto rule = FaultRule::parse(text, &error))
            m_gateway.faults().add(*rule);
    }
    m_admin = std::make_unique<AdminApi>(m_state, m_gateway, m_options.adminUser, m_options.adminPassword);

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(0);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { flushState(); });
    connect(&m_state, &SandboxState::changed, this, [this] {
        if (!m_persisting)
            return;
        m_savePending = true;
        m_saveTimer.start();
    });
}

Sandbox::~Sandbox()
{
    flushState();
}

bool Sandbox::listen(QString *error)
{
    const QHostAddress address(m_options.host);
    auto *tcpServer = new GatewayTcpServer(m_options.maxBodyBytes, &m_gateway);
    if (!tcpServer->listen(address, m_options.port)) {
        *error = QStringLiteral("cannot listen on %1:%2 for the gateway: %3")
                     .arg(m_options.host)
                     .arg(m_options.port)
                     .arg(tcpServer->errorString());
        delete tcpServer;
        return false;
    }
    m_gateway.bind(tcpServer);
    m_port = tcpServer->serverPort();
    const QString base = gatewayUrl().toString();
    addStartupInfo(key("gateway"), QJsonObject{{key("url"), base},
                                               {key("adminUrl"), QString(base + AdminApi::basePath)},
                                               {key("runtimeUrl"), QString(base + QStringLiteral("/gateway"))}});
    qCInfo(lcSandbox) << "gateway listening on" << base;
    return true;
}

QUrl Sandbox::urlForPort(quint16 port) const
{
    QHostAddress address(m_options.host);
    QString host = m_options.host;
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 || address == QHostAddress::Any)
        host = QStringLiteral("127.0.0.1");
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    return url;
}

QUrl Sandbox::gatewayUrl() const
{
    return urlForPort(m_port);
}

void Sandbox::addGatewayHandler(const QString &pathPrefix, GatewayServer::Handler handler)
{
    m_gateway.addPrefixHandler(pathPrefix, std::move(handler));
}

void Sandbox::addStartupInfo(const QString &section, const QJsonObject &fields)
{
    QJsonObject merged = m_startupInfo.value(section).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        merged.insert(it.key(), it.value());
    m_startupInfo.insert(section, merged);
}

QByteArray Sandbox::startupLine() const
{
    QJsonObject line = m_startupInfo;
    line.insert(key("sandbox"), QJsonObject{{key("name"), key("gatewright-sandbox")},
                                            {key("version"), QStringLiteral(GATEWRIGHT_VERSION)},
                                            {key("pid"), qint64(QCoreApplication::applicationPid())},
                                            {key("seed"), m_options.seed},
                                            {key("stateFile"), m_options.stateFile}});
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

bool Sandbox::loadStateFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the state file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("the state file %1 is not a JSON object (%2)").arg(path, parseError.errorString());
        return false;
    }
    QString reason;
    if (!m_state.loadJson(document.object(), &reason)) {
        *error = QStringLiteral("the state file %1 is not valid: %2").arg(path, reason);
        return false;
    }
    return true;
}

bool Sandbox::initializeState(QString *error)
{
    if (!m_options.stateFile.isEmpty() && QFile::exists(m_options.stateFile)) {
        if (!loadStateFile(m_options.stateFile, error))
            return false;
    } else if (m_options.seed == QLatin1String("demo")) {
        if (m_demoSeeder)
            m_demoSeeder(m_state);
    } else if (m_options.seed != QLatin1String("empty")) {
        if (!loadStateFile(m_options.seed, error))
            return false;
    }
    m_state.addSystemAliases(); // every installation has them, whatever the seed
    // A script started with --seed demo gets the credentials even when --state restored the content.
    if (m_options.isDemo())
        addStartupInfo(key("credentials"),
                       QJsonObject{{key("gatewayAdmin"), QJsonObject{{key("username"), m_options.adminUser},
                                                                     {key("password"), m_options.adminPassword}}}});
    if (!m_options.stateFile.isEmpty()) {
        m_persisting = true;
        m_savePending = true;
        return flushState(error);
    }
    return true;
}

bool Sandbox::flushState(QString *error)
{
    if (!m_persisting || !m_savePending)
        return true;
    m_savePending = false;
    QSaveFile file(m_options.stateFile);
    // The state holds alias passwords, like the product's archive: readable by the owner only.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(QJsonDocument(m_state.toJson()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        const QString message =
            QStringLiteral("cannot write the state file %1: %2").arg(m_options.stateFile, file.errorString());
        qCWarning(lcSandbox).noquote() << message;
        if (error)
            *error = message;
        return false;
    }
    return true;
}

} // namespace gw
