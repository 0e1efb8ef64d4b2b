// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace gw {

/// One call to a gateway proxy as the caller saw it: an HTTP answer, or a transport failure.
struct ObservedCall
{
    enum class Failure { None, ConnectionRefused, HostNotFound, Timeout, Tls, TooLarge, Other };
    QString method;
    QString url;
    bool sentBearer = true; ///< the request carried Authorization: Bearer
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Failure failure = Failure::None;
    QString failureText;

    QByteArray header(const QByteArray &name) const;
};

/// What the .io tenant recorded for the call, when the console can read the tenant's call record (the sandbox
/// tenant can). The user is empty when no valid credentials arrived.
struct TenantCallRecord
{
    QString path;
    QString project;
    QString integration;
    QString user;
    int status = 0;
};

/// What the diagnosis may know besides the answer: the workspace (which proxy, project, alias, technical user),
/// the environment, and the tenant's record of the call.
struct DiagnosisContext
{
    const Workspace *workspace = nullptr;
    QString environment;
    QString proxyName;
    QString proxyVersion;
    std::optional<TenantCallRecord> tenantCall;
};

/// Why a call failed (or that it worked), and the concrete fix.
struct Diagnosis
{
    enum class Kind {
        Success,
        // The gateway refused the token ("Identify & Authorize")
        TokenMissing,
        TokenExpired,
        TokenNotYetValid,
        TokenWrongAudience,
        TokenUntrustedIssuer,
        TokenBadSignature,
        TokenWrongType,
        TokenInactive,
        TokenMalformed,
        TokenInsufficientScope,
        TokenRejected,
        ApplicationNotIdentified,
        // The native provider (.io) refused the gateway's call
        OutboundAuthMissing,
        OutboundAuthNotDeployed,
        AliasCredentialsWrong,
        TechnicalUserWithoutRole,
        NativeUnauthorized,
        // Routing and protocol
        ApiNotFound,
        ApiInactive,
        ProtocolNotAllowed,
        IntegrationNotFound,
        BackendUnreachable,
        GatewayConfigurationError,
        GatewayError,
        BackendError,
        ClientError,
        Redirect,
        // Transport
        GatewayUnreachable,
        HostNotFound,
        Timeout,
        TlsFailure,
        ResponseTooLarge,
        TransportError,
    };
    enum class Origin { None, Transport, Gateway, NativeProvider };

    Kind kind = Kind::Success;
    Origin origin = Origin::None;
    QString title;                  ///< one line: what happened
    QString explanation;            ///< why, with the evidence
    QString fix;                    ///< what to do, concretely (names the alias, user, project, scope)
    bool retryWithNewToken = false; ///< an expired token: fetching a new one and retrying once may help
    QString suggestedAlias;         ///< for the outbound-auth fixes

    bool isSuccess() const { return kind == Kind::Success; }
    /// Stable lower-case code ("native-provider-outbound-auth-missing"), for JSON output and tests.
    QString code() const;
    static QString kindCode(Kind kind);
};

/// Explains a proxy call from the answer and what the workspace knows. Pure: no I/O.
namespace CallDiagnosis {

Diagnosis diagnose(const ObservedCall &call, const DiagnosisContext &context);

/// The httpTransportSecurityAlias that fits a project best: its technical user has a role on the project; with
/// the shared strategy the user covering most projects, otherwise the most dedicated one (fewest projects), then
/// by name. Empty when no alias fits.
QString aliasForProject(const Workspace &workspace, const QString &project);

/// The "Error Message" part of the gateway's runtime error body {"Exception": "... Error Message:  X. Request
/// Details: ..."}, or the whole Exception text; empty when the body is not such an error.
QString gatewayErrorMessage(const QByteArray &body);

} // namespace CallDiagnosis
} // namespace gw
