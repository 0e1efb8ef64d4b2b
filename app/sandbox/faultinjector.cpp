// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultinjector.h"

namespace gw {

QJsonArray FaultInjector::toJson() const
{
    QJsonArray rules;
    for (const FaultRule &rule : m_rules)
        rules.append(rule.toJson());
    return rules;
}

std::optional<FaultRule> FaultInjector::take(const QString &method, const QString &path)
{
    std::optional<FaultRule> firing;
    for (FaultRule &rule : m_rules) {
        if (!rule.matches(method, path))
            continue;
        ++rule.seen;
        const bool fires = rule.repeat ? rule.seen >= rule.nth : rule.seen == rule.nth;
        if (fires && !firing)
            firing = rule;
    }
    return firing;
}

} // namespace gw
