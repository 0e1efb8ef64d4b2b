// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultrule.h"

namespace gw {

static const QLatin1String adminBase("/rest/apigateway");

std::optional<FaultRule> FaultRule::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    const qsizetype lastColon = trimmed.lastIndexOf(QLatin1Char(':'));
    const qsizetype countColon = lastColon > 0 ? trimmed.lastIndexOf(QLatin1Char(':'), lastColon - 1) : -1;
    if (space <= 0 || countColon <= space) {
        *error = QStringLiteral("expected 'METHOD PATH-GLOB:N:ACTION', e.g. 'PUT /policies/*:3:500'");
        return std::nullopt;
    }
    FaultRule rule;
    rule.method = trimmed.left(space).toUpper();
    rule.pathGlob = trimmed.mid(space + 1, countColon - space - 1).trimmed();
    QString count = trimmed.mid(countColon + 1, lastColon - countColon - 1).trimmed();
    const QString action = trimmed.mid(lastColon + 1).trimmed().toLower();
    if (!rule.pathGlob.startsWith(QLatin1Char('/')) && rule.pathGlob != QLatin1String("*")) {
        *error = QStringLiteral("the path glob must start with '/' (got \"%1\")").arg(rule.pathGlob);
        return std::nullopt;
    }
    if (count.endsWith(QLatin1Char('+'))) {
        rule.repeat = true;
        count.chop(1);
    }
    bool ok = false;
    rule.nth = count.toInt(&ok);
    if (!ok || rule.nth < 1) {
        *error = QStringLiteral("N must be a number from 1, optionally followed by '+' (got \"%1\")").arg(count);
        return std::nullopt;
    }
    if (action == QLatin1String("hang")) {
        rule.action = Action::Hang;
    } else if (action == QLatin1String("drop")) {
        rule.action = Action::Drop;
    } else if (action == QLatin1String("commit-drop")) {
        rule.action = Action::CommitThenDrop;
    } else if (action == QLatin1String("null")) {
        rule.action = Action::NullEnvelope;
    } else if (action == QLatin1String("array")) {
        rule.action = Action::BareArray;
    } else {
        rule.status = action.toInt(&ok);
        if (!ok || rule.status < 400 || rule.status > 599) {
            *error = QStringLiteral(
                         "ACTION must be an HTTP status 400-599, hang, drop, commit-drop, null or array (got \"%1\")")
                         .arg(action);
            return std::nullopt;
        }
    }
    return rule;
}

std::optional<FaultRule> FaultRule::fromJson(const QJsonObject &object, QString *error)
{
    if (object.value(QLatin1String("rule")).isString())
        return parse(object.value(QLatin1String("rule")).toString(), error);
    const QJsonValue nth = object.value(QLatin1String("nth"));
    const QJsonValue action = object.value(QLatin1String("action"));
    if (!object.value(QLatin1String("method")).isString() || !object.value(QLatin1String("path")).isString() ||
        !(nth.isDouble() || nth.isUndefined()) || !(action.isString() || action.isDouble())) {
        *error = QStringLiteral(
            "expected {\"rule\": \"METHOD PATH-GLOB:N:ACTION\"} or {\"method\": string, \"path\": "
            "string, \"nth\": number, \"repeat\": boolean, \"action\": \"500\"|\"409\"|\"hang\"|\"null\"|\"array\"|"
            "\"drop\"|\"commit-drop\"}");
        return std::nullopt;
    }
    const QString actionText = action.isDouble() ? QString::number(action.toInt()) : action.toString();
    const QString text = object.value(QLatin1String("method")).toString() + QLatin1Char(' ') +
                         object.value(QLatin1String("path")).toString() + QLatin1Char(':') +
                         QString::number(nth.toInt(1)) +
                         (object.value(QLatin1String("repeat")).toBool() ? QStringLiteral("+") : QString()) +
                         QLatin1Char(':') + actionText;
    return parse(text, error);
}

QString FaultRule::toText() const
{
    QString actionText;
    switch (action) {
    case Action::Status:
        actionText = QString::number(status);
        break;
    case Action::Hang:
        actionText = QStringLiteral("hang");
        break;
    case Action::Drop:
        actionText = QStringLiteral("drop");
        break;
    case Action::CommitThenDrop:
        actionText = QStringLiteral("commit-drop");
        break;
    case Action::NullEnvelope:
        actionText = QStringLiteral("null");
        break;
    case Action::BareArray:
        actionText = QStringLiteral("array");
        break;
    }
    return method + QLatin1Char(' ') + pathGlob + QLatin1Char(':') + QString::number(nth) +
           (repeat ? QStringLiteral("+") : QString()) + QLatin1Char(':') + actionText;
}

QJsonObject FaultRule::toJson() const
{
    return QJsonObject{
        {QStringLiteral("rule"), toText()}, {QStringLiteral("method"), method},
        {QStringLiteral("path"), pathGlob}, {QStringLiteral("nth"), nth},
        {QStringLiteral("repeat"), repeat}, {QStringLiteral("action"), toText().section(QLatin1Char(':'), -1)},
        {QStringLiteral("seen"), seen}};
}

static bool globMatches(const QString &glob, const QString &path)
{
    const QRegularExpression expression(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(glob).replace(QStringLiteral("\\*"), QStringLiteral(".*"))));
    return expression.match(path).hasMatch();
}

bool FaultRule::matches(const QString &requestMethod, const QString &path) const
{
    if (method != QLatin1String("*") && method != requestMethod)
        return false;
    if (globMatches(pathGlob, path))
        return true;
    return path.startsWith(adminBase) && globMatches(pathGlob, path.mid(adminBase.size()));
}

} // namespace gw
