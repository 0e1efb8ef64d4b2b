// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "faultrule.h"

#include <QJsonArray>
#include <QList>

#include <optional>

namespace gw {

/// The fault rules in force; counts matching requests and says which one must fail.
class FaultInjector
{
public:
    void add(const FaultRule &rule) { m_rules.append(rule); }
    void clear() { m_rules.clear(); }
    QJsonArray toJson() const;

    /// Counts this request against every matching rule; returns the rule that makes it fail, if any.
    std::optional<FaultRule> take(const QString &method, const QString &path);

private:
    QList<FaultRule> m_rules;
};

} // namespace gw
