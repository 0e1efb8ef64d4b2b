// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QJsonObject>
#include <QString>

/// How pull and plan show proxies and aliases to a person and in JSON: one wording for the CLI,
/// the GUI and the audit log. Secrets are never shown, only whether one is set.
namespace gw::SyncFormat {

QString proxyKey(const GatewayProxy &proxy);
QString inboundText(const InboundAuth &inbound);
QString outboundText(const OutboundAuth &outbound);
QString aliasTypeText(Alias::Type type);
QString aliasTypeGatewayName(Alias::Type type);
QString activeText(bool active);
/// Replaces every character of a secret by one mask, with a fixed length so it reveals nothing.
QString maskedSecret(bool set);

QJsonObject proxyToJson(const GatewayProxy &proxy);
QJsonObject aliasToJson(const Alias &alias);

} // namespace gw::SyncFormat
