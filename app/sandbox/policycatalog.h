// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace gw {

class SandboxState;

/// The policy stages and policy action templates the sandbox knows (GET /policyStages and
/// /policyActionTemplates), and the validation of a policy action's parameters against its template.
/// Four templates are modelled parameter by parameter (entryProtocolPolicy, evaluatePolicy,
/// straightThroughRouting, outboundTransportAuthentication); the other template keys of the stages are
/// accepted with any parameters, as only their presence matters to the sandbox.
class PolicyCatalog
{
public:
    PolicyCatalog();

    QJsonArray stages() const { return m_stages; }
    QJsonArray templates() const;
    std::optional<QJsonObject> actionTemplate(const QString &templateKey) const;
    bool isKnownTemplate(const QString &templateKey) const;
    bool isStage(const QString &stageKey) const;
    bool stageAllows(const QString &stageKey, const QString &templateKey) const;
    /// The stage an action of this template goes to by default (the first stage listing it).
    QString defaultStage(const QString &templateKey) const;
    /// The template's display name ("Identify & Authorize Application").
    QString templateName(const QString &templateKey) const;
    bool occursOnce(const QString &templateKey) const;

    /// Checks a policy action object (templateKey, parameters, names) as POST/PUT /policyActions do;
    /// returns the error text for a 400, or nothing when it is valid.
    std::optional<QString> validate(const QJsonObject &policyAction, const SandboxState &state) const;

private:
    std::optional<QString> validateParameters(const QJsonArray &parameters, const QJsonArray &parameterTemplates,
                                              const QString &where) const;

    QJsonArray m_stages;
    QHash<QString, QJsonObject> m_modelled;
    QStringList m_order;
};

} // namespace gw
