// SPDX-License-Identifier: GPL-3.0-or-later
// The console's readers of API Gateway admin JSON (app/net/gatewayjson): APIs, policies and their enforcements,
// policy actions (identify & authorize, routing, outbound transport auth), aliases. Any reply gives values or an
// error text, never a crash; what the console writes over a reply it read keeps the managed values it wrote.
#include "fuzzsupport.h"

#include "net/gatewayjson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace gw;

namespace {

void readAction(const QJsonObject &action)
{
    QStringList notes;
    (void)GatewayJson::actionName(action);
    (void)GatewayJson::redactedAction(action);
    const QString templateKey = action.value(QStringLiteral("templateKey")).toString();
    (void)GatewayJson::stageOf(templateKey);

    const InboundAuth inbound = GatewayJson::inboundFromAction(action, &notes);
    const QString routing = GatewayJson::routingFromAction(action);
    const OutboundAuth outbound = GatewayJson::outboundFromAction(action, &notes);

    // Writing the managed values over what was read and reading again gives them back.
    InboundAuth wantInbound;
    wantInbound.kind = InboundAuth::Kind::OAuth2Token;
    wantInbound.scopes = {QStringLiteral("orders:read")};
    if (GatewayJson::inboundFromAction(GatewayJson::inboundAction(wantInbound, action), &notes) != wantInbound)
        fuzz::fail("an identify & authorize action written over a read one does not read back");
    const QString endpoint = QStringLiteral("https://tenant.example/runflow/run/sync/orders");
    if (GatewayJson::routingFromAction(GatewayJson::routingAction(endpoint, action)) != endpoint)
        fuzz::fail("a routing action written over a read one does not read back");
    OutboundAuth wantOutbound;
    wantOutbound.alias = QStringLiteral("io-orders-basic");
    if (GatewayJson::outboundFromAction(GatewayJson::outboundAction(wantOutbound, action), &notes) != wantOutbound)
        fuzz::fail("an outbound auth action written over a read one does not read back");
    (void)inbound;
    (void)routing;
    (void)outbound;
}

void readAlias(const QJsonObject &object)
{
    for (const auto encoding :
         {Environment::AliasPasswordEncoding::Base64, Environment::AliasPasswordEncoding::Plain}) {
        const ObservedAlias observed = GatewayJson::observedAlias(object, encoding);
        Alias alias;
        alias.name = QStringLiteral("io-orders-basic");
        alias.technicalUser = QStringLiteral("svc-orders");
        const QString password = QStringLiteral("fuzz-password-value");
        const QJsonObject body = GatewayJson::aliasBody(alias, password, encoding, object);
        const ObservedAlias back = GatewayJson::observedAlias(body, encoding);
        if (back.alias.name != alias.name || back.alias.technicalUser != alias.technicalUser)
            fuzz::fail("an alias written over a read one does not read back");
        if (QJsonDocument(back.raw).toJson().contains("fuzz-password-value"))
            fuzz::fail("the password is in an alias's raw form");
        (void)observed;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(fuzz::bytes(data, size), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return 0;
    const QJsonValue reply = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());

    QString error;
    (void)GatewayJson::apiList(reply, &error);
    (void)GatewayJson::apiDetails(reply, &error);

    for (const char *envelope : {"policy", "policyAction", "alias", "api"}) {
        error.clear();
        const auto object = GatewayJson::readObject(reply, envelope, &error);
        if (object.has_value() == !error.isEmpty())
            fuzz::fail("readObject gives an object exactly when it gives no error");
        error.clear();
        const auto list = GatewayJson::readList(reply, envelope, &error);
        if (list.has_value() == !error.isEmpty())
            fuzz::fail("readList gives a list exactly when it gives no error");
    }

    const QJsonObject policy = GatewayJson::policyObject(reply);
    const QList<GatewayJson::Enforcement> enforcements = GatewayJson::enforcements(policy);
    QStringList remove;
    for (const auto &enforcement : enforcements)
        remove.append(enforcement.actionId);
    const QList<GatewayJson::Enforcement> add{{QStringLiteral("IAM"), QStringLiteral("managed-inbound")},
                                              {QStringLiteral("routing"), QStringLiteral("managed-routing")}};
    const QJsonObject updated = GatewayJson::policyWithEnforcements(policy, remove.mid(0, 1), add);
    const QList<GatewayJson::Enforcement> after = GatewayJson::enforcements(updated);
    for (const auto &wanted : add) {
        bool found = false;
        for (const auto &enforcement : after)
            found = found || enforcement.actionId == wanted.actionId; // kept in its stage if it was there already
        if (!found)
            fuzz::fail("an enforcement added to a policy is not in it afterwards");
    }

    for (const QJsonObject &action : GatewayJson::policyActions(reply))
        readAction(action);
    readAction(GatewayJson::policyActionObject(reply));
    if (reply.isObject())
        readAction(reply.toObject());

    for (const QJsonObject &alias : GatewayJson::aliases(reply))
        readAlias(alias);
    readAlias(GatewayJson::aliasObject(reply));
    return 0;
}
